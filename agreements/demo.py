"""The demo's transfer agreements (synthetic cases of real authorities and NHS bodies): a pooled
budget signed and in force, and others at each stage, with the NHS partners who approve them."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from agreements import workflow as aw
from agreements.models import TransferAgreement
from challenges.demo import staff_user
from documents.demo import summary_pdf, upload
from portal.demo_content import DEMO_PASSWORD
from portal.models import NhsBody, RoleAssignment, User
from portal.workflow import perform

EXTRA_ACCOUNTS = [("nhs.trust@demo.invalid", "Tomi", "Trust-Board", "R0A")]


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
    if TransferAgreement.objects.exists():
        return 0
    _extra_accounts()
    with transaction.atomic():
        agreements = make_agreements()
    if stdout:
        stdout.write(f"Demo transfer agreements: {len(agreements)}")
        for email, *_ in EXTRA_ACCOUNTS:
            stdout.write(f"  {email:36} NHS partner, Manchester University NHS FT")
    return len(agreements)
