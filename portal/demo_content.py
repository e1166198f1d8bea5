"""Realistic demo content: service specifications of real English authorities (the services are
typical of council practice; values and dates are illustrative), guidance, and demo accounts."""

CATEGORIES = [
    ("childrens-social-care", "Children's social care"),
    ("adult-social-care", "Adult social care"),
    ("libraries", "Libraries"),
    ("leisure", "Leisure and sport"),
    ("youth-services", "Youth services"),
    ("parks", "Parks and open spaces"),
    ("community-transport", "Community transport"),
    ("public-health", "Public health"),
    ("housing-support", "Housing support"),
    ("fire-and-rescue", "Fire and rescue: prevention and protection"),
]

# (authority code, title, category, summary, annual value, delivery model, window plan, extras)
# window plan: "open" (a window open now), "closed" (last window has closed), "any" (no windows)
SERVICES = [
    (
        "TRF",
        "Children's social care: early help and family support",
        "childrens-social-care",
        "Family support workers, parenting programmes and early help assessments for families with "
        "children aged 0 to 18 who need support before problems escalate.",
        4_800_000,
        "nhs_partnership",
        "open",
        {
            "nhs_integrated": True,
            "users": "Around 2,400 families a year, referred by schools, "
            "health visitors and the council's front door.",
        },
    ),
    (
        "TRF",
        "Adult day services for people with learning disabilities",
        "adult-social-care",
        "Three day centres offering activities, skills and respite for adults with learning "
        "disabilities and their carers.",
        1_650_000,
        "in_house",
        "open",
        {"users": "About 180 adults, most attending two or three days a week."},
    ),
    (
        "TRF",
        "Youth clubs and detached youth work",
        "youth-services",
        "Evening youth clubs in Partington, Old Trafford and Sale West, plus detached youth workers "
        "in parks and town centres.",
        620_000,
        "in_house",
        "open",
        {},
    ),
    (
        "TRF",
        "Support for a named person with complex needs",
        "adult-social-care",
        "Individually commissioned care and support for one adult with complex health and social care "
        "needs.",
        210_000,
        "contracted",
        "open",
        {"excluded": "named_person_complex_needs"},
    ),
    (
        "MAN",
        "Community libraries",
        "libraries",
        "Eleven neighbourhood libraries with lending, study space, digital help and reading groups.",
        3_900_000,
        "in_house",
        "open",
        {},
    ),
    (
        "MAN",
        "Leisure centres and swimming pools",
        "leisure",
        "Six leisure centres and four pools, including the swim programme for primary schools.",
        7_200_000,
        "arms_length",
        "closed",
        {"contract_end": "2028-03-31"},
    ),
    (
        "SKP",
        "Community transport for older and disabled people",
        "community-transport",
        "Door-to-door minibus and dial-a-ride trips for residents who cannot use public transport.",
        540_000,
        "contracted",
        "any",
        {"contract_end": "2027-09-30"},
    ),
    (
        "SKP",
        "Parks maintenance and friends-of-parks support",
        "parks",
        "Grounds maintenance, play area inspection and support for volunteer friends-of groups in "
        "38 parks.",
        2_100_000,
        "in_house",
        "any",
        {},
    ),
    (
        "SLF",
        "Stop smoking service",
        "public-health",
        "Behavioural support and nicotine replacement for residents who want to stop smoking.",
        480_000,
        "contracted",
        "open",
        {"nhs_integrated": True, "contract_end": "2027-06-30"},
    ),
    (
        "LDS",
        "Holiday activities and food programme",
        "youth-services",
        "Free activities and a healthy meal during school holidays for children on free school "
        "meals.",
        3_300_000,
        "contracted",
        "closed",
        {},
    ),
    (
        "LDS",
        "Neighbourhood libraries and community hubs",
        "libraries",
        "Libraries combined with council advice points in 33 community hubs.",
        6_800_000,
        "in_house",
        "closed",
        {},
    ),
    (
        "BST",
        "Adult day opportunities",
        "adult-social-care",
        "Day opportunities and community activities for older people and adults with physical "
        "disabilities.",
        2_400_000,
        "contracted",
        "open",
        {"contract_end": "2027-03-31"},
    ),
    (
        "BST",
        "Parks and green spaces volunteering",
        "parks",
        "Coordination of volunteers, tree planting and community growing on council land.",
        390_000,
        "in_house",
        "open",
        {},
    ),
    (
        "KEN",
        "Youth service: open access youth hubs",
        "youth-services",
        "Open access youth work in twelve district youth hubs across Kent.",
        4_100_000,
        "in_house",
        "open",
        {},
    ),
    (
        "KEN",
        "Community wardens",
        "housing-support",
        "Uniformed wardens who support rural communities, older residents and community safety.",
        2_900_000,
        "in_house",
        "open",
        {},
    ),
    (
        "CON",
        "Rural community transport",
        "community-transport",
        "Community car schemes and minibuses connecting villages to market towns and GP surgeries.",
        1_100_000,
        "contracted",
        "any",
        {"contract_end": "2027-12-31"},
    ),
    (
        "CON",
        "Leisure centres",
        "leisure",
        "Twelve leisure centres across Cornwall.",
        5_600_000,
        "arms_length",
        "any",
        {},
    ),
    (
        "CMD",
        "Adult day centre for older people",
        "adult-social-care",
        "A day centre offering meals, activities and personal care for older people living with "
        "dementia.",
        950_000,
        "in_house",
        "closed",
        {"nhs_integrated": True},
    ),
    (
        "CMD",
        "Youth clubs",
        "youth-services",
        "Five youth clubs with sport, music and mentoring for young people aged 11 to 19.",
        1_300_000,
        "contracted",
        "closed",
        {"contract_end": "2027-08-31"},
    ),
    (
        "HCK",
        "Housing-related support for young people",
        "housing-support",
        "Supported accommodation and floating support for young people leaving care or at risk of "
        "homelessness.",
        2_700_000,
        "contracted",
        "open",
        {"contract_end": "2027-10-31"},
    ),
    (
        "HCK",
        "Adventure playgrounds",
        "parks",
        "Staffed adventure playgrounds offering free play for children aged 5 to 15.",
        780_000,
        "contracted",
        "open",
        {},
    ),
    (
        "BIR",
        "Community libraries",
        "libraries",
        "Community libraries across Birmingham's neighbourhoods.",
        5_100_000,
        "in_house",
        "any",
        {},
    ),
    (
        "BIR",
        "Carers' support service",
        "adult-social-care",
        "Information, breaks and wellbeing support for unpaid carers.",
        1_900_000,
        "contracted",
        "any",
        {"nhs_integrated": True, "contract_end": "2027-05-31"},
    ),
    (
        "NFK",
        "Community transport grants and dial-a-bus",
        "community-transport",
        "Dial-a-bus services and grants to community transport operators in rural Norfolk.",
        1_400_000,
        "contracted",
        "closed",
        {},
    ),
    (
        "NGM",
        "Children's centres and family hubs",
        "childrens-social-care",
        "Family hubs offering stay-and-play, parenting support and health visitor clinics.",
        3_600_000,
        "nhs_partnership",
        "open",
        {"nhs_integrated": True},
    ),
    (
        "NGM",
        "Leisure centres",
        "leisure",
        "Seven leisure centres, including Harvey Hadden.",
        4_300_000,
        "in_house",
        "open",
        {},
    ),
    (
        "YOR",
        "Libraries and archives",
        "libraries",
        "Fifteen libraries and the city archive, run as a community benefit society since 2014.",
        2_800_000,
        "arms_length",
        "any",
        {},
    ),
    (
        "SHF",
        "Youth services",
        "youth-services",
        "Youth clubs and targeted youth support in twelve Sheffield neighbourhoods.",
        2_300_000,
        "in_house",
        "closed",
        {},
    ),
    (
        "OXF",
        "Day opportunities for older people",
        "adult-social-care",
        "Community-run day opportunities for older people across Oxfordshire's towns and villages.",
        1_200_000,
        "contracted",
        "open",
        {},
    ),
    # Listed, but not relevant authorities (Localism Act 2011 s.81(2)): their pages say why their
    # services cannot be challenged (law.NOT_RELEVANT_AUTHORITIES).
    (
        "LND",
        "City libraries",
        "libraries",
        "The Barbican, Shoe Lane and Artizan Street libraries, with the Guildhall Library's "
        "reference service.",
        3_100_000,
        "in_house",
        "any",
        {},
    ),
    (
        "IOS",
        "Off-island community transport",
        "community-transport",
        "Boat and minibus transport for islanders travelling to St Mary's for appointments and "
        "shopping.",
        180_000,
        "contracted",
        "any",
        {},
    ),
]

# Joint services: (authority code, title, partner authority codes)
JOINT_SERVICES = [
    (
        "MAN",
        "Greater Manchester shared youth justice support",
        "youth-services",
        "Reparation projects and mentoring for young people, delivered jointly by Manchester, "
        "Trafford and Salford.",
        1_800_000,
        "shared",
        "open",
        {"partners": ["TRF", "SLF"]},
    ),
]

# Each authority's published periods: the maximum to decide (s.84(3)), and the minimum and the
# maximum from acceptance to procurement (s.83(4)(a), (b)). Oxford publishes no maximum before
# procurement: the demo's authority that has published only some of its periods.
DECISION_PERIODS = {
    "TRF": (60, "working_days", 3, "months", 6, "months"),
    "MAN": (3, "months", 3, "months", 6, "months"),
    "SKP": (90, "calendar_days", 6, "months", 12, "months"),
    "SLF": (60, "working_days", 3, "months", 6, "months"),
    "LDS": (6, "months", 3, "months", 6, "months"),
    "BST": (30, "working_days", 6, "months", 12, "months"),
    # Kent County Council (KEN) is left out on purpose: the demo's authority that has not
    # published its s.83(4) and s.84(3) periods ("not published", no decision due dates).
    "DSF": (30, "working_days", 3, "months", 6, "months"),
    "HIW": (60, "working_days", 3, "months", 6, "months"),
    "CON": (90, "calendar_days", 3, "months", 6, "months"),
    "CMD": (60, "working_days", 3, "months", 6, "months"),
    "HCK": (60, "working_days", 3, "months", 6, "months"),
    "BIR": (3, "months", 3, "months", 6, "months"),
    "NFK": (90, "calendar_days", 6, "months", 12, "months"),
    "NGM": (60, "working_days", 3, "months", 6, "months"),
    "YOR": (3, "months", 3, "months", 6, "months"),
    "SHF": (6, "months", 3, "months", 6, "months"),
    "OXF": (60, "working_days", 6, "months", None, ""),
    # The London Fire Commissioner (SI 2012/1647 reg 3(b)) and Essex's police, fire and crime
    # commissioner authority (reg 3(e)) publish all three.
    "LFC": (60, "working_days", 3, "months", 9, "months"),
    "EPF": (3, "months", 3, "months", 6, "months"),
}

GUIDANCE = [
    (
        "What the Community Right to Challenge is",
        "Community groups, charities, parish councils and council employees can ask to run a "
        "council service.",
        [
            (
                "paragraph",
                "<p>The Localism Act 2011 (sections 81 to 86) lets a relevant body tell a "
                "council that it wants to run one of its services. This is called an expression of "
                "interest, or a challenge.</p>",
            ),
            (
                "paragraph",
                "<p>If the council accepts the challenge it must run a procurement "
                "exercise for the service. Anyone can bid in that exercise, so the body that challenged "
                "may not win the contract.</p>",
            ),
            ("heading", "Who can challenge"),
            (
                "paragraph",
                "<ul><li>voluntary or community bodies</li><li>bodies or trusts set up "
                "for charitable purposes only</li><li>parish councils</li><li>two or more employees of "
                "the council</li></ul><p>They can work with partners and subcontractors, which may "
                "include businesses.</p>",
            ),
            ("heading", "What cannot be challenged"),
            (
                "paragraph",
                "<p>A service commissioned for a named person with complex individual "
                "health or social care needs cannot be challenged. Councils' decisions and duties, such "
                "as deciding planning applications, cannot be challenged either: only the delivery of "
                "a service can.</p>",
            ),
        ],
    ),
    (
        "How to challenge a service",
        "What to include, when you can submit, and what happens next.",
        [
            (
                "paragraph",
                "<p>Find the service in the service directory and check whether its "
                "council accepts challenges now. Councils can set windows during which challenges may "
                "be submitted. If a council has not set any, you can challenge at any time.</p>",
            ),
            ("heading", "What your challenge must include"),
            (
                "paragraph",
                "<ul><li>information about your finances</li><li>evidence that you will "
                "be able to provide the service by the time of any procurement</li><li>the service and "
                "the area it covers</li><li>the outcomes you will achieve, including how you would "
                "improve the social, economic or environmental well-being of the area</li><li>how you "
                "would meet the needs of the people who use the service</li><li>if you are a group of "
                "employees, how you will involve other affected employees</li><li>for each partner or "
                "subcontractor, its finances and capability</li></ul>",
            ),
            ("inset", "You can save your answers and come back to them before you submit."),
        ],
    ),
    (
        "How councils decide",
        "The timescales councils publish and the only grounds on which they can reject a challenge.",
        [
            (
                "paragraph",
                "<p>Each council publishes the longest time it will take to decide, and "
                "the shortest time between accepting a challenge and starting a procurement exercise. "
                "You can see these on each council's page in the service directory.</p>",
            ),
            (
                "paragraph",
                "<p>A council can only reject a challenge on one or more of ten grounds "
                "set out in regulations, and it must give its reasons in writing. It can propose to "
                "modify a challenge, but only if you agree.</p>",
            ),
            (
                "details",
                {
                    "summary": "The ten grounds for rejecting a challenge",
                    "text": "<ol><li>it does not comply with the Act or regulations</li><li>its "
                    "information is inadequate or inaccurate in a material way</li><li>the body "
                    "or a partner is not suitable to provide the service</li><li>the council "
                    "has decided in writing to stop providing the service</li><li>the users "
                    "also receive an integrated NHS service that is critical to their "
                    "well-being</li><li>the service is already being procured</li><li>the "
                    "council is negotiating with a third party to provide it</li><li>the "
                    "council has published its intention to consider a mutual set up by its "
                    "employees</li><li>it is frivolous or vexatious</li><li>accepting it would "
                    "probably break the law or a statutory duty</li></ol>",
                },
            ),
        ],
    ),
]

DEMO_PASSWORD = "kettle-orbit-lantern"  # noqa: S105 (printed for people trying the demo)

# (email, first name, last name, roles: list of (role, authority code | NHS ODS code | None))
ACCOUNTS = [
    ("siteadmin@demo.invalid", "Sam", "Admin", [("site_admin", None)]),
    ("officer.trafford@demo.invalid", "Olu", "Officer", [("officer", "TRF")]),
    ("decider.trafford@demo.invalid", "Dana", "Decider", [("decision_maker", "TRF")]),
    ("admin.trafford@demo.invalid", "Alex", "Authority-Admin", [("authority_admin", "TRF")]),
    ("officer.manchester@demo.invalid", "Mo", "Officer", [("officer", "MAN")]),
    ("decider.manchester@demo.invalid", "Meg", "Decider", [("decision_maker", "MAN")]),
    ("nhs.partner@demo.invalid", "Nia", "Partner", [("nhs_partner", "QOP")]),
    ("provider@demo.invalid", "Pat", "Provider", []),
    ("parish@demo.invalid", "Priya", "Clerk", []),
    ("staff.group@demo.invalid", "Eli", "Employee", []),
]

# (name, body type, charity number, company number, employer code, number of employees (a group
# of employees: two or more of its employer, Localism Act 2011 s.81(6)(d)), admin email)
ORGANISATIONS = [
    (
        "Riverside Youth Trust",
        "charitable_trust",
        "1187654",
        "",
        None,
        None,
        "provider@demo.invalid",
    ),
    (
        "Greenway Community Transport",
        "voluntary_community_body",
        "",
        "SC612345",
        None,
        None,
        "provider@demo.invalid",
    ),
    ("Millbrook Parish Council", "parish_council", "", "", None, None, "parish@demo.invalid"),
    (
        "Trafford Day Services Staff Mutual",
        "employee_group",
        "",
        "",
        "TRF",
        14,
        "staff.group@demo.invalid",
    ),
]

NHS_BODIES = [
    ("NHS Greater Manchester Integrated Care Board", "QOP", "icb"),
    ("Manchester University NHS Foundation Trust", "R0A", "foundation_trust"),
    ("Pennine Care NHS Foundation Trust", "RT2", "foundation_trust"),
]


def fire_services() -> list[tuple]:
    """Services of the fire and rescue authorities (data/fire-and-rescue-authorities/services.csv)
    in the shape of SERVICES, with no windows (challenges at any time, s.82)."""
    import csv
    from pathlib import Path

    from django.conf import settings

    path = Path(settings.DATA_DIR) / "fire-and-rescue-authorities" / "services.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        return [
            (
                row["code"],
                row["title"],
                row["category"],
                row["summary"],
                int(row["annual_value"]),
                row["delivery_model"],
                "any",
                {"nhs_integrated": row["delivery_model"] == "nhs_partnership"},
            )
            for row in csv.DictReader(fh)
        ]
