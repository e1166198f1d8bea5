"""Builders for agreements: NHS bodies and their partners, and an agreement run to a state."""

from datetime import timedelta

from django.utils import timezone

from agreements import workflow as aw
from portal.models import NhsBody, RoleAssignment
from portal.workflow import perform
from tests import builders

TERMS = {
    "aims_outcomes": "People stay well at home for longer.",
    "contributions_terms": "Set each year by the board; varied by written agreement.",
    "functions_description": "Adult social care and community health services.",
    "client_groups_services": "Adults over 18 needing care and support.",
    "resources": "Staff of both partners in three locality teams.",
    "term_review_variation_termination": "Five years; reviewed annually; six months' notice.",
    "monitoring": "The pool manager reports monthly to the board and quarterly to each partner.",
    "governance_board": "Joint Commissioning Board: two members from each partner.",
    "exit_plan": "Each partner takes back its functions; staff return to their employer.",
    "pool_manager_role": "Director of Integrated Commissioning",
    "council_functions": ["adult_social_care"],
    "nhs_functions": ["community_health"],
    "improvement_expected": "One team and one care plan: fewer delayed discharges.",
}


def nhs_body(name="NHS Greater Manchester Integrated Care Board", ods="QOP", kind="icb"):
    return NhsBody.objects.get_or_create(ods_code=ods, defaults={"name": name, "kind": kind})[0]


def nhs_partner(body):
    person = builders.user()
    RoleAssignment.objects.create(user=person, role="nhs_partner", nhs_body=body)
    return person


def proposed(world, agreement_type="pooled_fund", **terms):
    agreement = aw.propose(
        world.officer,
        lead_authority=world.authority,
        title="Better Care Fund pooled budget",
        agreement_type=agreement_type,
    )
    aw.add_party(agreement, world.officer, nhs_body=world.icb)
    values = {**TERMS, "review_date": timezone.localdate() + timedelta(days=365), **terms}
    aw.update_terms(agreement, world.officer, **values)
    return agreement


def host_and_fund(world, agreement):
    lead = agreement.parties.get(authority=world.authority)
    icb = agreement.parties.get(nhs_body=world.icb)
    lead.is_host = True
    lead.save(update_fields=["is_host"])
    year = timezone.localdate().year
    aw.set_contribution(agreement, world.officer, party=lead, financial_year=year, amount=4_000_000)
    aw.set_contribution(agreement, world.officer, party=icb, financial_year=year, amount=6_500_000)
    aw.set_contribution(
        agreement, world.officer, party=lead, financial_year=year + 1, amount=4_100_000
    )
    return agreement


def to_approval(world, agreement):
    perform("agreement", agreement, "start_consultation", world.officer)
    perform(
        "agreement",
        agreement,
        "start_negotiation",
        world.officer,
        consultation_summary="Service users, carers and staff consulted jointly for 8 weeks.",
        consulted_jointly=True,
    )
    if agreement.is_pooled_fund and not agreement.contributions.exists():
        host_and_fund(world, agreement)
    return perform("agreement", agreement, "seek_approval", world.officer)


def approve_all(world, agreement):
    for party in agreement.parties.select_related("authority", "nhs_body"):
        person = world.icb_partner if party.is_nhs else world.decider
        aw.approve(agreement, party, person, approval_reference="Key decision KD/26/14")
    return agreement


def to_in_force(world, agreement):
    to_approval(world, agreement)
    approve_all(world, agreement)
    today = timezone.localdate()
    perform("agreement", agreement, "sign", world.decider, signed_on=today)
    return perform("agreement", agreement, "bring_into_force", world.officer, in_force_from=today)
