"""The law the portal encodes, as data, in one place (see ../shared/DOMAIN.md).

Slugs are the stored values; labels are what people read. Each table cites its source.
"""

from datetime import date

# --- Community Right to Challenge: Localism Act 2011, Part 5, Chapter 2 (ss.81-86) ---------------

# s.81(2), with fire and rescue authorities added by SI 2012/1647. In the register of local
# authorities, unitary and metropolitan councils and the City of London count as district or county
# councils in law; combined authorities and the Isles of Scilly are not relevant authorities.
RELEVANT_AUTHORITY_TYPES = {
    "CTY": "County council",
    "NMD": "District council",
    "UA": "Unitary authority",
    "MD": "Metropolitan district",
    "LBO": "London borough",
    "CC": "City of London Corporation",
}

# s.81(6): who may challenge.
BODY_TYPES = [
    ("voluntary_community_body", "Voluntary or community body"),
    ("charitable_trust", "Body or trust established for charitable purposes only"),
    ("parish_council", "Parish council"),
    ("employee_group", "Two or more employees of the authority"),
]
# Consortium partners or subcontractors may be any of the above or a commercial firm (s.81(6)).
PARTNER_TYPES = [*BODY_TYPES, ("commercial", "Commercial firm")]

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
# lapsed on 1 April 2014.)
EXCLUDED_SERVICES = [
    (
        "named_person_complex_needs",
        "Commissioned for a named person with complex individual health or social care needs",
    ),
]

# SI 2012/1647 reg 4 and Schedule: the only grounds on which a challenge may be rejected.
REJECTION_GROUNDS = [
    ("non_compliant", "It does not comply with section 81 or the regulations"),
    (
        "info_inadequate_or_inaccurate",
        "Information in it is, in a material particular, inadequate or inaccurate",
    ),
    (
        "body_unsuitable",
        "The body, a consortium member or a subcontractor is not suitable to provide the service",
    ),
    ("service_being_stopped", "The authority has decided in writing to stop providing the service"),
    (
        "nhs_integration_critical",
        "Users also receive an integrated NHS service and continued integration is critical "
        "to their well-being",
    ),
    ("already_in_procurement", "The service is already the subject of a procurement exercise"),
    (
        "third_party_negotiations",
        "The authority and a third party are in negotiations, at least partly in writing, "
        "for its provision",
    ),
    (
        "employee_mutual_published",
        "The authority has published its intention to consider provision by a body that two or "
        "more named employees propose to set up",
    ),
    ("frivolous_or_vexatious", "It is frivolous or vexatious"),
    (
        "unlawful_or_breach_of_duty",
        "Accepting it would likely contravene an enactment or other rule of law, or breach a "
        "statutory duty",
    ),
]

# s.84: each authority specifies and publishes these periods; no national lengths exist.
PERIOD_UNITS = [
    ("working_days", "working days"),
    ("calendar_days", "calendar days"),
    ("months", "months"),
]
DEFAULT_DECISION_PERIOD = (60, "working_days")  # practice: 30 working days to six months
DEFAULT_PROCUREMENT_MIN_PERIOD = (3, "months")  # practice: six weeks to three months

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
]
PSR_AWARD_NOTICE_DAYS = 30  # [check: regs 7-11, "within 30 days" of the award]
# Reg 12(1): a standstill only after Direct Award Process C, the Most Suitable Provider Process
# and the Competitive Process. Reg 12(2): it begins on the day after the notice of intention to
# award is published; reg 12(3): representations until midnight at the end of the 8th working day
# after the day it begins. The contract is not entered into before its end. Counted in England's
# working days (the Regulations apply in England only, reg 1(2)).
PSR_STANDSTILL_PROCESSES = {"direct_award_c", "most_suitable_provider", "competitive"}
PSR_STANDSTILL_WORKING_DAYS = 8
# The notice each stage of an exercise under the regime publishes, by process; a stage not listed
# for a process publishes none (the regime has no preliminary market engagement notice, and
# abandonment (reg 15) and termination (reg 22) are not notices of the regime [check]).
PSR_STAGE_NOTICES = {
    "open_tender": {"competitive": "PSR-CN"},
    "confirm_award": dict.fromkeys(sorted(PSR_STANDSTILL_PROCESSES), "PSR-IA"),
    "start_delivery": dict.fromkeys([slug for slug, _ in PSR_PROCESSES], "PSR-AW"),
}
PSR_STAGES_WITHOUT_PLACE = {"begin_market_engagement"}

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
TENDERING_PROCEDURES = [
    ("open", "Open procedure"),
    ("competitive_flexible", "Competitive flexible procedure"),
]
TENDERING_PERIOD_ROWS = [
    # (slug, circumstance, days)
    ("light_touch", "The contract is a light touch contract: no minimum", 0),
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
QUALIFYING_PLANNED_NOTICE_MIN_DAYS = 40
QUALIFYING_PLANNED_NOTICE_MAX_DAYS = 365

# --- Section 75 partnership agreements (NHS Act 2006 s.75; SI 2000/617) ---------------------------

AGREEMENT_TYPES = [
    ("pooled_fund", "Pooled fund"),
    ("lead_commissioning", "Lead commissioning"),
    ("integrated_provision", "Integrated provision"),
]
AGREEMENT_CONTENTS = [  # regs 7(3), 9(3)
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
    ("primary_care_contractor", "Primary-care contractor functions"),
]
AGREEMENT_NHS_FUNCTIONS = AGREEMENT_NHS_FUNCTIONS_IN_SCOPE + AGREEMENT_OUT_OF_SCOPE
AGREEMENT_EXCLUSIONS_SOURCE = "SI 2000/617 reg 5"

# SI 2000/617 reg 4 (reg 4(1) allows arrangements "subject to paragraphs (2) and (3)", which set
# these conditions [check which paragraph holds which]): the partners may enter into arrangements
# only if they are likely to lead to an improvement in the way the functions are exercised, and
# only after they have jointly consulted such persons as appear to them to be affected. Recorded
# on the agreement (what the partners found and did), required before it can take effect.
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
AGREEMENT_CONDITIONS_SOURCE = "SI 2000/617 reg 4"

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


def label(choices, slug):
    """The label of a slug in one of the tables above."""
    return dict(choices).get(slug, slug)
