"""The demo's innovation offers (synthetic records, marked as such wherever they are shown):
a private firm's offer to Trafford, the NHS Greater Manchester ICB and Greater Manchester Police
about edge-of-care support for teenagers, answered by two partners within their standards and by
the third late; and offers in every other state. Every step runs through offers.workflow."""

from datetime import date

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from challenges.demo import staff_user
from offers import workflow as ow
from offers.models import Offer, OfferAddressee, ResponseStandard
from portal import law
from portal.demo_content import DEMO_PASSWORD
from portal.models import Authority, Membership, NhsBody, Organisation, User
from portal.working_days import add_working_days

FIRM_EMAIL = "firm@demo.invalid"
POLICE_EMAIL = "police.partner@demo.invalid"
ENTERPRISE_EMAIL = "enterprise@demo.invalid"
# (name, type, company number, admin email)
ORGANISATIONS = [
    ("Northbridge Family Support Ltd", "private_company", "09876543", FIRM_EMAIL),
    ("Greater Manchester Police", "public_body", "", POLICE_EMAIL),
    ("Stretford Community Kitchens CIC", "social_enterprise", "12345678", ENTERPRISE_EMAIL),
]
ACCOUNTS = [
    (FIRM_EMAIL, "Fran", "Firm"),
    (POLICE_EMAIL, "Pete", "Police-Partner"),
    (ENTERPRISE_EMAIL, "Esi", "Enterprise"),
]

CONTENTS = {
    "problem": "Teenagers on the edge of care are referred between the council's early help "
    "team, CAMHS and the police's youth engagement officers; families tell their story three "
    "times and wait up to eleven weeks.",
    "proposed_change": "One multi-agency edge-of-care team per locality, with a single key "
    "worker for each family, available evenings and weekends, and a shared plan.",
    "evidence": "Run for two years in two comparable boroughs (a 31% fall in entries to care "
    "among 13 to 17 year olds); an independent evaluation plan is attached.",
    "outcomes": "Entries to care at 13 to 17; repeat missing episodes; school attendance; "
    "families' own ratings after six months.",
    "costs": "£410,000 a year for three years, shared by the council and the ICB; the firm "
    "bears the set-up costs of £65,000.",
    "safeguarding": "Key workers are DBS-checked and work under the partnership's "
    "safeguarding procedures; the council's social workers keep case responsibility.",
    "data_protection": "A data-sharing agreement between the three partners; a DPIA before "
    "any data is shared; records held on the council's case system.",
    "partners_involved": "A local youth charity provides the weekend activities; the firm "
    "provides the key workers and their training.",
}
SYNTHETIC = "Synthetic demonstration record. "


def _person(email, first, last) -> User:
    person, created = User.objects.get_or_create(
        email=email, defaults={"username": email, "first_name": first, "last_name": last}
    )
    if created:
        person.set_password(DEMO_PASSWORD)
        person.email_confirmed = True
        person.save()
    return person


def _organisations() -> dict[str, Organisation]:
    people = {email: _person(email, first, last) for email, first, last in ACCOUNTS}
    found = {}
    for name, body_type, company, email in ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            name=name, defaults={"body_type": body_type, "company_number": company}
        )
        Membership.objects.get_or_create(
            user=people[email],
            organisation=organisation,
            defaults={"role": Membership.ADMIN, "approved": True},
        )
        found[body_type] = organisation
    return found


def _standards(police, today) -> None:
    """The response standards: Trafford's was revised this year (its old version stays)."""
    trafford = Authority.objects.get(code="TRF")
    rows = [
        (
            {"authority": trafford},
            10,
            30,
            "Director of Children's Services",
            date(today.year - 1, 4, 1),
        ),
        (
            {"authority": trafford},
            10,
            20,
            "Director of Children's Services",
            date(today.year, 1, 5),
        ),
        (
            {"nhs_body": NhsBody.objects.get(ods_code="QOP")},
            10,
            25,
            "Director of Strategy",
            date(today.year - 1, 4, 1),
        ),
        ({"organisation": police}, 5, 7, "Head of Public Protection", date(today.year - 1, 4, 1)),
    ]
    for body, ack, answer, role, since in rows:
        ResponseStandard.objects.create(
            **body,
            acknowledge_days=ack,
            answer_days=answer,
            answering_role=role,
            takes_effect_on=min(since, today),
        )


def _received(offer, working_days_ago: int) -> Offer:
    """Backdate the receipt (as the challenge demo does), with the dates of the standards then."""
    day = add_working_days(timezone.localdate(), -working_days_ago)
    Offer.objects.filter(pk=offer.pk).update(received_on=day)
    for row in offer.addressees.all():
        row.apply_standard(day)
        OfferAddressee.objects.filter(pk=row.pk).update(
            standard=row.standard, acknowledge_by=row.acknowledge_by, answer_by=row.answer_by
        )
    offer.refresh_from_db()
    return offer


def _offer(user, organisation, addressees, title, summary, **extra) -> Offer:
    values = {
        **CONTENTS,
        "offeror_type": law.OFFEROR_TYPE_OF_BODY[organisation.body_type],
        "title": title,
        "summary": SYNTHETIC + summary,
        "area_of_need": extra.pop("area_of_need", "Edge-of-care support for teenagers"),
        "understands_not_statutory": True,
        "synthetic": True,
        **extra,
    }
    return ow.submit(user, organisation=organisation, addressees=addressees, **values)


def make_offers() -> list[Offer]:
    today = timezone.localdate()
    orgs = _organisations()
    firm, police, enterprise = (
        orgs["private_company"],
        orgs["public_body"],
        orgs["social_enterprise"],
    )
    _standards(police, today)
    firm_user = User.objects.get(email=FIRM_EMAIL)
    trafford, manchester = Authority.objects.get(code="TRF"), Authority.objects.get(code="MAN")
    icb = NhsBody.objects.get(ods_code="QOP")
    officer, manchester_officer = staff_user("TRF", "officer"), staff_user("MAN", "officer")
    icb_partner = User.objects.filter(roles__nhs_body=icb).order_by("pk").first()
    police_user = User.objects.get(email=POLICE_EMAIL)
    made = []

    # 1. The three safeguarding partners: two answer within their standards, the police late.
    edge = _offer(
        firm_user,
        firm,
        [
            {"authority": trafford},
            {"nhs_body": icb},
            {"organisation": police, "contact_role": "Head of Public Protection"},
        ],
        "Edge-of-care support for teenagers in Trafford",
        "One multi-agency team per locality, with a single key worker for each family on the "
        "edge of care.",
        confidential_fields=["costs"],
        confidential_reasons="The daily rates are priced for this bid; publishing them would "
        "let competitors undercut them in any later procurement.",
        evidence_kinds=["comparable_sites", "evaluation_plan"],
    )
    _received(edge, 8)
    rows = {r.body_kind: r for r in edge.addressees.all()}
    ow.acknowledge(edge, rows["authority"], officer)
    ow.acknowledge(edge, rows["nhs_body"], icb_partner)
    ow.record_meeting(
        edge,
        rows["authority"],
        officer,
        held_on=today,
        attendees="Head of Early Help; Northbridge's operations director",
        summary="Went through the evaluation from the two comparable boroughs.",
    )
    ow.give_answer(
        edge,
        rows["authority"],
        officer,
        outcome="taken_forward",
        route="market_engagement",
        reasons="A real gap for 13 to 17 year olds; the evidence from comparable boroughs is "
        "strong enough to test the market for it.",
        next_step="A preliminary market engagement notice (UK2) for edge-of-care support",
        fair_competition_steps="The offer's costs and method are not shared with other "
        "suppliers; the engagement is open to all, with the same information and time for "
        "each; Northbridge takes part on the same terms and the specification is written "
        "by the council's own staff.",
        supplier_summary="Trafford Council is considering a multi-agency edge-of-care service "
        "for 13 to 17 year olds and invites any supplier to a market engagement event.",
    )
    ow.give_answer(
        edge,
        rows["nhs_body"],
        icb_partner,
        outcome="taken_forward",
        route="s75_arrangement",
        reasons="The ICB would pool its CAMHS outreach budget with the council's under the "
        "existing section 75 agreement if the market engagement confirms the model.",
    )
    ow.acknowledge(edge, rows["organisation"], police_user)
    ow.give_answer(
        edge,
        rows["organisation"],
        police_user,
        outcome="referred",
        referred_to="Greater Manchester Violence Reduction Unit",
        reasons="Youth engagement officers are commissioned across Greater Manchester through "
        "the Violence Reduction Unit, which decides on changes like this one.",
    )
    made.append(edge)

    # 2. Received, not yet acknowledged (Trafford and Manchester jointly).
    made.append(
        _offer(
            firm_user,
            firm,
            [{"authority": trafford}, {"authority": manchester}],
            "Shared out-of-hours emergency duty team",
            "One out-of-hours social work team for two neighbouring councils.",
            area_of_need="Out-of-hours children's social work",
        )
    )
    # 3. Acknowledged by Manchester (no standard published there).
    third = _offer(
        firm_user,
        firm,
        [{"authority": manchester}],
        "Family group conferences for every child in need plan",
        "Family group conferences offered before any child in need plan is made.",
        area_of_need="Family support",
    )
    ow.acknowledge(third, third.addressees.get(), manchester_officer)
    made.append(third)
    # 4. Under assessment, with a meeting (Trafford).
    fourth = _offer(
        User.objects.get(email=ENTERPRISE_EMAIL),
        enterprise,
        [{"authority": trafford}],
        "Holiday meals and activities run from community kitchens",
        "Holiday activities and food run by community kitchens in four wards.",
        area_of_need="Holiday activities and food",
    )
    ow.record_meeting(
        fourth,
        fourth.addressees.get(),
        officer,
        held_on=today,
        attendees="Holiday Activities and Food programme lead; the CIC's director",
    )
    made.append(fourth)
    # 5. Answered, not taken forward, with reasons against the published criteria.
    fifth = _offer(
        User.objects.get(email=ENTERPRISE_EMAIL),
        enterprise,
        [{"authority": trafford}],
        "Paid apprenticeships in the council's catering",
        "Apprenticeships for care leavers in school catering.",
        area_of_need="Care leavers' employment",
    )
    ow.give_answer(
        fifth,
        fifth.addressees.get(),
        officer,
        outcome="not_taken_forward",
        criteria=["plans"],
        reasons="School catering moves to the schools themselves next year, so the council "
        "could not offer the placements; we have passed the offer to the schools' forum.",
    )
    made.append(fifth)
    # 6. Withdrawn by the offeror.
    sixth = _offer(
        firm_user,
        firm,
        [{"authority": manchester}],
        "Digital referral form for early help",
        "One online referral form for early help, shared by schools and GPs.",
        area_of_need="Early help referrals",
    )
    ow.withdraw(sixth, firm_user, reason="We have merged this into our edge-of-care offer.")
    made.append(sixth)
    return made


def seed(stdout=None) -> int:
    if Offer.objects.exists():
        return 0
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        transaction.atomic(),
    ):
        offers = make_offers()
    if stdout:
        stdout.write(f"Demo innovation offers (synthetic): {len(offers)}")
        for email, first, _ in ACCOUNTS:
            stdout.write(
                f"  {email:36} {first}, {dict((e, n) for n, _, _, e in ORGANISATIONS)[email]}"
            )
    return len(offers)
