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


FIND_A_TENDER_NOTICES = [
    ("UK2", "Preliminary market engagement notice"),
    ("UK3", "Planned procurement notice"),
    ("UK4", "Tender notice"),
    ("UK5", "Transparency notice"),
    ("UK6", "Contract award notice"),
    ("UK7", "Contract details notice"),
    ("UK10", "Contract change notice"),
    ("UK11", "Contract termination notice"),
    ("UK12", "Procurement termination notice"),
]
STANDSTILL_MIN_WORKING_DAYS = 8
# Procurement Act 2023 s.51: a mandatory standstill of 8 working days after the contract award
# notice; optional for light touch contracts (s.51(3)(b)) and below-threshold contracts (Part 6).
# The Provider Selection Regime has its own standstill of 8 working days [check].
STANDSTILL_OPTIONAL_REGIMES = {"light_touch", "below_threshold"}

# The notice each stage of an exercise publishes, and the OCDS release tag it maps to
# (DOMAIN.md §2 "Suggested mapping"). The planning record made when an exercise opens (from an
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
    "UK2": "planning",
    "UK3": "planning",
    "UK4": "tender",
    "UK5": "award",
    "UK6": "award",
    "UK7": "contract",
    "UK10": "contractAmendment",
    "UK11": "contractTermination",
    "UK12": "tenderCancellation",
}
# Procurement Act 2023 s.53: contract details notice within 30 days of entering into the contract,
# 120 days for a light touch contract [practice].
CONTRACT_DETAILS_NOTICE_DAYS = {"light_touch": 120}
CONTRACT_DETAILS_NOTICE_DEFAULT_DAYS = 30

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
# Functions an arrangement may cover (SI 2000/617 regs 5 and 6; DOMAIN.md §3). The NHS list is
# offered in full, with the functions that regulation 6 excludes, so that a choice of one of those
# is refused with its reason rather than hidden.
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
AGREEMENT_OUT_OF_SCOPE = [
    ("surgery", "Surgery"),
    ("radiotherapy", "Radiotherapy"),
    ("termination_of_pregnancy", "Termination of pregnancy"),
    ("endoscopy", "Endoscopy"),
    ("invasive_treatment", "Other invasive treatment"),
    ("emergency_ambulance", "Emergency ambulance services"),
    ("primary_care_contractor", "Primary-care contractor functions"),
]
AGREEMENT_NHS_FUNCTIONS = AGREEMENT_NHS_FUNCTIONS_IN_SCOPE + AGREEMENT_OUT_OF_SCOPE

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
