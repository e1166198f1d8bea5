"""Procurement Act 2023 s.50: every assessed supplier gets its own assessment summary, even when the
award event is delivered after the interests have moved on (a worker that was down, a retry).
Found by walking the demo: the summaries were lost once the interests were marked successful and
unsuccessful before delivery."""

from messaging.models import EventRecord, OutboxMessage
from procurement.models import InterestState

from .conftest import clean_slate, make_exercise, publish


def test_summaries_go_to_each_supplier_after_the_interests_have_moved_on(
    cast, django_capture_on_commit_callbacks
):
    exercise = make_exercise(cast)
    interests = list(exercise.interests.filter(state__in=["shortlisted", "not_shortlisted"]))
    assert len(interests) == 2
    for interest in interests:  # what the award's later steps do before a delayed delivery
        won = interest.pk == exercise.winning_interest_id
        state = InterestState.SUCCESSFUL if won else InterestState.UNSUCCESSFUL
        type(interest).objects.filter(pk=interest.pk).update(state=state)
    clean_slate()

    event_id = publish(django_capture_on_commit_callbacks, "exercise.confirm_award", exercise)

    assert EventRecord.objects.get(pk=event_id).delivered_at is not None
    summaries = OutboxMessage.objects.filter(kind="assessment_summary")
    references = {row.personalisation["reference"] for row in summaries}
    assert references == {interest.reference for interest in interests}
    for row in summaries:
        assert row.personalisation["exercise_reference"] == exercise.reference
