"""Demo procurement exercises in every state, expressions of interest, and transfer agreements,
all made through the transitions (after the challenges demo).

Notice dates are given in the past so that a whole exercise can be shown; tender deadlines that
must have passed are moved back after the tender opens, and the acceptance of the challenges that
start procurement is moved back past the authority's minimum period. The states, notices, OCDS
releases and the audit trail come only from the transitions.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from challenges.demo import body_member, make_case, staff_user
from challenges.models import Challenge
from documents.demo import summary_pdf, upload
from portal.demo_content import DEMO_PASSWORD
from portal.models import NhsBody, Organisation, RoleAssignment, ServiceSpecificationPage, User
from portal.workflow import perform

from . import agreement_workflow as aw
from . import attachments
from . import exercise_workflow as ew
from . import interest_workflow as iw
from .models import ExpressionOfInterest, ProcurementExercise, TransferAgreement

EXTRA_ACCOUNTS = [("nhs.trust@demo.invalid", "Tomi", "Trust-Board", "R0A")]
BIDDERS = ["Riverside Youth Trust", "Greenway Community Transport", "Millbrook Parish Council"]

# (authority, service, challenger or None, contract kind, regime, value, target state, winner)
EXERCISES = [
    (
        "MAN",
        "Community libraries",
        None,
        "light_touch_services",
        "light_touch",
        11_700_000,
        "planned",
        None,
    ),
    (
        "TRF",
        "Children's social care: early help and family support",
        None,
        "light_touch_services",
        "light_touch",
        14_400_000,
        "market_engagement",
        None,
    ),
    (
        "MAN",
        "Leisure centres and swimming pools",
        None,
        "light_touch_services",
        "light_touch",
        21_600_000,
        "tender_open",
        None,
    ),
    (
        "SKP",
        "Parks maintenance and friends-of-parks support",
        None,
        "goods_services",
        "competitive",
        6_300_000,
        "evaluation",
        None,
    ),
    (
        "TRF",
        "Youth clubs and detached youth work",
        None,
        "light_touch_services",
        "light_touch",
        1_860_000,
        "award_proposed",
        "Riverside Youth Trust",
    ),
    (
        "BST",
        "Parks and green spaces volunteering",
        None,
        "goods_services",
        "competitive",
        1_170_000,
        "standstill",
        "Millbrook Parish Council",
    ),
    (
        "TRF",
        "Adult day services for people with learning disabilities",
        "Riverside Youth Trust",
        "light_touch_services",
        "light_touch",
        4_950_000,
        "awarded",
        "Greenway Community Transport",
    ),
    (
        "SKP",
        "Community transport for older and disabled people",
        "Millbrook Parish Council",
        "goods_services",
        "competitive",
        1_620_000,
        "in_delivery",
        "Millbrook Parish Council",
    ),
    (
        "HCK",
        "Adventure playgrounds",
        None,
        "goods_services",
        "below_threshold",
        195_000,
        "closed",
        "Greenway Community Transport",
    ),
    (
        "SLF",
        "Stop smoking service",
        "Riverside Youth Trust",
        "health_care_services",
        "provider_selection",
        1_440_000,
        "cancelled",
        None,
    ),
]
ORDER = [
    "planned",
    "market_engagement",
    "tender_open",
    "evaluation",
    "award_proposed",
    "standstill",
    "awarded",
    "in_delivery",
    "closed",
]


def _reached(target, stage) -> bool:
    if target == "cancelled":
        return ORDER.index(stage) <= ORDER.index("evaluation")
    return ORDER.index(target) >= ORDER.index(stage)


def _accepted_challenge(code, title, organisation) -> Challenge:
    challenge = make_case(code, title, organisation, "accepted", {})
    then = timezone.now() - timedelta(days=400)
    Challenge.objects.filter(pk=challenge.pk).update(
        received_at=then - timedelta(days=40), decided_at=then
    )
    return Challenge.objects.get(pk=challenge.pk)


def _interest(exercise, organisation_name, price, n) -> ExpressionOfInterest:
    organisation = Organisation.objects.get(name=organisation_name)
    member = body_member(organisation)
    interest = iw.start(member, exercise, organisation)
    iw.save_draft(
        interest,
        member,
        proposal=f"We would run {exercise.service.title.lower()} with a local team, a users' "
        f"panel and monthly reports to the council. Mobilisation plan of {6 + n} weeks.",
        price=price,
    )
    bid = summary_pdf(
        f"{organisation.name}: bid for {exercise.reference}",
        [
            f"Service: {exercise.service.title}.",
            f"Price including VAT: £{price:,}.",
            f"Mobilisation in {6 + n} weeks; a named service manager from day one.",
        ],
    )
    attachments.add_to_interest(upload(bid, "bid.pdf"), interest, member)
    return perform("interest", interest, "submit", member)


# What each demo exercise buys, by its real CPV 2008 code (procurement/cpv.py).
CPV_CODES = {
    "Community libraries": "92511000-6",
    "Leisure centres and swimming pools": "92610000-0",
    "Children's social care: early help and family support": "85312000-9",
    "Parks maintenance and friends-of-parks support": "77310000-6",
    "Youth clubs and detached youth work": "85311300-5",
    "Parks and green spaces volunteering": "77310000-6",
    "Adult day services for people with learning disabilities": "85312100-0",
    "Community transport for older and disabled people": "60130000-8",
    "Adventure playgrounds": "92000000-1",
    "Stop smoking service": "85323000-9",
}


def make_exercise(code, title, challenger, kind, regime, value, target, winner):
    today = timezone.localdate()
    service = ServiceSpecificationPage.objects.get(authority__code=code, title=title)
    officer, decider = staff_user(code, "officer"), staff_user(code, "decision_maker")
    challenge = _accepted_challenge(code, title, challenger) if challenger else None
    exercise = ew.open_exercise(
        officer,
        service=service,
        challenge=challenge,
        title=f"{title}: contract from {today.year + 1}",
        description=service.summary,
        cpv_code=CPV_CODES[title],
        contract_kind=kind,
        regime=regime,
        estimated_value=value,
        started_on=today - timedelta(days=120),
        # The Stop smoking service is bought by the Competitive Process (SI 2023/1348 reg 11).
        psr_process="competitive" if regime == "provider_selection" else "",
    )

    def go(name, person, **kwargs):
        nonlocal exercise
        exercise = perform("exercise", exercise, name, person, **kwargs)

    # The Provider Selection Regime has no preliminary market engagement notice (UK2).
    if _reached(target, "market_engagement") and regime != "provider_selection":
        go("begin_market_engagement", officer, published_on=today - timedelta(days=110))
    if _reached(target, "tender_open"):
        # Open procedure, electronic tenders, every document with the notice: at least 25 days
        # (Procurement Act 2023 s.54(4)); the deadline is well beyond it.
        go(
            "open_tender",
            officer,
            published_on=today - timedelta(days=90),
            tender_deadline=timezone.now() + timedelta(days=28),
            procedure="open",
            electronic=True,
            documents_provided=True,
        )
        bidders = [b for b in BIDDERS if b != winner][:1] + ([winner] if winner else BIDDERS[1:2])
        if challenger and challenger not in bidders:
            bidders.append(challenger)
        for n, name in enumerate(dict.fromkeys(bidders)):
            _interest(exercise, name, int(value * (0.8 + 0.05 * n)) // 1000 * 1000, n)
    if target == "cancelled":
        go(
            "cancel",
            decider,
            published_on=today - timedelta(days=30),
            reason="The NHS integrated care board has taken over commissioning of the service "
            "under a section 75 agreement, so no contract will follow.",
        )
        return exercise
    if _reached(target, "evaluation"):
        ProcurementExercise.objects.filter(pk=exercise.pk).update(
            tender_deadline=timezone.now() - timedelta(days=60)
        )
        exercise = ProcurementExercise.objects.get(pk=exercise.pk)
        go("close_tender", officer)
    if _reached(target, "award_proposed"):
        for n, interest in enumerate(exercise.interests.order_by("pk")):
            interest.exercise = exercise
            won = interest.organisation.name == winner
            perform(
                "interest",
                interest,
                "shortlist",
                officer,
                score=82 if won else 64 - 9 * n,
                assessment_summary=(
                    "Quality 55/60: a strong mobilisation plan and users' panel. "
                    "Price 27/40: within budget."
                    if won
                    else f"Quality {41 - 5 * n}/60: the staffing plan left evening cover unclear. "
                    "Price 23/40."
                ),
            )
        winning = exercise.interests.get(organisation__name=winner)
        go("propose_award", officer, interest=winning, award_value=winning.price)
    if _reached(target, "standstill"):
        days_ago = 0 if target == "standstill" else 45
        go(
            "confirm_award",
            decider,
            published_on=today - timedelta(days=days_ago),
            standstill_days=0 if regime == "below_threshold" else 8,
        )
    if _reached(target, "awarded"):
        go("award", decider, awarded_on=today - timedelta(days=20))
    if _reached(target, "in_delivery"):
        signed = today - timedelta(days=15)
        go(
            "start_delivery",
            officer,
            published_on=today - timedelta(days=10),
            signed_on=signed,
            starts_on=signed + timedelta(days=1) if target == "closed" else today,
            ends_on=signed + timedelta(days=3 * 365),
        )
    if target == "closed":
        go("close", officer, closed_on=today)
    return exercise


def _nhs_staff(ods) -> User:
    person = User.objects.filter(roles__role="nhs_partner", roles__nhs_body__ods_code=ods).first()
    if person is None:
        raise LookupError(f"No demo NHS partner for {ods}")
    return person


def _extra_accounts():
    for email, first, last, ods in EXTRA_ACCOUNTS:
        person, created = User.objects.get_or_create(
            email=email, defaults={"username": email, "first_name": first, "last_name": last}
        )
        if created:
            person.set_password(DEMO_PASSWORD)
            person.email_confirmed = True
            person.save()
        RoleAssignment.objects.get_or_create(
            user=person, role="nhs_partner", nhs_body=NhsBody.objects.get(ods_code=ods)
        )


TERMS = {
    "contributions_terms": "Contributions are agreed each year by the board by 31 January; "
    "either partner may vary its contribution by up to 5% with three months' notice.",
    "resources": "Each partner provides the staff of its locality teams and the accommodation "
    "of the three integrated hubs; the council provides the case recording system.",
    "term_review_variation_termination": "Five years from commencement, reviewed each year; "
    "varied by written agreement of all partners; twelve months' notice to terminate.",
    "governance_board": "Joint Commissioning Board: the council's executive member and director "
    "of adult services, the ICB's place director and director of finance.",
    "exit_plan": "Each partner takes back its functions; seconded staff return to their employer; "
    "the pool's balance is shared in proportion to contributions.",
    # SI 2000/617 reg 4: the improvement the partners expect.
    "improvement_expected": "One assessment and one care plan instead of two; hospital "
    "discharges arranged by a single team, so fewer delays and fewer readmissions.",
}


def make_agreements():
    from portal.models import Authority

    today = timezone.localdate()
    trafford = Authority.objects.get(code="TRF")
    officer, decider = staff_user("TRF", "officer"), staff_user("TRF", "decision_maker")
    icb, trust = NhsBody.objects.get(ods_code="QOP"), NhsBody.objects.get(ods_code="R0A")

    pooled = aw.propose(
        officer,
        lead_authority=trafford,
        title="Trafford Better Care Fund pooled budget",
        agreement_type="pooled_fund",
    )
    aw.add_party(pooled, officer, nhs_body=icb)
    lead = pooled.parties.get(authority=trafford)
    lead.is_host = True
    lead.save(update_fields=["is_host"])
    aw.update_terms(
        pooled,
        officer,
        council_functions=["adult_social_care"],
        nhs_functions=["community_health", "intermediate_care"],
        aims_outcomes="People in Trafford stay well and independent at home for longer, with "
        "fewer emergency admissions and quicker discharge from hospital.",
        functions_description="The council's adult social care functions and the ICB's "
        "commissioning of community health and intermediate care services.",
        client_groups_services="Adults aged 18 and over in Trafford who need care and support: "
        "reablement, home care, equipment and community nursing.",
        monitoring="The pool manager reports monthly to the board and quarterly and annually to "
        "each partner; an annual report is published.",
        pool_manager_role="Director of Integrated Commissioning, Trafford",
        review_date=today + timedelta(days=300),
        starts_on=today - timedelta(days=60),
        ends_on=today + timedelta(days=5 * 365),
        **TERMS,
    )
    icb_party = pooled.parties.get(nhs_body=icb)
    for year, council, nhs in (
        (today.year, 18_400_000, 24_900_000),
        (today.year + 1, 18_950_000, 25_650_000),
    ):
        aw.set_contribution(pooled, officer, party=lead, financial_year=year, amount=council)
        aw.set_contribution(pooled, officer, party=icb_party, financial_year=year, amount=nhs)
    aw.add_staff(
        pooled,
        officer,
        from_party=icb_party,
        to_party=lead,
        arrangement="secondment",
        staff_group="community nurses in the integrated hubs",
        headcount=46,
    )
    perform("agreement", pooled, "start_consultation", officer)
    perform(
        "agreement",
        pooled,
        "start_negotiation",
        officer,
        consultation_summary="Eight weeks' joint consultation with people who use the services, "
        "carers, staff and Healthwatch Trafford; 212 responses, mostly in favour.",
        consulted_jointly=True,
    )
    perform("agreement", pooled, "seek_approval", officer)
    aw.approve(pooled, lead, decider, approval_reference="Executive key decision, item 7")
    aw.approve(pooled, icb_party, _nhs_staff("QOP"), approval_reference="ICB Board minute 41")
    signed = summary_pdf(
        f"{pooled.title}: signed agreement",
        [
            "Section 75 partnership agreement (NHS Act 2006) between Trafford Council and "
            "NHS Greater Manchester Integrated Care Board.",
            "Signed for each partner by its authorised signatory.",
        ],
    )
    perform(
        "agreement",
        pooled,
        "sign",
        decider,
        signed_on=today - timedelta(days=65),
        signed_copy=upload(signed, f"{pooled.reference}-signed.pdf"),
    )
    perform(
        "agreement", pooled, "bring_into_force", officer, in_force_from=today - timedelta(days=60)
    )

    integrated = aw.propose(
        officer,
        lead_authority=trafford,
        title="Children's social care delivered by the NHS trust",
        agreement_type="integrated_provision",
    )
    aw.add_party(integrated, officer, nhs_body=trust)
    aw.add_party(integrated, officer, nhs_body=icb)
    aw.update_terms(
        integrated,
        officer,
        council_functions=["childrens_social_care"],
        nhs_functions=["childrens_community_health"],
        aims_outcomes="Children and families get help from one team that brings social work and "
        "community health together.",
        functions_description="The council's children's social care functions, exercised by the "
        "trust alongside its children's community health services.",
        client_groups_services="Children in need, children in care and their families.",
        monitoring="Quarterly performance reports from the trust to the council and the ICB, "
        "and Ofsted and CQC inspection findings.",
        review_date=today + timedelta(days=400),
        **TERMS,
    )
    aw.add_staff(
        integrated,
        officer,
        from_party=integrated.parties.get(authority=trafford),
        to_party=integrated.parties.get(nhs_body=trust),
        arrangement="tupe_transfer",
        staff_group="social workers and family support workers",
        headcount=118,
    )
    perform("agreement", integrated, "start_consultation", officer)
    perform(
        "agreement",
        integrated,
        "start_negotiation",
        officer,
        consultation_summary="Joint consultation with families, staff and unions for 12 weeks.",
        consulted_jointly=True,
    )
    perform("agreement", integrated, "seek_approval", officer)
    aw.approve(
        integrated,
        integrated.parties.get(authority=trafford),
        decider,
        approval_reference="Executive key decision, item 9",
    )
    return [pooled, integrated]


def seed(stdout=None) -> int:
    if ProcurementExercise.objects.exists() or TransferAgreement.objects.exists():
        return 0
    _extra_accounts()
    with transaction.atomic():
        exercises = [make_exercise(*row) for row in EXERCISES]
        agreements = make_agreements()
    if stdout:
        stdout.write(
            f"Demo procurement exercises: {len(exercises)}; transfer agreements: {len(agreements)}"
        )
        for email, *_ in EXTRA_ACCOUNTS:
            stdout.write(f"  {email:36} NHS partner, Manchester University NHS FT")
    return len(exercises) + len(agreements)
