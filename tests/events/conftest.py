"""A Trafford world with a person in every role of the subscription table, and one subject of
each machine (a challenge, an exercise with two bidders, an interest, an agreement sent for
approval), made through the workflows. Events are published directly by the tests."""

import pytest
from django.contrib.contenttypes.models import ContentType

from messaging import events
from messaging.models import EventRecord, Notification, OutboxMessage, Watch
from procurement.models import ExpressionOfInterest
from tests import builders
from tests.challenges.conftest import advance, draft
from tests.procurement.agreements_helpers import proposed, to_approval
from tests.procurement.conftest import (  # noqa: F401  (fixtures)
    age_decision,
    open_from_challenge,
    partners,
    to_evaluation,
    to_standstill,
)


@pytest.fixture
def cast(partners, manchester):  # noqa: F811
    """Everyone, plus people who must never be told: another authority's staff, an NHS body
    that is not a party, someone who merely has an account."""
    w = partners
    w.watcher = builders.user()
    w.outsider_officer = builders.staff("officer", manchester)
    w.outsider_decider = builders.staff("decision_maker", manchester)
    return w


def make_challenge(w):
    challenge = draft(w.service, w.organisation, w.provider)
    return advance(challenge, w, "submit", "start_assessment", "accept")


def make_exercise(w):
    challenge = age_decision(make_challenge(w))
    exercise = to_evaluation(w, open_from_challenge(w, challenge))
    return to_standstill(w, exercise, w.organisation)


def make_interest(w):
    exercise = make_exercise(w)
    return ExpressionOfInterest.objects.get(exercise=exercise, organisation=w.rival_org)


def make_agreement(w):
    return to_approval(w, proposed(w))


def make_page(w):
    """The service's page, edited by the officer and submitted for the authority admin's
    approval (Wagtail's moderation workflow)."""
    w.authority_admin = builders.staff("authority_admin", w.authority)
    page = w.service
    page.summary = "Youth clubs on four evenings a week."
    page.save_revision(user=w.officer)
    page.get_workflow().start(page, w.officer)
    return page


def make_offer(w):
    from tests.offers.helpers import make_offer as offer_to_partners

    return offer_to_partners(w)


MAKERS = {
    "challenge": make_challenge,
    "exercise": make_exercise,
    "interest": make_interest,
    "agreement": make_agreement,
    "page": make_page,
    "offer": make_offer,
}


def watch(person, subject):
    return Watch.objects.create(
        user=person, subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    )


def clean_slate():
    """Forget what building the world queued, so a test sees only its own event's effects."""
    OutboxMessage.objects.all().delete()
    Notification.objects.all().delete()
    EventRecord.objects.all().delete()


def publish(capture, kind, subject, actor=None, **fields):
    with capture(execute=True):
        return events.publish(events.Event(kind, subject, actor=actor, **fields))


def sent():
    """{(recipient, kind)} of the outbox."""
    return set(OutboxMessage.objects.values_list("recipient", "kind"))


def told(event_id=None):
    rows = Notification.objects.all()
    if event_id:
        rows = rows.filter(event_id=event_id)
    return set(rows.values_list("user__email", flat=True))
