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
]

# Thresholds including VAT, dated: they change every two years.
PROCUREMENT_THRESHOLDS = [
    {
        "from": date(2026, 1, 1),
        "light_touch": 663_540,
        "goods_services": 207_720,
        "works": 5_193_000,
    },
]

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
AGREEMENT_OUT_OF_SCOPE = [
    ("surgery", "Surgery"),
    ("radiotherapy", "Radiotherapy"),
    ("termination_of_pregnancy", "Termination of pregnancy"),
    ("endoscopy", "Endoscopy"),
    ("invasive_treatment", "Other invasive treatment"),
    ("emergency_ambulance", "Emergency ambulance services"),
    ("primary_care_contractor", "Primary-care contractor functions"),
]
NHS_BODY_TYPES = [
    ("icb", "Integrated care board"),
    ("nhs_trust", "NHS trust"),
    ("foundation_trust", "NHS foundation trust"),
    ("nhs_england", "NHS England"),
]


def label(choices, slug):
    """The label of a slug in one of the tables above."""
    return dict(choices).get(slug, slug)
