"""The public lists' cached options, totals and filter fragments follow every change at once, and
the pagination bar shows the same links without walking every page."""

import re

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from challenges.models import PartnerAgreement
from portal.templatetags.portal_tags import page_links
from tests import builders

from .conftest import advance, draft

pytestmark = pytest.mark.django_db


def joint_service(world, partner):
    """A Trafford service delivered jointly with `partner` (Trafford's staff decide)."""
    joint = builders.service(world.authority, "Shared youth justice support")
    joint.partner_authorities.set([partner])
    joint.save_revision().publish()
    builders.open_window(world.authority, joint)
    return joint


def decide_joint(world, partner):
    """A rejected joint challenge, the partner having agreed to the rejection."""
    challenge = advance(
        draft(joint_service(world, partner), world.organisation, world.provider),
        world,
        "submit",
        "start_assessment",
    )
    PartnerAgreement.objects.create(
        challenge=challenge,
        authority=partner,
        outcome="rejected",
        recorded_by=builders.staff("decision_maker", partner),
    )
    return advance(challenge, world, "reject")


def decide(world, service=None):
    """A decided challenge (rejected: a joint acceptance would need the partners' agreement)."""
    return advance(
        draft(service or world.service, world.organisation, world.provider),
        world,
        "submit",
        "start_assessment",
        "reject",
    )


def page(client, path: str) -> str:
    """The page's HTML without its per-request CSP nonces."""
    return re.sub(r'nonce="[^"]*"', 'nonce=""', client.get(path).content.decode())


def test_register_shows_a_new_decision_although_its_lists_were_cached(client, world, manchester):
    first = decide(world)
    before = page(client, "/decisions/")
    assert "1 decision" in before and first.reference in before
    assert page(client, "/decisions/") == before  # served from the warm cache
    assert '<option value="manchester"' not in before

    second = decide_joint(world, manchester)

    after = client.get("/decisions/").content.decode()
    assert "2 decisions" in after and second.reference in after
    assert '<option value="manchester"' in after  # the authority options were worked out again
    assert f'<option value="{timezone.localdate().year}"' in after


def test_directory_shows_a_new_service_although_its_lists_were_cached(client, world, manchester):
    before = client.get("/services/").content.decode()
    assert "1 service" in before and '<option value="manchester"' not in before

    builders.service(manchester, "Mobile library")

    after = client.get("/services/").content.decode()
    assert "2 services" in after and "Mobile library" in after
    assert '<option value="manchester"' in after


def test_register_filters_by_a_partner_authority(client, world, manchester):
    own, shared = decide(world), decide_joint(world, manchester)
    for_trafford = client.get("/decisions/?authority=trafford").content.decode()
    assert "2 decisions" in for_trafford
    assert own.reference in for_trafford and shared.reference in for_trafford
    for_manchester = client.get("/decisions/?authority=manchester").content.decode()
    assert "1 decision" in for_manchester and own.reference not in for_manchester


@pytest.mark.parametrize(
    "current, links",
    [
        (1, [1, 2, 3, None, 50]),
        (4, [1, 2, 3, 4, 5, 6, None, 50]),
        (25, [1, None, 23, 24, 25, 26, 27, None, 50]),
        (50, [1, None, 48, 49, 50]),
    ],
)
def test_page_links_are_those_the_bar_showed_for_each_page(current, links):
    page = Paginator(range(1000), 20).page(current)
    assert page_links(page) == links


def test_page_links_of_a_short_list_show_every_page():
    assert page_links(Paginator(range(60), 20).page(2)) == [1, 2, 3]
