"""The law the portal encodes, as data, in one place (see ../shared/DOMAIN.md).

Slugs are the stored values; labels are what people read. Each table cites its source.
"""

from datetime import date

# --- Community Right to Challenge: Localism Act 2011, Part 5, Chapter 2 (ss.81-86) ---------------

# Sources read for this section (Community Right to Challenge), third pass (issue 22, 7 Dec 2026),
# each from its current revised text in the legalize-uk mirror of legislation.gov.uk
# (github.com/legalize-dev/legalize-uk; file, then the commit read):
# - Localism Act 2011 ss.81-86: uk/ukpga-2011-20.md @023fd301 (revised, last modified by TNA
#   2026-04-07). ss.83 and 84 are quoted in LOCALISM_CITATIONS below; neither has been amended.
# - SI 2012/1647: uk/uksi-2012-1647.md @10bd79d7 (the text as made; the mirror holds no revised
#   text), with its amendments read in the amending instruments: SI 2017/863 Sch 2 para 7
#   (uk/uksi-2017-863.md @094be5e4; reg 3(e) inserted from 1 October 2017, art. 1(1)) and SI
#   2018/269 Sch para 13 (uk/uksi-2018-269.md @e1778c8a; reg 3(b) substituted from 1 April 2018,
#   reg 1(2)).
# - SI 2012/1313 (Expressions of Interest and Excluded Services): legislation.gov.uk/uksi/2012/1313
#   (second pass); Sch 2 para 4's "commissioned or provided" as DOMAIN.md quotes it [check: the
#   mirror's copy was not read in this pass].
# - The orders under Fire and Rescue Services Act 2004 s.4A: see data/fire-and-rescue-authorities/
#   SOURCE.md (each order named with its number and the page it was read on).

# Localism Act 2011 ss.81-84, the one table of section references: code, letters, pages, emails
# and How we count take their citations from here, and tests/challenges/test_citations.py fails
# when a template or letter cites a subsection of ss.81-84 that is not in it. Each key is what
# the provision does; each value the words printed. Read in uk/ukpga-2011-20.md (above).
LOCALISM_CITATIONS = {
    "duty_to_consider": "s.81(1)",
    "eoi_requirements": "s.81(1)(b)",
    "relevant_authority": "s.81(2)",
    "county_council": "s.81(2)(a)",
    "district_council": "s.81(2)(b)",
    "london_borough": "s.81(2)(c)",
    "specified_authority": "s.81(2)(d)",
    "expression_of_interest": "s.81(4)",
    "relevant_service": "s.81(5)",
    "relevant_body": "s.81(6)",
    "employee_group": "s.81(6)(d)",
    # s.82(1): "a relevant body may submit an expression of interest ... at any time"; (2)-(3)
    # an authority may specify periods and must publish them; (4) it may refuse one outside them.
    "any_time": "s.82(1)",
    "windows": "s.82(2)",
    "windows_published": "s.82(3)",
    "outside_window": "s.82(4)",
    # s.83(1) accept or reject; (2) procurement exercise on acceptance; (3) appropriate to the
    # value and nature of the contract.
    "accept_or_reject": "s.83(1)",
    "procurement_exercise": "s.83(2)",
    "procurement_appropriate": "s.83(3)",
    "procurement_periods": "s.83(4)",
    # s.83(4)(a) "the minimum period that will elapse between (i) the date of the relevant
    # authority's decision to accept ... and (ii) the date on which it will begin the
    # procurement exercise"; (b) "the maximum period that will elapse between those dates".
    "procurement_min_period": "s.83(4)(a)",
    "procurement_max_period": "s.83(4)(b)",
    # (5) different periods for different cases; (6) publish them (website included); (7)
    # "must comply with a specification under subsection (4)".
    "procurement_periods_published": "s.83(6)",
    "procurement_periods_comply": "s.83(7)",
    # (8) "in considering an expression of interest, consider whether acceptance ... would
    # promote or improve the social, economic or environmental well-being of the authority's
    # area": every decision, a rejection too.
    "wellbeing_in_decision": "s.83(8)",
    # (9)-(10) the same in carrying out the procurement exercise, so far as procurement law allows.
    "wellbeing_in_procurement": "s.83(9)",
    "grounds_by_regulations": "s.83(11)",
    # s.84(1)-(2) modify only where it would not otherwise be capable of acceptance, and only with
    # the body's agreement.
    "modification": "s.84(1)",
    "modification_conditions": "s.84(2)",
    "modification_would_reject": "s.84(2)(a)",
    "modification_agreed": "s.84(2)(b)",
    # (3) "the maximum period that will elapse between (a) the date on which it receives an
    # expression of interest ... and (b) the date on which it notifies the relevant body of its
    # decision"; (4) different periods for different cases; (5) publish it.
    "decision_period": "s.84(3)",
    "decision_period_cases": "s.84(4)",
    "decision_period_published": "s.84(5)",
    # (6) notify the body in writing of the period within which it expects to notify its
    # decision; (7) within 30 days beginning immediately after the end of the window the
    # challenge was made in, or otherwise beginning with the day of receipt.
    "expected_decision_notice": "s.84(6)",
    "expected_decision_notice_due": "s.84(7)",
    # (8) notify the decision in writing within the period, with reasons for a modification or a
    # rejection; (9) publish the notification (website included).
    "decision_notice": "s.84(8)",
    "decision_reasons": "s.84(8)(b)",
    "decision_published": "s.84(9)",
    # (10) withdrawal "whether before or after a decision has been made"; (11) a withdrawal does
    # not prevent the authority proceeding with the procurement exercise.
    "withdrawal": "s.84(10)",
    "withdrawal_procurement": "s.84(11)",
}


def cite(key: str) -> str:
    """The Localism Act 2011 reference for a provision of LOCALISM_CITATIONS ("s.83(4)(b)")."""
    return LOCALISM_CITATIONS[key]


def cite_act(key: str) -> str:
    """The same, with the Act named: "Localism Act 2011 s.83(4)(b)"."""
    return f"Localism Act 2011 {LOCALISM_CITATIONS[key]}"


# s.84(7): the notice of when to expect the decision is due within 30 days (beginning with the
# day of receipt, or immediately after the end of the window the challenge was made in).
EXPECTED_DECISION_NOTICE_DAYS = 30

# Types in the register of local authorities (mySociety), plus fire and rescue authorities.
AUTHORITY_TYPES = {
    "CTY": "County council",
    "NMD": "District council",
    "UA": "Unitary authority",
    "MD": "Metropolitan district",
    "LBO": "London borough",
    "CC": "City of London Corporation",
    "FRA": "Fire and rescue authority",
}
# Why each type is a relevant authority (s.81(2): "(a) a county council in England, (b) a
# district council, (c) a London borough council, or (d) such other person or body ... as the
# Secretary of State may specify by regulations"). A unitary authority is a county council or a
# district council that has taken on the other tier's functions (structural changes under the
# Local Government Act 1992 Part 2 and the Local Government and Public Involvement in Health Act
# 2007 Part 1); a metropolitan district's council is a district council (Local Government Act
# 1972 s.1(2)-(4), s.2; the metropolitan county councils were abolished by the Local Government
# Act 1985 s.1) [check: each unitary's order says which of the two it is].
RELEVANT_AUTHORITY_BASIS = {
    "CTY": "A county council in England (Localism Act 2011 s.81(2)(a))",
    "NMD": "A district council (Localism Act 2011 s.81(2)(b))",
    "MD": "A metropolitan district council is a district council (Localism Act 2011 s.81(2)(b))",
    "UA": "A unitary council is a county or district council (Localism Act 2011 s.81(2)(a), (b))",
    "LBO": "A London borough council (Localism Act 2011 s.81(2)(c))",
    "FRA": "A fire and rescue authority specified by SI 2012/1647 reg 3 under Localism Act 2011 "
    "s.81(2)(d)",
}
# Listed (they can be parties to agreements) but not relevant authorities: no provision was found
# that makes them so (searched: s.81, SI 2012/1647 reg 3, SI 2012/1313) [check].
NOT_RELEVANT_AUTHORITIES = {
    "LND": "The Common Council of the City of London is not a county, district or London "
    "borough council, and no regulations under Localism Act 2011 s.81(2)(d) specify it, so it "
    "is not a relevant authority for the Community Right to Challenge",
    "IOS": "The Council of the Isles of Scilly is a council of its own kind (Local Government "
    "Act 1972 s.265), not a county, district or London borough council, and no regulations "
    "under Localism Act 2011 s.81(2)(d) specify it, so it is not a relevant authority for the "
    "Community Right to Challenge",
}
NOT_RELEVANT_TYPE_REASONS = {
    "CC": NOT_RELEVANT_AUTHORITIES["LND"],
}
# SI 2012/1647 reg 3 as amended: "Each of the following bodies in England is specified as a
# relevant authority for the purposes of section 81(2)(d)- (a) a metropolitan county fire and
# rescue authority established under section 26 of the Local Government Act 1985, (b) the London
# Fire Commissioner [substituted by SI 2018/269 Sch para 13 from 1 April 2018; as made: the London
# Fire and Emergency Planning Authority], (c) a fire and rescue authority that is constituted by a
# scheme under section 2 of the Fire and Rescue Services Act 2004, (d) a fire and rescue authority
# that is constituted by a scheme to which section 4 of that Act applies, or (e) a fire and rescue
# authority created by an order under section 4A of that Act [inserted by SI 2017/863 Sch 2 para 7
# from 1 October 2017]." Read as recorded at the top of this section.
FIRE_AND_RESCUE_BASES = {
    "reg3a": "SI 2012/1647 reg 3(a): metropolitan county fire and rescue authority",
    "reg3b": "SI 2012/1647 reg 3(b), as substituted by SI 2018/269 from 1 April 2018: the "
    "London Fire Commissioner",
    "reg3c": "SI 2012/1647 reg 3(c): combined fire and rescue authority (Fire and Rescue "
    "Services Act 2004 s.2 scheme)",
    "reg3d": "SI 2012/1647 reg 3(d): fire and rescue authority constituted by a scheme to which "
    "Fire and Rescue Services Act 2004 s.4 applies",
    "reg3e": "SI 2012/1647 reg 3(e), inserted by SI 2017/863 from 1 October 2017: fire and "
    "rescue authority created by an order under Fire and Rescue Services Act 2004 s.4A (a "
    "police, fire and crime commissioner)",
}


def not_relevant_reason(authority_type: str, code: str, fire_basis: str = "") -> str:
    """Why an authority cannot be challenged ("" when it can): its code or type is listed above,
    or it is a fire and rescue authority that no paragraph of SI 2012/1647 reg 3 covers."""
    if code in NOT_RELEVANT_AUTHORITIES:
        return NOT_RELEVANT_AUTHORITIES[code]
    if authority_type in NOT_RELEVANT_TYPE_REASONS:
        return NOT_RELEVANT_TYPE_REASONS[authority_type]
    if authority_type not in RELEVANT_AUTHORITY_BASIS:
        return "Its type of authority is not one that Localism Act 2011 s.81(2) names"
    if authority_type == "FRA" and fire_basis not in FIRE_AND_RESCUE_BASES:
        return "No paragraph of SI 2012/1647 reg 3 specifies it"
    return ""


def relevant_authority_basis(authority_type: str, fire_basis: str = "") -> str:
    if authority_type == "FRA" and fire_basis in FIRE_AND_RESCUE_BASES:
        return f"{FIRE_AND_RESCUE_BASES[fire_basis]} (Localism Act 2011 s.81(2)(d))"
    return RELEVANT_AUTHORITY_BASIS.get(authority_type, "")


# s.81(6): who may challenge.
BODY_TYPES = [
    ("voluntary_community_body", "Voluntary or community body"),
    ("charitable_trust", "Body or trust established for charitable purposes only"),
    ("parish_council", "Parish council"),
    ("employee_group", "Two or more employees of the authority"),
]
# s.81(6)(d): "in relation to a relevant authority, two or more employees of that authority".
EMPLOYEE_GROUP_MIN_MEMBERS = 2
# Consortium partners or subcontractors may be any of the above or a commercial firm (s.81(6)).
PARTNER_TYPES = [*BODY_TYPES, ("commercial", "Commercial firm")]
# Organisations that may register but are not relevant bodies (s.81(6)): they cannot challenge,
# and may make innovation offers (offers/) like any registered organisation.
OTHER_ORGANISATION_TYPES = [
    ("private_company", "Private company"),
    ("social_enterprise", "Social enterprise"),
    ("nhs_body", "NHS body"),
    ("public_body", "Other public body, such as a police force"),
    ("consortium", "Consortium"),
]
ORGANISATION_TYPES = [*BODY_TYPES, *OTHER_ORGANISATION_TYPES]

# s.81(1)(b) and SI 2012/1313 reg 3, Schedule 1: what an expression of interest must contain.
EOI_CONTENTS = [
    ("in_writing", "It is made in writing"),
    ("financial_resources", "Information about the body's financial resources"),
    (
        "capability_evidence",
        "Evidence that by the time of any procurement it will be capable of providing, "
        "or assisting in providing, the service",
    ),
    ("service_and_area", "Enough information to identify the service and the area it covers"),
    (
        "outcomes_wellbeing",
        "The outcomes to be achieved, in particular how it would promote or improve the social, "
        "economic or environmental well-being of the authority's area",
    ),
    ("outcomes_user_needs", "How it would meet the needs of the service's users"),
    ("employee_engagement", "For an employee group: how it will engage other affected employees"),
    (
        "consortium_members",
        "For each consortium member or subcontractor: its financial resources and capability",
    ),
]

# SI 2012/1313 reg 4, Schedule 2: services that cannot be challenged. (Two NHS-related exclusions
# lapsed on 1 April 2014.) Sch 2 para 4: a service "commissioned or provided" for a named person
# (DOMAIN.md §1, issue 22).
EXCLUDED_SERVICES = [
    (
        "named_person_complex_needs",
        "Commissioned or provided for a named person with complex individual health or social "
        "care needs",
    ),
]

# SI 2012/1647 reg 4 and Schedule (legislation.gov.uk/ukdsi/2012/9780111523872/schedule): the
# only grounds on which a challenge may be rejected (Localism Act 2011 s.83(11)), in the
# Schedule's words, numbered by its paragraphs. Grounds 2, 3, 5, 9 and 10 turn on the authority's
# view ("in the opinion of the relevant authority", "the relevant authority considers") and keep
# it. The end of paragraph 10 was cut off in the copy read [check its last words].
REJECTION_GROUNDS = [
    (
        "non_compliant",
        "1. The expression of interest does not comply with one or more of the requirements "
        "specified in section 81(1) or in regulations made by the Secretary of State under "
        "section 81(1)(b)",
    ),
    (
        "info_inadequate_or_inaccurate",
        "2. The relevant body provides information in the expression of interest which, in the "
        "opinion of the relevant authority, is in a material particular inadequate or inaccurate",
    ),
    (
        "body_unsuitable",
        "3. The relevant authority considers, based on the information in the expression of "
        "interest, that the relevant body or, where applicable, any member of the consortium of "
        "which it is a part, or any sub-contractor referred to in the expression of interest, is "
        "not suitable to provide or assist in providing the relevant service",
    ),
    (
        "service_being_stopped",
        "4. The expression of interest relates to a relevant service where a decision, evidenced "
        "in writing, has been taken by the relevant authority to stop providing that service",
    ),
    (
        "nhs_integration_critical",
        "5. The expression of interest relates to a relevant service provided, in whole or in "
        "part, by or on behalf of the relevant authority to persons who are also in receipt of a "
        "service provided or arranged by an NHS body which is integrated with the relevant "
        "service, and the continued integration of such services is, in the opinion of the "
        "relevant authority, critical to the well-being of those persons",
    ),
    (
        "already_in_procurement",
        "6. The relevant service is already the subject of a procurement exercise",
    ),
    (
        "third_party_negotiations",
        "7. The relevant authority and a third party have entered into negotiations for provision "
        "of the relevant service, which negotiations are at least in part conducted in writing",
    ),
    (
        "employee_mutual_published",
        "8. The relevant authority has published its intention to consider the provision of the "
        "relevant service by a body that 2 or more specified employees of that authority propose "
        "to establish",
    ),
    (
        "frivolous_or_vexatious",
        "9. The relevant authority considers that the expression of interest is frivolous or "
        "vexatious",
    ),
    (
        "unlawful_or_breach_of_duty",
        "10. The relevant authority considers that acceptance of the expression of interest is "
        "likely to lead to contravention of an enactment or other rule of law or a breach of "
        "statutory duty",
    ),
]
# Grounds that a fact recorded in the portal can contradict: the slug, and the service field that
# must be true for the ground to fit (ground 5 needs users who also receive an integrated NHS
# service; ServiceSpecificationPage.nhs_integrated records it).
NHS_INTEGRATION_GROUND = "nhs_integration_critical"

# s.83(4)(a)-(b) and s.84(3): each authority specifies and publishes these periods (s.83(6),
# s.84(5)); no national lengths exist, and the portal never assumes one: an authority that has
# not published them shows NOT_PUBLISHED.
PERIOD_UNITS = [
    ("working_days", "working days"),
    ("calendar_days", "calendar days"),
    ("months", "months"),
]
NOT_PUBLISHED = "not published"

# --- Procurement that follows (DOMAIN.md §2) --------------------------------------------------

PROCUREMENT_REGIMES = [
    ("competitive", "Procurement Act 2023: competitive tendering procedure"),
    ("light_touch", "Procurement Act 2023: light touch services"),
    ("provider_selection", "Health Care Services (Provider Selection Regime) Regulations 2023"),
    ("below_threshold", "Procurement Act 2023 Part 6: below-threshold contract"),
]
# When each regime began (DOMAIN.md §2): the Act for procurements started from 24 February 2025
# [law], the Provider Selection Regime from 1 January 2024 (SI 2023/1348) [law].
REGIME_COMMENCEMENT = {
    "competitive": date(2025, 2, 24),
    "light_touch": date(2025, 2, 24),
    "below_threshold": date(2025, 2, 24),
    "provider_selection": date(2024, 1, 1),
}

# What is being bought decides which threshold applies and which regimes fit (Procurement Act
# 2023 Schedule 1; light touch services are listed in the Procurement Regulations 2024 Schedule 1).
CONTRACT_KINDS = [
    ("light_touch_services", "Light touch services (social care, community and similar)"),
    ("goods_services", "Other goods and services"),
    ("works", "Works"),
    ("health_care_services", "Health care services (Provider Selection Regime)"),
]
REGIMES_FOR_KIND = {
    # above threshold, below threshold
    "light_touch_services": ("light_touch", "below_threshold"),
    "goods_services": ("competitive", "below_threshold"),
    "works": ("competitive", "below_threshold"),
    "health_care_services": ("provider_selection", "provider_selection"),  # no threshold
}
THRESHOLD_FOR_KIND = {
    "light_touch_services": "light_touch",
    "goods_services": "goods_services",
    "works": "works",
}

# Thresholds including VAT, dated: they change every two years [practice]. Sub-central
# contracting authorities (Procurement Act 2023 Schedule 1, as amended every two years).
PROCUREMENT_THRESHOLDS = [
    {
        "from": date(2024, 1, 1),
        "light_touch": 663_540,
        "goods_services": 214_904,
        "works": 5_372_609,
    },
    {
        "from": date(2026, 1, 1),
        "light_touch": 663_540,
        "goods_services": 207_720,
        "works": 5_193_000,
    },
]


def thresholds_on(day: date) -> dict | None:
    """The threshold table in force on a day (None before the first one kept here)."""
    in_force = [row for row in PROCUREMENT_THRESHOLDS if row["from"] <= day]
    return max(in_force, key=lambda row: row["from"]) if in_force else None


# Procurement Act 2023 s.123(1) ("working day"): not a Saturday or Sunday, Christmas Day, Good
# Friday, or a bank holiday under the Banking and Financial Dealings Act 1971 in any part of the
# United Kingdom. Read at https://www.legislation.gov.uk/ukpga/2023/54/section/123/enacted (and the
# gov.uk guidance "Contract award notices and standstill"). Every working-day period of the Act is
# counted on portal.working_days.UNITED_KINGDOM; the portal's s.84 clock keeps England and Wales.
PROCUREMENT_WORKING_DAY = "United Kingdom"

# The seventeen notices of the Procurement Act 2023 and the Procurement Regulations 2024 (SI
# 2024/692, Part 2), with the Find a Tender codes, names and the section requiring each. Names and
# codes from Find a Tender's "Notice types and sequences"
# (https://www.find-tender.service.gov.uk/Home/NoticeTypes); the dynamic market notices from SI
# 2024/692 reg 25 (https://legislation.gov.uk/uksi/2024/692/regulation/25/made) [check the
# names Find a Tender gives UK13-UK17].
PROCUREMENT_ACT_NOTICES = [
    ("UK1", "Pipeline notice", "s.93"),
    ("UK2", "Preliminary market engagement notice", "s.17"),
    ("UK3", "Planned procurement notice", "s.15"),
    ("UK4", "Tender notice", "s.21"),
    ("UK5", "Transparency notice", "s.44"),
    ("UK6", "Contract award notice", "s.50"),
    ("UK7", "Contract details notice", "s.53"),
    ("UK8", "Payments compliance notice", "s.69"),
    ("UK9", "Contract performance notice", "s.71"),
    ("UK10", "Contract change notice", "s.75"),
    ("UK11", "Contract termination notice", "s.80"),
    ("UK12", "Procurement termination notice", "s.55"),
    ("UK13", "Dynamic market notice: intention to establish", "s.39(2)"),
    ("UK14", "Dynamic market notice: establishment", "s.39(3)"),
    ("UK15", "Dynamic market notice: modification", "s.39(4)"),
    ("UK16", "Dynamic market notice: cessation", "s.39(5)"),
    ("UK17", "Qualifying utilities dynamic market notice", "s.40"),
]

# Health Care Services (Provider Selection Regime) Regulations 2023 (SI 2023/1348): the Act's
# notices and standstill do not apply (DOMAIN.md §2); the regime has five processes (regs 6-11)
# and its own notices on the UK e-notification service (Find a Tender). Read at
# https://www.legislation.gov.uk/uksi/2023/1348/contents/made and .../regulation/12/made.
PSR_PROCESSES = [
    ("direct_award_a", "Direct Award Process A: only the existing provider can provide it (reg 7)"),
    ("direct_award_b", "Direct Award Process B: patients choose among all providers (reg 8)"),
    ("direct_award_c", "Direct Award Process C: the existing provider continues (reg 9)"),
    ("most_suitable_provider", "Most Suitable Provider Process (reg 10)"),
    ("competitive", "Competitive Process (reg 11)"),
]
# Portal codes (Find a Tender names these notices, it gives them no UK code).
PSR_NOTICES = [
    ("PSR-CN", "Contract notice (Competitive Process)", "reg 11"),
    ("PSR-IA", "Notice of intention to award a contract", "regs 9(3), 10(7), 11(9)"),
    # Published within 30 days of the award [check the paragraph of each of regs 7-11].
    ("PSR-AW", "Notice of the award of a contract", "regs 7-11"),
    # Reg 15(4): "a relevant authority decides to abandon a procurement ... must submit for
    # publication on the central digital platform a notice of that decision"; reg 15(5) within
    # 30 days of the decision, or, decided in a standstill, after it ends and within 30 days of
    # its end (reg 15(2)-(3): the procurement is abandoned only after the standstill). Read in
    # legalize-uk uk/uksi-2023-1348.md @0422f9b4 (revised, with the 2024 amendments).
    ("PSR-AB", "Notice of a decision to abandon a procurement", "reg 15(4)-(5)"),
]
PSR_ABANDONMENT_NOTICE_DAYS = 30
PSR_AWARD_NOTICE_DAYS = 30  # [check: regs 7-11, "within 30 days" of the award]
# Reg 12(1): a standstill only after Direct Award Process C, the Most Suitable Provider Process
# and the Competitive Process. Reg 12(2): it begins on the day after the notice of intention to
# award is published; reg 12(3): representations until midnight at the end of the 8th working day
# after the day it begins. The contract is not entered into before its end. Counted in England's
# working days (the Regulations apply in England only, reg 1(2)).
PSR_STANDSTILL_PROCESSES = {"direct_award_c", "most_suitable_provider", "competitive"}
PSR_STANDSTILL_WORKING_DAYS = 8
# The notice each stage of an exercise under the regime publishes, by process; a stage not listed
# for a process publishes none (the regime has no preliminary market engagement notice;
# termination (reg 22) is not a notice of the regime). Cancelling an exercise under the regime
# is abandoning the procurement: it publishes the abandonment notice of reg 15(4).
PSR_STAGE_NOTICES = {
    "cancel": dict.fromkeys([slug for slug, _ in PSR_PROCESSES], "PSR-AB"),
    "open_tender": {"competitive": "PSR-CN"},
    "confirm_award": dict.fromkeys(sorted(PSR_STANDSTILL_PROCESSES), "PSR-IA"),
    "start_delivery": dict.fromkeys([slug for slug, _ in PSR_PROCESSES], "PSR-AW"),
}

# Issue 22: nothing about a proposed award (the supplier, the value) is public before the notice
# that announces it: the contract award notice (UK6, s.50), a transparency notice of a direct
# award (UK5, s.44), or under the Provider Selection Regime the notice of intention to award or
# of the award (PSR-IA, PSR-AW). An exercise in "award proposed" has published none of them.
AWARD_NOTICE_CODES = {"UK5", "UK6", "PSR-IA", "PSR-AW"}

FIND_A_TENDER_NOTICES = [(code, name) for code, name, _ in PROCUREMENT_ACT_NOTICES + PSR_NOTICES]
NOTICE_SOURCES = {
    **{code: f"Procurement Act 2023 {where}" for code, _, where in PROCUREMENT_ACT_NOTICES},
    **{code: f"SI 2023/1348 {where}" for code, _, where in PSR_NOTICES},
}

# Procurement Act 2023 s.51: the mandatory standstill is the period of eight working days
# beginning with the day on which the contract award notice is published (the day of publication
# counts when it is a working day); the contract is entered into only after it ends, so from the
# next working day. Optional for light touch contracts and below-threshold contracts; a voluntary
# standstill is also at least eight working days. Read at
# https://gov.uk/government/publications/procurement-act-2023-guidance-documents-procure-phase/guidance-contract-award-notices-and-standstill-html
STANDSTILL_MIN_WORKING_DAYS = 8
STANDSTILL_OPTIONAL_REGIMES = {"light_touch", "below_threshold"}

# The notice each stage of an exercise under the Act publishes, and the OCDS release tag it maps
# to (DOMAIN.md §2 "Suggested mapping"). The planning record made when an exercise opens (from an
# accepted challenge or by an officer) has no Find a Tender notice of its own.
STAGE_NOTICES = {
    "begin_market_engagement": "UK2",
    "open_tender": "UK4",
    "confirm_award": "UK6",
    "start_delivery": "UK7",
    "cancel": "UK12",
    "terminate_contract": "UK11",
}
OCDS_TAG_FOR_NOTICE = {
    "": "planning",
    "UK1": "planning",
    "UK2": "planning",
    "UK3": "planning",
    "UK4": "tender",
    "UK5": "award",
    "UK6": "award",
    "UK7": "contract",
    "UK8": "implementation",
    "UK9": "implementation",
    "UK10": "contractAmendment",
    "UK11": "contractTermination",
    "UK12": "tenderCancellation",
    "UK13": "planning",
    "UK14": "planning",
    "UK15": "planningUpdate",
    "UK16": "planningUpdate",
    "UK17": "planning",
    "PSR-CN": "tender",
    "PSR-IA": "award",
    "PSR-AW": "contract",
    "PSR-AB": "tenderCancellation",
}

# Procurement Act 2023 s.53: the contract details notice (UK7) within 30 days beginning with the
# day the contract is entered into, 120 days for a light touch contract (gov.uk guidance
# "Light touch contracts", Annex A; https://www.wardhadaway.com/insights/updates/procurement-in-a-nutshell-procurement-act-2023-light-touch-contracts/).
CONTRACT_DETAILS_NOTICE_DAYS = {"light_touch": 120, "provider_selection": PSR_AWARD_NOTICE_DAYS}
CONTRACT_DETAILS_NOTICE_DEFAULT_DAYS = 30

# Procurement Act 2023 s.54(4): the minimum tendering period of a competitive tendering procedure
# (s.20: the open procedure or a competitive flexible procedure), in days from the day after the
# tender notice (or the invitation to tender) is published. Each row is a circumstance; where
# several apply, the shortest applies. The Act's normal minimum is 25 days with electronic
# tenders and every associated tender document provided with the notice; each of these missing
# adds 5 days; a qualifying planned procurement notice (UK3, s.54(5): published 40 days to one
# year before the tender notice) or a state of urgency that makes the normal period impractical
# shortens it to 10 days. Light touch contracts have no minimum. Read at
# https://gov.uk/government/publications/procurement-act-2023-guidance-documents-procure-phase/time-periods-html,
# https://www.find-tender.service.gov.uk/Home/NoticeTypes (UK3, UK4) [check the 30 and 35 day
# rows against the table's text].
#
# Third pass (issue 22): s.54 and s.15 read in the Act's revised text, legalize-uk
# uk/ukpga-2023-54.md @0dc6bb0f (the legislation.gov.uk version of 2024-03-12) [check whether SI
# 2024/692 amended s.54 since: the mirror shows no later version]. s.54(4)'s table holds rows the
# portal lacked: for a contract "being awarded by a contracting authority that is not a central
# government authority" (Schedule 1 para 5: every authority of the portal), a "negotiated
# tendering period" (agreed with pre-selected suppliers, s.54(5)) has no minimum and "tenders may
# be submitted only by preselected suppliers" 10 days; an award "by reference to suppliers'
# membership of a dynamic market" 10 days. The 30- and 35-day rows are confirmed as kept.
TENDERING_PROCEDURES = [
    ("open", "Open procedure"),
    ("competitive_flexible", "Competitive flexible procedure"),
]
# Who may tender, for the rows of s.54(4) that turn on it (s.54(5) "pre-selected supplier": one
# assessed as satisfying the conditions of participation before being invited to tender, or a
# member of the dynamic market the contract is awarded by reference to).
TENDER_SUBMISSIONS = [
    ("any_supplier", "Any supplier may tender"),
    ("preselected", "Only pre-selected suppliers may tender"),
    (
        "negotiated",
        "Only pre-selected suppliers may tender, within a tendering period agreed with them",
    ),
    ("dynamic_market", "Awarded by reference to suppliers' membership of a dynamic market"),
]
# No authority of the portal is a central government authority (Schedule 1 para 5): councils,
# fire and rescue authorities and the NHS bodies that are parties to agreements.
CENTRAL_GOVERNMENT_AUTHORITY = False
TENDERING_PERIOD_ROWS = [
    # (slug, circumstance, days)
    ("light_touch", "The contract is a light touch contract: no minimum", 0),
    (
        "negotiated",
        "The contracting authority is not a central government authority and the tendering "
        "period is negotiated with pre-selected suppliers: no minimum",
        0,
    ),
    (
        "preselected",
        "The contracting authority is not a central government authority and tenders may be "
        "submitted only by pre-selected suppliers",
        10,
    ),
    (
        "dynamic_market",
        "The contract is awarded by reference to suppliers' membership of a dynamic market",
        10,
    ),
    (
        "planned_procurement_notice",
        "A qualifying planned procurement notice was published 40 days to one year before",
        10,
    ),
    ("urgency", "A state of urgency makes the normal minimum impractical", 10),
    (
        "electronic_with_documents",
        "Tenders may be sent electronically and every tender document is provided with the notice",
        25,
    ),
    (
        "electronic_without_documents",
        "Tenders may be sent electronically; not every tender document is provided with the notice",
        30,
    ),
    (
        "paper_with_documents",
        "Tenders cannot be sent electronically; every tender document is provided with the notice",
        30,
    ),
    ("paper_without_documents", "In any other case", 35),
]
TENDERING_PERIOD_REGIMES = {"competitive", "light_touch"}  # s.54 applies above threshold
# s.15(3): "at least 40 days but not more than 12 months before the day on which the tender
# notice is published": calendar months, so a leap year's 366 days count too.
QUALIFYING_PLANNED_NOTICE_MIN_DAYS = 40
QUALIFYING_PLANNED_NOTICE_MAX_MONTHS = 12
# s.54(3): the participation period of a competitive flexible procedure (from the day after the
# invitation to request to participate to the day requests are due, s.54(5)); a planned
# procurement notice does not shorten it.
PARTICIPATION_PERIOD_ROWS = [
    ("light_touch", "The contract is a light touch contract: no minimum", 0),
    ("urgency", "A state of urgency makes a 25 day participation period impractical", 10),
    ("normal", "Neither of the above applies", 25),
]

# --- Section 75 partnership agreements (NHS Act 2006 s.75; SI 2000/617) ---------------------------

# SI 2000/617 read (issue 22) in the legalize-uk mirror, uk/uksi-2000-617.md @fd07d47d: the text
# as made (10 March 2000; the mirror holds no revised text, and the amendments since, made as the
# NHS bodies named in reg 3(1) were replaced, were not read) [check the revised text].
#
# Reg 3(2): "The local authorities prescribed for the purposes of section 31 of the Act are- (a)
# a district council; (b) a county council; (c) a county borough council; (d) a London borough
# council; and (e) the Common Council of the City of London." No other body (a fire and rescue
# authority, a police body, a combined authority) may propose or be party to an agreement. By
# register type: a metropolitan district's council and a unitary council are district or county
# councils (see RELEVANT_AUTHORITY_BASIS); county borough councils are Welsh, and the
# Regulations extend to England only (reg 1(2)). The Council of the Isles of Scilly is not named
# in reg 3(2) as made; it is kept as a partner, as the portal listed it, until the revised text
# or an order under the Local Government Act 1972 s.265 is read [check].
AGREEMENT_LOCAL_AUTHORITY_TYPES = {
    "NMD": "a district council (SI 2000/617 reg 3(2)(a))",
    "MD": "a metropolitan district council is a district council (SI 2000/617 reg 3(2)(a))",
    "CTY": "a county council (SI 2000/617 reg 3(2)(b))",
    "UA": "a unitary council is a county or district council (SI 2000/617 reg 3(2)(a), (b))",
    "LBO": "a London borough council (SI 2000/617 reg 3(2)(d))",
    "CC": "the Common Council of the City of London (SI 2000/617 reg 3(2)(e))",
}
AGREEMENT_PARTNERS_SOURCE = "SI 2000/617 reg 3(2)"

AGREEMENT_TYPES = [
    ("pooled_fund", "Pooled fund"),
    ("lead_commissioning", "Lead commissioning"),
    ("integrated_provision", "Integrated provision"),
]
# What the written agreement must specify: reg 7(3) (pooled fund), reg 8(2) (functions exercised
# by an NHS body) and reg 9(3) (by a local authority), each (a)-(g) in the same order; (b) is a
# pooled fund's contributions or the payments between partners, (g) its management or the
# monitoring of the functions.
AGREEMENT_CONTENTS_SOURCE = "SI 2000/617 regs 7(3), 8(2) and 9(3)"
AGREEMENT_CONTENTS = [
    ("aims_outcomes", "The agreed aims and outcomes"),
    ("contributions", "Each partner's contributions or payments and how they may vary"),
    ("functions", "The NHS and health-related functions covered"),
    ("client_groups_services", "Who is served and which kinds of service"),
    ("resources", "Staff, goods, services and accommodation each partner provides"),
    ("term_review_variation_termination", "Duration, review, variation and termination"),
    ("monitoring", "Monitoring arrangements, or the management of the pooled fund"),
]
# Functions an arrangement may cover (SI 2000/617 reg 5, the NHS functions, and reg 6, the
# councils' health-related functions; DOMAIN.md §3). The NHS list is offered in full, with the
# functions that regulation 5 excludes, so that a choice of one of those is refused with its
# reason rather than hidden. Read at https://www.legislation.gov.uk/uksi/2000/617/made/data.html.
AGREEMENT_COUNCIL_FUNCTIONS = [
    ("adult_social_care", "Adult social care"),
    ("childrens_social_care", "Children's social care"),
    ("public_health", "Public health"),
    ("housing", "Housing functions that affect health"),
    ("transport", "Transport functions that affect health"),
    ("leisure", "Leisure functions that affect health"),
    ("education", "Education functions that affect health"),
]
AGREEMENT_NHS_FUNCTIONS_IN_SCOPE = [
    ("community_health", "Community health services"),
    ("mental_health", "Mental health services"),
    ("learning_disability", "Learning disability services"),
    ("continuing_healthcare", "NHS continuing healthcare"),
    ("intermediate_care", "Intermediate care and reablement"),
    ("childrens_community_health", "Children's community health services"),
]
# SI 2000/617 reg 5: NHS functions that may not be included in partnership arrangements.
AGREEMENT_OUT_OF_SCOPE = [
    ("surgery", "Surgery"),
    ("radiotherapy", "Radiotherapy"),
    ("termination_of_pregnancy", "Termination of pregnancy"),
    ("endoscopy", "Endoscopy"),
    ("class_4_laser", "Class 4 laser treatment"),
    ("invasive_treatment", "Other invasive treatment"),
    ("emergency_ambulance", "Emergency ambulance services"),
]
# "Primary-care contractor functions" was listed here before issue 22; reg 5 as made does not
# name them (its exclusions are those of reg 5(a)(i) above), so it is removed [check whether a
# later amendment of reg 5 excludes primary care services].
AGREEMENT_NHS_FUNCTIONS = AGREEMENT_NHS_FUNCTIONS_IN_SCOPE + AGREEMENT_OUT_OF_SCOPE
AGREEMENT_EXCLUSIONS_SOURCE = "SI 2000/617 reg 5"

# SI 2000/617 reg 4, read as made: reg 4(1) allows arrangements "if the partnership arrangements
# are likely to lead to an improvement in the way in which those functions are exercised";
# reg 4(2) "unless they have consulted jointly such persons as appear to them to be affected";
# reg 4(3) not "which do not fulfil the objectives set out in the health improvement plan of the
# Health Authority" - a plan under the Health Act 1999 s.28 by a Health Authority, both since
# abolished, so the portal does not model it [check: its amendment or revocation was not read].
# Recorded on the agreement (what the partners found and did), required before it takes effect.
AGREEMENT_CONDITIONS = [
    (
        "improvement_expected",
        "The arrangements are likely to lead to an improvement in the way the functions are "
        "exercised",
    ),
    (
        "joint_consultation",
        "The partners have jointly consulted the people who appear to them to be affected",
    ),
]
AGREEMENT_CONDITIONS_SOURCE = "SI 2000/617 reg 4(1)-(2)"
AGREEMENT_CONDITION_SOURCES = {
    "improvement_expected": "SI 2000/617 reg 4(1)",
    "joint_consultation": "SI 2000/617 reg 4(2)",
}

# Staff working under an agreement [practice]: transfer under TUPE (SI 2006/246) or secondment.
STAFF_ARRANGEMENTS = [
    ("tupe_transfer", "Transfer of employment (TUPE)"),
    ("secondment", "Secondment"),
]
# How a review of an agreement in force ends [practice].
REVIEW_OUTCOMES = [
    ("continued", "Continued unchanged"),
    ("varied", "Varied"),
    ("renewed", "Renewed for a further term"),
]
AGREEMENT_REVIEW_INTERVAL_MONTHS = 12  # annual review [practice]
AGREEMENT_REVIEW_REMINDER_DAYS = 30  # remind the partners this many days before a review is due
# Remind those whose decision or approval a case has awaited this many working days [practice].
AWAITED_REMINDER_WORKING_DAYS = 10

NHS_BODY_TYPES = [
    ("icb", "Integrated care board"),
    ("nhs_trust", "NHS trust"),
    ("foundation_trust", "NHS foundation trust"),
    ("nhs_england", "NHS England"),
]


# --- Innovation offers (offers/): not statutory ---------------------------------------------------

# An innovation offer is the portal's own door, not the law's: the offer's pages, emails, search
# entries and open data carry these words wherever an offer appears.
OFFER_NOT_STATUTORY = (
    "An innovation offer is not a challenge under the Community Right to Challenge (Localism "
    "Act 2011 s.81) and gives no statutory right: the authorities and partners it is made to "
    "answer it under their own published standard, not under Part 5 Chapter 2 of the Act."
)
OFFER_STATUTORY_ROUTE = (
    "A voluntary or community body, a charitable trust, a parish council or two or more of an "
    "authority's employees (s.81(6)) that wants to run a relevant authority's service can "
    "instead express interest under s.81, which the authority must consider (s.83)."
)
# Who may offer: any registered organisation. The kind is said on the offer; the sector (the
# dashboard's split) follows from it, except for a consortium, which gives its lead's sector.
OFFER_SECTORS = [
    ("private", "Private"),
    ("voluntary_community", "Voluntary and community"),
    ("public", "Public"),
    ("nhs", "NHS"),
]
OFFEROR_TYPES = [
    ("private_company", "Private company", "private"),
    ("social_enterprise", "Social enterprise", "voluntary_community"),
    ("charity", "Charity or charitable trust", "voluntary_community"),
    ("voluntary_community_body", "Voluntary or community body", "voluntary_community"),
    ("parish_council", "Parish council", "public"),
    ("employee_group", "Group of an authority's employees", "public"),
    ("nhs_body", "NHS body", "nhs"),
    ("public_body", "Other public body", "public"),
    ("consortium", "Consortium", ""),  # the lead member's sector
]
OFFEROR_TYPE_CHOICES = [(slug, name) for slug, name, _ in OFFEROR_TYPES]
OFFEROR_SECTOR = {slug: sector for slug, _, sector in OFFEROR_TYPES}
# The kind an offer starts from, for each type of registered organisation.
OFFEROR_TYPE_OF_BODY = {
    "voluntary_community_body": "voluntary_community_body",
    "charitable_trust": "charity",
    "parish_council": "parish_council",
    "employee_group": "employee_group",
    **{slug: slug for slug, _ in OTHER_ORGANISATION_TYPES},
}
# What the offer must contain (issue 21): genuine innovation may have little evidence yet, so
# pilots, comparable sites and a plan to evaluate count as evidence.
OFFER_CONTENTS = [
    ("problem", "The problem the offer addresses"),
    ("proposed_change", "The change proposed"),
    ("evidence", "The evidence that it would work"),
    ("outcomes", "The outcomes to be measured"),
    ("costs", "The costs and who bears them"),
    ("safeguarding", "Safeguarding arrangements"),
    ("data_protection", "Data-protection arrangements"),
    ("partners_involved", "The partners involved"),
]
OFFER_EVIDENCE_KINDS = [
    ("evaluation", "A published evaluation or research"),
    ("pilot", "A pilot the offeror has run"),
    ("comparable_sites", "Comparable sites where it runs"),
    ("evaluation_plan", "A plan to evaluate it here"),
]
# How each addressee answers, and where an offer taken forward goes next.
OFFER_OUTCOMES = [
    ("taken_forward", "Taken forward"),
    ("not_taken_forward", "Not taken forward"),
    ("referred", "Referred to another body"),
]
OFFER_ROUTES = [
    ("market_engagement", "Preliminary market engagement (Procurement Act 2023 s.16)"),
    ("pilot", "A pilot"),
    ("procurement", "A procurement exercise"),
    ("s75_arrangement", "A partnership arrangement (NHS Act 2006 s.75)"),
    ("in_house", "A change made in-house"),
]
# The published criteria an answer that does not take an offer forward gives its reasons against
# [practice: the stages-with-published-criteria of unsolicited-proposal frameworks].
OFFER_CRITERIA = [
    ("need", "It does not meet a need the authority or partner has identified"),
    ("evidence", "The evidence that it would work is not yet enough"),
    ("value_for_money", "It would not give value for money"),
    ("safeguarding", "Its safeguarding or data-protection arrangements are not adequate"),
    ("capacity", "The authority or partner cannot take it on now"),
    ("plans", "It does not fit the authority's or partner's plans"),
    ("lawful", "It could not lawfully be done as offered"),
]
# Fair competition: an offer never buys its author an advantage. Read in the Act's current text
# (legislation.gov.uk/ukpga/2023/54, version of 2024-03-12, through the legalize-uk mirror):
# s.12(2) "a contracting authority must treat suppliers the same unless a difference between the
# suppliers justifies different treatment"; s.12(3) if different treatment is justified, "the
# authority must take all reasonable steps to ensure it does not put a supplier at an unfair
# advantage or disadvantage"; s.16(3) in preliminary market engagement the authority "must take
# steps to ensure that (a) suppliers participating ... are not put at an unfair advantage, and
# (b) competition in relation to the award of the public contract is not otherwise distorted";
# s.16(4)-(5) a supplier whose unfair advantage cannot be avoided is treated as an excluded
# supplier for that award; s.17(1) an authority that carries out preliminary market engagement
# must publish a preliminary market engagement notice (UK2) before the tender notice, or give its
# reasons for not doing so in the tender notice.
OFFER_FAIR_COMPETITION_ROUTES = {"market_engagement", "procurement"}
OFFER_FAIR_COMPETITION_SOURCE = "Procurement Act 2023 s.12(2)-(3), s.16(3)-(5) and s.17"
OFFER_FAIR_COMPETITION = [
    ("s.12(2)", "Suppliers are treated the same unless a difference between them justifies it."),
    (
        "s.12(3)",
        "Where different treatment is justified, all reasonable steps are taken so that no "
        "supplier is put at an unfair advantage or disadvantage.",
    ),
    (
        "s.16(3)",
        "Suppliers taking part in preliminary market engagement are not put at an unfair "
        "advantage, and competition for the contract is not otherwise distorted.",
    ),
    (
        "s.16(4)-(5)",
        "A supplier whose unfair advantage from the engagement cannot be avoided is treated as "
        "an excluded supplier for that award.",
    ),
    (
        "s.17",
        "A preliminary market engagement notice (UK2) is published before the tender notice, or "
        "the tender notice gives the reasons for not publishing one.",
    ),
]
# The offeror's commercially confidential parts, never published: Freedom of Information Act
# 2000 s.43 (s.43(1) trade secrets; s.43(2) information whose disclosure would, or would be likely
# to, prejudice the commercial interests of any person) [check against
# legislation.gov.uk/ukpga/2000/36/section/43: read in a secondary copy].
OFFER_CONFIDENTIALITY_SOURCE = "Freedom of Information Act 2000 s.43"
# Remind those who answer for an addressee this many working days before a date of their
# standard, and again once it has passed [practice].
OFFER_REMINDER_WORKING_DAYS = 2


def label(choices, slug):
    """The label of a slug in one of the tables above."""
    return dict(choices).get(slug, slug)
