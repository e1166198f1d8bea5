"""A challenge's emails are outbox rows written with the transition: a transition that fails
queues nothing; one that commits is delivered, each member on their own, through Notify too."""

import pytest

from challenges.models import Challenge, State
from messaging.models import OutboxMessage
from portal.workflow import Refused
from tests.documents.conftest import point_storage_at
from tests.email.conftest import notify  # noqa: F401  (the fixture)

from .conftest import advance


def test_a_decision_that_fails_queues_no_email(s3, world, challenge, settings):
    advance(challenge, world, "submit", "start_assessment")
    queued = OutboxMessage.objects.count()
    point_storage_at(settings, s3.endpoint_url, "no-such-bucket")  # the letter cannot be stored
    with pytest.raises(Refused):
        advance(challenge, world, "accept")
    assert Challenge.objects.get(pk=challenge.pk).state == State.UNDER_ASSESSMENT
    assert OutboxMessage.objects.count() == queued
    assert not OutboxMessage.objects.filter(kind="decision").exists()


def test_a_decision_goes_through_notify_with_its_letter_link(
    notify,  # noqa: F811
    world,
    challenge,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        advance(challenge, world, "submit", "start_assessment")
    with django_capture_on_commit_callbacks(execute=True):
        advance(challenge, world, "accept")
    challenge.refresh_from_db()
    to_body = [n for n in notify.sent if n["email_address"] == world.provider.email]
    ids = notify.template_ids()
    assert [n["template_id"] for n in to_body] == [
        ids["challenge_received"],
        ids["case_update"],  # the assessment started
        ids["decision"],
    ]
    decision = to_body[-1]
    assert decision["email_address"] == world.provider.email
    fields = decision["personalisation"]
    assert fields["reference"] == challenge.reference
    assert "/files/" in fields["letter_url"] and fields["letter_url"].startswith("http")
    assert "we accept your expression of interest" in fields["letter_text"]
    assert OutboxMessage.objects.get(kind="decision").provider_id == decision["id"]
