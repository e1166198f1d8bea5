"""Each person's choice per kind: straight away, in the daily summary, or no email; statutory
notices always go at once; nobody is emailed about their own action unless the law says so."""

from datetime import timedelta

import pytest
from django.utils import timezone

from challenges.evidence import decision_letter
from messaging import digests, notifications
from messaging.models import Digest, Notification, NotificationPreference, OutboxMessage

from .conftest import clean_slate, make_agreement, make_challenge, publish, watch

pytestmark = pytest.mark.django_db


def prefer(person, kind, frequency):
    NotificationPreference.objects.update_or_create(
        user=person, kind=kind, defaults={"frequency": frequency}
    )


def emails_to(person, kind=None):
    rows = OutboxMessage.objects.filter(recipient=person.email)
    return list(rows.filter(kind=kind) if kind else rows)


@pytest.fixture
def challenge(cast):
    subject = make_challenge(cast)
    clean_slate()
    return subject


def test_daily_does_not_email_at_once_and_off_does_not_email(
    cast, challenge, django_capture_on_commit_callbacks
):
    prefer(cast.officer, "challenge.withdraw", "daily")
    prefer(cast.decider, "challenge.withdraw", "off")
    publish(django_capture_on_commit_callbacks, "challenge.withdraw", challenge)
    assert emails_to(cast.officer) == [] and emails_to(cast.decider) == []
    assert [m.kind for m in emails_to(cast.other_decider)] == ["case_update"]
    # Everyone is still told in the app.
    for person in (cast.officer, cast.decider, cast.other_decider):
        assert notifications.unread_count(person) == 1
    assert Notification.objects.get(user=cast.officer).email == "daily"
    assert Notification.objects.get(user=cast.decider).email == "none"


def test_a_statutory_notice_ignores_the_preference(
    cast, challenge, django_capture_on_commit_callbacks
):
    prefer(cast.provider, "challenge.accept", "off")
    prefer(cast.officer, "challenge.accept", "off")
    publish(django_capture_on_commit_callbacks, "challenge.accept", challenge, actor=cast.decider)
    [decision] = emails_to(cast.provider)
    assert decision.kind == "decision"
    # The decision letter's link is in the email.
    letter = decision_letter(challenge)
    assert decision.personalisation["letter_url"].endswith(letter.get_absolute_url())
    assert "accept" in decision.body.lower()
    assert emails_to(cast.officer) == []  # not statutory to officers: their choice holds


def test_nobody_is_emailed_about_their_own_action_unless_statutory(
    cast, challenge, django_capture_on_commit_callbacks
):
    event_id = publish(
        django_capture_on_commit_callbacks, "challenge.accept", challenge, actor=cast.decider
    )
    told = set(Notification.objects.filter(event_id=event_id).values_list("user_id", flat=True))
    assert cast.decider.pk not in told and cast.other_decider.pk in told
    assert emails_to(cast.decider) == []
    clean_slate()
    # The body's acknowledgement of its own submission is a statutory notice: it goes.
    publish(django_capture_on_commit_callbacks, "challenge.submit", challenge, actor=cast.provider)
    assert [m.kind for m in emails_to(cast.provider)] == ["challenge_received"]


def test_a_person_in_two_roles_is_told_once(cast, challenge, django_capture_on_commit_callbacks):
    watch(cast.officer, challenge)
    event_id = publish(django_capture_on_commit_callbacks, "challenge.withdraw", challenge)
    assert Notification.objects.filter(event_id=event_id, user=cast.officer).count() == 1
    assert len(emails_to(cast.officer)) == 1


def test_the_daily_summary_gathers_each_persons_notifications_once_a_day(
    cast, challenge, django_capture_on_commit_callbacks
):
    agreement = make_agreement(cast)
    clean_slate()
    for kind in ("challenge.withdraw", "challenge.overdue"):
        prefer(cast.officer, kind, "daily")
    prefer(cast.icb_partner, "agreement.sign", "daily")
    publish(django_capture_on_commit_callbacks, "challenge.withdraw", challenge)
    publish(django_capture_on_commit_callbacks, "challenge.overdue", challenge)
    publish(django_capture_on_commit_callbacks, "agreement.sign", agreement)
    before = OutboxMessage.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_digests() == 2
    summaries = list(OutboxMessage.objects.filter(kind="daily_digest").order_by("recipient"))
    assert OutboxMessage.objects.count() == before + 2
    by_person = {m.recipient: m for m in summaries}
    officer = by_person[cast.officer.email]
    assert officer.personalisation["count"] == "2"
    assert "The challenge was withdrawn" in officer.body and "overdue" in officer.body
    assert challenge.reference in officer.body
    assert "Choose which emails you get" in officer.body
    assert by_person[cast.icb_partner.email].personalisation["count"] == "1"
    assert not Notification.objects.filter(email="daily", emailed_at=None).exists()

    # Idempotent per person per day: a second run, even with something new, sends nothing.
    prefer(cast.officer, "challenge.decline_modification", "daily")
    prefer(cast.provider, "challenge.close", "daily")
    publish(django_capture_on_commit_callbacks, "challenge.decline_modification", challenge)
    publish(django_capture_on_commit_callbacks, "challenge.close", challenge)
    assert digests.send_digests() == 1  # only the provider, who had none today
    assert digests.send_digests() == 0
    assert Digest.objects.filter(user=cast.officer).count() == 1
    # The officer's new notification waits for tomorrow's summary.
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert digests.send_digests(today=tomorrow) == 1
    assert digests.send_digests(today=tomorrow) == 0
    assert Digest.objects.filter(user=cast.officer).count() == 2
