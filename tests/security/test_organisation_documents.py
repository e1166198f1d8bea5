"""An organisation's own papers (constitution, accounts) reach its members, site admins, and the
staff of the authorities it has a case with: never every council officer in England."""

from types import SimpleNamespace

import pytest

from documents import stored as documents
from portal.models import Role
from portal.workflow import perform
from procurement import interest_workflow
from tests import builders
from tests.challenges.conftest import advance, draft
from tests.documents import samples
from tests.procurement.conftest import open_plain, to_tender

pytestmark = pytest.mark.django_db


@pytest.fixture
def constitution(world):
    return documents.store_bytes(
        samples.PDF,
        "constitution.pdf",
        owner=world.organisation,
        folder=f"organisation-{world.organisation.pk}",
        kind="organisation",
        title="Constitution",
        uploaded_by=world.provider,
    )


def may_download(client, person, document) -> bool:
    client.force_login(person)
    response = client.get(document.get_absolute_url())
    assert response.status_code in (302, 200, 404), response.status_code
    return response.status_code != 404


def test_members_and_site_admins_may_download(client, world, constitution):
    assert may_download(client, world.provider, constitution)
    assert may_download(client, builders.user(is_superuser=True), constitution)
    site_admin = builders.user()
    site_admin.roles.create(role=Role.SITE_ADMIN)
    assert may_download(client, site_admin, constitution)


def test_staff_of_unrelated_authorities_may_not(client, world, manchester, constitution):
    for role in (Role.OFFICER, Role.DECISION_MAKER, Role.AUTHORITY_ADMIN):
        assert not may_download(client, builders.staff(role, manchester), constitution)
    assert not may_download(client, world.rival, constitution)  # another organisation


def test_a_challenge_opens_them_to_its_authority_once_submitted(client, world, constitution):
    challenge = draft(world.service, world.organisation, world.provider)
    assert not may_download(client, world.officer, constitution)  # a draft is not a case yet
    advance(challenge, world, "submit")
    assert may_download(client, world.officer, constitution)
    assert may_download(client, world.decider, constitution)


def test_a_joint_service_opens_them_to_the_partner_authority(
    client, world, manchester, constitution
):
    world.service.partner_authorities.set([manchester])
    world.service.save_revision().publish()
    partner_officer = builders.staff(Role.OFFICER, manchester)
    assert not may_download(client, partner_officer, constitution)
    advance(draft(world.service, world.organisation, world.provider), world, "submit")
    assert may_download(client, partner_officer, constitution)


def test_an_expression_of_interest_opens_them_to_the_procuring_authority(
    client, world, manchester, constitution
):
    manchester_officer = builders.staff(Role.OFFICER, manchester)
    in_manchester = SimpleNamespace(
        **{
            **vars(world),
            "service": builders.service(manchester, "Manchester youth clubs"),
            "officer": manchester_officer,
        }
    )
    exercise = to_tender(in_manchester, open_plain(in_manchester))
    assert exercise.authority == manchester
    eoi = interest_workflow.start(world.provider, exercise, world.organisation)
    assert not may_download(client, manchester_officer, constitution)  # a draft
    interest_workflow.save_draft(eoi, world.provider, proposal="Four clubs.", price=800_000)
    perform("interest", eoi, "submit", world.provider)
    assert may_download(client, manchester_officer, constitution)
    assert not may_download(client, world.officer, constitution)  # Trafford: no case
