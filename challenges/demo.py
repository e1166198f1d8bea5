"""Demo challenges in every state across the demo authorities, all made through the transitions.

Runs after the portal's own demo (accounts, organisations, services). A case whose procurement
has started is lived in the past (the clock moved back for each step, as the synthetic history
does), so that its reference, receipt, decision letter and audit trail carry the dates of its own
history and the minimum period before procurement has passed; the states and the audit trail
come only from the transitions.
"""

from contextlib import nullcontext
from datetime import timedelta

import time_machine
from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from documents.demo import summary_pdf, upload
from portal import law
from portal.models import Organisation, RoleAssignment, ServiceSpecificationPage, User
from portal.workflow import perform

from . import evidence, register_extracts, workflow
from .models import (
    Challenge,
    CharityRegisterEntry,
    DecisionRoute,
    DelegationRule,
    Outcome,
    Partner,
)

SITE_ADMIN = "siteadmin@demo.invalid"
EXTRA_STAFF = [("decider.salford@demo.invalid", "Sol", "Decider", "decision_maker", "SLF")]
ANSWERS = {
    "financial_resources": "Annual income of about £{income},000 from grants, contracts and "
    "donations; unrestricted reserves equal to five months' running costs; audited accounts for "
    "the last three years.",
    "capability_evidence": "We have delivered similar services in the area for {years} years, "
    "with qualified staff, safeguarding policies and a quality mark. A transition plan and a "
    "named service manager are ready for the procurement.",
    "service_area": "The whole area the service covers today.",
    "outcomes_wellbeing": "More local people employed and volunteering, money spent with local "
    "suppliers, and fewer car journeys because sessions move closer to where people live.",
    "outcomes_user_needs": "Sessions designed with the people who use the service, longer opening "
    "hours and a named worker for each person.",
}
ENGAGEMENT = "Open meetings on each site, a staff ballot, and union representation on the board."
# Localism Act 2011 s.83(8): how the authority considered the area's well-being, on every decision.
WELLBEING = (
    "We considered the body's plans for local jobs and volunteering (social and economic), its "
    "use of local suppliers (economic) and sessions closer to where people live, with fewer car "
    "journeys (environmental), and found that accepting would promote the area's well-being."
)

# Schemes of delegation (synthetic: not the councils' real constitutions). Trafford's decision
# makers decide every outcome under delegated authority; Manchester's accept, and its Executive
# decides rejections. The other demo authorities record none (any decision maker decides).
SCHEMES = {
    "TRF": [
        (
            DecisionRoute.DELEGATED,
            "Corporate Director, Place",
            (True, True, True),
            "Synthetic demonstration scheme: Constitution Part 3, Section 5, paragraph 4.2",
        )
    ],
    "MAN": [
        (
            DecisionRoute.DELEGATED,
            "Strategic Director, Neighbourhoods",
            (True, True, False),
            "Synthetic demonstration scheme: Constitution Part 3, Schedule 2, paragraph 12",
        ),
        (
            DecisionRoute.COMMITTEE,
            "Executive",
            (True, True, True),
            "Synthetic demonstration scheme: Constitution Part 3, Section B (Executive functions)",
        ),
    ],
}
REPORT = (
    "Synthetic demonstration record. The expression of interest contains everything Schedule 1 "
    "of SI 2012/1313 asks for. {finding}"
)
# The registers the eligibility checks read: small extracts in each publisher's format, with
# synthetic rows (data/*/SOURCE.md).
REGISTERS = (
    ("charity-commission/publicextract.charity.json", register_extracts.load_charity_extract),
    ("companies-house/BasicCompanyData-demo.csv", register_extracts.load_company_data),
)
PARISH_LIST = "parish-councils/parish_councils.csv"
GROUND_NUMBERS = {slug: n for n, (slug, _) in enumerate(law.REJECTION_GROUNDS, start=1)}
PARISH_SOURCE = "the portal's starter list, data/parish-councils (see its SOURCE.md)"

# (key, authority code, service title, organisation, target state, extra)
CASES = [
    ("draft", "TRF", "Youth clubs and detached youth work", "Riverside Youth Trust", "draft", {}),
    (
        "submitted",
        "TRF",
        "Adult day services for people with learning disabilities",
        "Trafford Day Services Staff Mutual",
        "submitted",
        {},
    ),
    (
        "assessing",
        "TRF",
        "Children's social care: early help and family support",
        "Riverside Youth Trust",
        "under_assessment",
        {"clarified": True},
    ),
    (
        "clarifying",
        "MAN",
        "Community libraries",
        "Greenway Community Transport",
        "clarification_requested",
        {},
    ),
    (
        "recommended",
        "TRF",
        "Adult day services for people with learning disabilities",
        "Millbrook Parish Council",
        "recommended",
        {},
    ),
    (
        "modifying",
        "MAN",
        "Community libraries",
        "Millbrook Parish Council",
        "modification_proposed",
        {},
    ),
    (
        "modified",
        "TRF",
        "Youth clubs and detached youth work",
        "Millbrook Parish Council",
        "modification_agreed",
        {"partners": True},
    ),
    (
        "rejected-unsuitable",
        "TRF",
        "Adult day services for people with learning disabilities",
        "Riverside Youth Trust",
        "rejected",
        {
            "grounds": ["body_unsuitable", "info_inadequate_or_inaccurate"],
            "reasons": "The expression of interest gives no evidence of registration with the "
            "Care Quality Commission, and the financial information does not match the "
            "published accounts.",
        },
    ),
    (
        "rejected-procurement",
        "MAN",
        "Community libraries",
        "Riverside Youth Trust",
        "rejected",
        {
            "grounds": ["already_in_procurement"],
            "reasons": "A tender notice for the library service was published before the challenge "
            "was received.",
            "committee": {"minute": "Minute EX/27/42"},
        },
    ),
    (
        "rejected-nhs",
        "TRF",
        "Children's social care: early help and family support",
        "Greenway Community Transport",
        "rejected",
        {
            "grounds": ["nhs_integration_critical"],
            "reasons": "Families receive early help as part of an integrated service with health "
            "visiting; splitting it would harm the children's well-being.",
        },
    ),
    (
        "rejected-negotiations",
        "KEN",
        "Youth service: open access youth hubs",
        "Greenway Community Transport",
        "rejected",
        {
            "grounds": ["third_party_negotiations", "frivolous_or_vexatious"],
            "reasons": "The council is in written negotiations with a youth charity for the "
            "hubs, and this is the fourth identical expression of interest this year.",
        },
    ),
    (
        "joint",
        "MAN",
        "Greater Manchester shared youth justice support",
        "Riverside Youth Trust",
        "accepted",
        {"joint": True},
    ),
    (
        "withdrawn",
        "TRF",
        "Youth clubs and detached youth work",
        "Greenway Community Transport",
        "withdrawn",
        {},
    ),
    (
        "procuring",
        "SKP",
        "Community transport for older and disabled people",
        "Greenway Community Transport",
        "procurement_started",
        {"days_ago": 240},
    ),
    (
        "closed",
        "SKP",
        "Parks maintenance and friends-of-parks support",
        "Millbrook Parish Council",
        "closed",
        {"days_ago": 400},
    ),
    (
        "overdue",
        "BST",
        "Adult day opportunities",
        "Riverside Youth Trust",
        "under_assessment",
        {"received_days_ago": 80},
    ),
]


def _add_evidence(challenge: Challenge, body: User, income: int) -> None:
    """Evidence for the financial and capability sections, through the journey's own function."""
    name = challenge.organisation.name
    accounts = summary_pdf(
        f"{name}: summary of accounts",
        [
            f"Income for the year: £{income},000.",
            "Unrestricted reserves: five months' running costs.",
            "Independently examined; full accounts filed with the Charity Commission.",
        ],
    )
    budget = f"line,amount\nStaff,{income * 600}\nPremises,{income * 150}\nOther,{income * 90}\n"
    evidence.add_to_draft(
        upload(accounts, "accounts-summary.pdf"), challenge, evidence.FINANCIAL, body
    )
    evidence.add_to_draft(
        upload(budget.encode(), "budget.csv"), challenge, evidence.FINANCIAL, body
    )
    plan = summary_pdf(
        f"{name}: capability statement",
        ["Quality mark held since 2021.", "Named service manager and transition plan ready."],
    )
    evidence.add_to_draft(
        upload(plan, "capability-statement.pdf"), challenge, evidence.CAPABILITY, body
    )


def staff_user(code: str, role: str) -> User:
    person = (
        User.objects.filter(roles__role=role, roles__authority__code=code).order_by("pk").first()
    )
    return person or User.objects.get(email=SITE_ADMIN)


def body_member(organisation: Organisation) -> User:
    return organisation.memberships.filter(approved=True).order_by("pk").first().user


def _extra_staff() -> None:
    from portal.demo_content import DEMO_PASSWORD
    from portal.models import Authority

    for email, first, last, role, code in EXTRA_STAFF:
        person, created = User.objects.get_or_create(
            email=email, defaults={"username": email, "first_name": first, "last_name": last}
        )
        if created:
            person.set_password(DEMO_PASSWORD)
            person.email_confirmed = True
            person.save()
        RoleAssignment.objects.get_or_create(
            user=person, role=role, authority=Authority.objects.get(code=code)
        )


def make_case(code, title, organisation_name, target, extra, clock=None) -> Challenge:
    service = ServiceSpecificationPage.objects.get(authority__code=code, title=title)
    organisation = Organisation.objects.get(name=organisation_name)
    body = body_member(organisation)
    officer, decider = staff_user(code, "officer"), staff_user(code, "decision_maker")
    n = Challenge.objects.count()
    answers = {k: v.format(income=180 + 37 * n, years=3 + n % 9) for k, v in ANSWERS.items()}
    challenge = Challenge.objects.create(
        service=service,
        authority=service.authority,
        organisation=organisation,
        created_by=body,
        has_partners=bool(extra.get("partners")),
        employee_engagement=ENGAGEMENT if organisation.body_type == "employee_group" else "",
        **answers,
    )
    _add_evidence(challenge, body, 180 + 37 * n)
    if extra.get("partners"):
        partner = Partner.objects.create(
            challenge=challenge,
            name="Northern Leisure Services Ltd",
            role=Partner.SUBCONTRACTOR,
            partner_type="commercial",
            financial_resources="Turnover £3.2m; parent company guarantee.",
            capability="Runs twelve youth and leisure sites in the North West.",
        )
        letter = summary_pdf(
            "Northern Leisure Services Ltd: letter of intent",
            ["We intend to act as subcontractor for the sessions at weekends."],
        )
        evidence.add_to_draft(
            upload(letter, "letter-of-intent.pdf"), challenge, evidence.PARTNER, body, partner
        )
    if target == "draft":
        challenge.outcomes_user_needs = ""
        challenge.save()
        return challenge

    def go(name, person, **kwargs):
        perform("challenge", challenge, name, person, **kwargs)

    go("submit", body)
    if target == "submitted":
        return challenge
    if target == "withdrawn":
        go("withdraw", body, reason="We have decided to work with the council on a grant instead.")
        return challenge
    go("start_assessment", officer)
    if extra.get("clarified") or target == "clarification_requested":
        go(
            "request_clarification",
            officer,
            question="How many of the current staff would you expect to transfer under TUPE, "
            "and how would you fund their pensions?",
        )
        if target == "clarification_requested":
            return challenge
        go(
            "answer_clarification",
            body,
            answer="All 14 staff; we have admitted body status agreed in principle with the "
            "pension fund.",
            attachments=[upload(b"role,staff\nYouth worker,9\nManager,2\nAdmin,3\n", "staff.csv")],
        )
    if target == "under_assessment":
        return challenge
    if target == "recommended":
        _recommended(challenge, officer, decider, Outcome.ACCEPTED, extra)
        return challenge
    if target in ("modification_proposed", "modification_agreed"):
        sign = _recommended(
            challenge,
            officer,
            decider,
            Outcome.MODIFIED,
            {
                "grounds": ["info_inadequate_or_inaccurate"],
                "reasons": "The proposal for daytime sessions is not costed.",
            },
        )
        go(
            "propose_modification",
            decider,
            **sign,
            terms="The challenge is accepted for the evening sessions only; daytime provision "
            "stays with the council's schools team.",
            grounds=["info_inadequate_or_inaccurate"],
            reasons="The proposal for daytime sessions is not costed.",
            wellbeing=WELLBEING,
        )
        if target == "modification_agreed":
            go("agree_modification", body)
        return challenge
    if target == "rejected":
        sign = _recommended(challenge, officer, decider, Outcome.REJECTED, extra)
        go(
            "reject",
            decider,
            grounds=extra["grounds"],
            reasons=extra["reasons"],
            wellbeing=WELLBEING,
            **sign,
        )
        return challenge
    if extra.get("joint"):
        for partner in challenge.partner_authorities:
            workflow.record_agreement(
                challenge, staff_user(partner.code, "decision_maker"), "accepted", authority=partner
            )
    sign = _recommended(challenge, officer, decider, Outcome.ACCEPTED, extra)
    if clock is not None:
        clock.move_to(_decided_at(extra))
    go(
        "accept",
        decider,
        reasons="The proposal meets every requirement and promises social value.",
        wellbeing=WELLBEING,
        **sign,
    )
    if target == "accepted":
        return challenge
    # The published minimum period has passed since the acceptance: back to today.
    if clock is not None:
        clock.move_to(_now)
    go(
        "start_procurement",
        officer,
        started_on=timezone.localdate() - timedelta(days=30),
        procurement_reference=f"FTS-{challenge.authority.code}-{challenge.pk:05d}",
    )
    if target == "closed":
        go("close", officer, result="challenger_won")
    return challenge


def _recommended(challenge, officer, decider, outcome, extra) -> dict:
    """Where the authority has a scheme of delegation, the officer's recommendation first (to the
    named decision maker, or to the committee the case names); returns the sign-off's arguments."""
    if not DelegationRule.objects.filter(authority=challenge.authority).exists():
        return {}
    grounds = extra.get("grounds", [])
    finding = (
        "Grounds " + ", ".join(str(GROUND_NUMBERS[g]) for g in grounds) + " apply."
        if grounds
        else "No ground for rejection applies."
    )
    committee = extra.get("committee")
    perform(
        "challenge",
        challenge,
        "recommend",
        officer,
        report=REPORT.format(finding=finding),
        grounds_considered={
            slug: {
                "applies": slug in grounds,
                "reasons": extra.get("reasons", "") if slug in grounds else "",
            }
            for slug, _ in law.REJECTION_GROUNDS
        },
        wellbeing=WELLBEING,
        outcome=outcome,
        modification_terms="Evening sessions only." if outcome == Outcome.MODIFIED else "",
        route=DecisionRoute.COMMITTEE if committee else DecisionRoute.DELEGATED,
        decision_maker=None if committee else decider,
        committee="Executive" if committee else "",
    )
    if committee:
        return {
            "meeting_date": timezone.localdate() - timedelta(days=1),
            "minute_reference": committee["minute"],
        }
    return {}


def _schemes() -> None:
    from portal.models import Authority

    for code, rules in SCHEMES.items():
        authority = Authority.objects.filter(code=code).first()
        if authority is None or authority.delegation_rules.exists():
            continue
        for route, title, (accept, modify, reject), reference in rules:
            DelegationRule.objects.create(
                authority=authority,
                decided_by=route,
                title=title,
                may_accept=accept,
                may_modify=modify,
                may_reject=reject,
                reference=reference,
            )


def _registers() -> None:
    if CharityRegisterEntry.objects.exists():
        return
    for name, load in REGISTERS:
        load(settings.DATA_DIR / name, f"synthetic demonstration extract, data/{name}")
    register_extracts.load_parish_list(settings.DATA_DIR / PARISH_LIST, PARISH_SOURCE)


_now = None  # the real time when the seeding began (a case lived in the past returns to it)


def _decided_at(extra):
    return _now - timedelta(days=extra["days_ago"])


def _lived_in_the_past(extra):
    """The clock for a case whose acceptance lies `days_ago` in the past: received 40 days before
    it, every step at its own date (time-machine), so nothing on it is dated today."""
    if not extra.get("days_ago"):
        return nullcontext()
    return time_machine.travel(_decided_at(extra) - timedelta(days=40), tick=False)


def seed(stdout=None) -> int:
    if Challenge.objects.exists():
        return 0
    _extra_staff()
    _registers()
    _schemes()
    made = 0
    # The emails the transitions send would flood the console of `make demo`: hold them in memory.
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        transaction.atomic(),
    ):
        global _now
        _now = timezone.now()
        for _key, code, title, organisation, target, extra in CASES:
            with _lived_in_the_past(extra) as clock:
                challenge = make_case(code, title, organisation, target, extra, clock)
            if extra.get("received_days_ago"):
                then = timezone.now() - timedelta(days=extra["received_days_ago"])
                Challenge.objects.filter(pk=challenge.pk).update(
                    received_at=then, window_closes_on=None
                )
                challenge.refresh_from_db()
                Challenge.objects.filter(pk=challenge.pk).update(
                    decision_due=challenge.compute_decision_due()
                )
            made += 1
    if stdout:
        stdout.write(f"Demo challenges made through the transitions: {made}")
        for email, *_ in EXTRA_STAFF:
            stdout.write(f"  {email:36} decision maker, Salford (joint challenges)")
    return made
