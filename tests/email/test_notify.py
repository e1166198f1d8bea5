"""GOV.UK Notify (NOTIFY_API_KEY) against a Notify API on loopback that checks the client's JWT."""

import pytest

from messaging import email_kinds, outbox
from messaging.models import OutboxMessage

from .conftest import later, rows

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status

EXAMPLES = {  # one message of each kind, with the fields its code fills
    "confirm_email": {"confirm_url": "http://portal.example/account/confirm/abc/"},
    "account_exists": {
        "sign_in_url": "http://portal.example/account/sign-in/",
        "reset_url": "http://portal.example/account/password-reset/",
    },
    "feedback_received": {
        "rating": "Satisfied",
        "page": "/services/",
        "comments": "The directory was easy to use.",
        "admin_url": "http://portal.example/admin/snippets/portal/feedback/",
    },
    "challenge_received": {
        "reference": "TRF-CH-2026-0001",
        "authority_name": "Trafford Metropolitan Borough Council",
        "service_title": "Youth clubs",
        "decision_due": "3 March 2027",
        "case_url": "http://portal.example/challenges/1/",
    },
    "clarification_requested": {
        "reference": "TRF-CH-2026-0001",
        "authority_name": "Trafford Metropolitan Borough Council",
        "authority_short_name": "Trafford",
        "question": "Which parks?",
        "reply_by": "by 3 February 2099",
        "case_url": "http://portal.example/challenges/1/",
    },
    "modification_proposed": {
        "reference": "TRF-CH-2026-0001",
        "authority_name": "Trafford Metropolitan Borough Council",
        "authority_short_name": "Trafford",
        "case_url": "http://portal.example/challenges/1/",
    },
    "decision": {
        "reference": "TRF-CH-2026-0001",
        "letter_text": "Decision: we accept your expression of interest.\n",
        "letter_url": "http://portal.example/files/1/",
    },
    "expected_decision": {
        "authority_name": "Trafford Metropolitan Borough Council",
        "reference": "TRF-CH-2026-0001",
        "expected_decision": "within 60 working days of 2 March 2026",
        "case_url": "http://portal.example/challenges/1/",
    },
    "decision_due_reminder": {
        "reference": "TRF-CH-2026-0001",
        "service_title": "Youth clubs",
        "organisation_name": "Riverside Youth Trust",
        "decision_due": "3 March 2027",
        "authority_short_name": "Trafford",
        "decision_period": "60 working days",
        "case_url": "http://portal.example/casework/1/",
    },
    "interest_received": {
        "authority_name": "Trafford Metropolitan Borough Council",
        "exercise_title": "Youth clubs",
        "exercise_reference": "TRF-PR-2026-0001",
        "reference": "TRF-EOI-2026-0001",
        "interest_url": "http://portal.example/procurement/interests/1/",
    },
    "interest_outcome": {
        "exercise_reference": "TRF-PR-2026-0001",
        "exercise_title": "Youth clubs",
        "reference": "TRF-EOI-2026-0001",
        "outcome": "not successful",
        "interest_url": "http://portal.example/procurement/interests/1/",
    },
    "assessment_summary": {
        "exercise_reference": "TRF-PR-2026-0001",
        "exercise_title": "Youth clubs",
        "authority_name": "Trafford Metropolitan Borough Council",
        "supplier_name": "Riverside Youth Trust",
        "award_note": "",
        "score": 70,
        "assessment_summary": "Scored 70: a sound plan.",
        "standstill_ends_on": "12 March 2027",
        "reference": "TRF-EOI-2026-0002",
        "interest_url": "http://portal.example/procurement/interests/2/",
    },
    "password_reset": {"reset_url": "http://portal.example/account/password-reset/MQ/abc/"},
    "password_changed": {"reset_request_url": "http://portal.example/account/password-reset/"},
    "offer_received": {
        "reference": "TRF-IO-2026-0001",
        "title": "Edge-of-care support for teenagers",
        "not_statutory": "An innovation offer is not a challenge under the Community Right to "
        "Challenge.",
        "offer_url": "http://portal.example/offers/TRF-IO-2026-0001/",
    },
    "offer_answered": {
        "reference": "TRF-IO-2026-0001",
        "title": "Edge-of-care support for teenagers",
        "offer_url": "http://portal.example/offers/TRF-IO-2026-0001/",
    },
    "offer_reminder": {
        "what": "A reasoned answer is due",
        "reference": "TRF-IO-2026-0001",
        "title": "Edge-of-care support for teenagers",
        "due": "9 December 2026",
        "offer_url": "http://portal.example/offers/manage/TRF-IO-2026-0001/",
    },
    "agreement_review_due": {
        "reference": "TRF-AG-2026-0001",
        "title": "Pooled fund for youth services",
        "review_date": "1 April 2027",
        "agreement_url": "http://portal.example/agreements/TRF-AG-2026-0001/",
    },
    "challenge_arrived": {
        "reference": "TRF-CH-2026-0001",
        "service_title": "Youth clubs",
        "organisation_name": "Riverside Youth Trust",
        "authority_short_name": "Trafford",
        "decision_due": "3 March 2027",
        "case_url": "http://portal.example/casework/1/",
        "preferences_url": "http://portal.example/account/notifications/",
    },
    "clarification_answered": {
        "organisation_name": "Riverside Youth Trust",
        "reference": "TRF-CH-2026-0001",
        "case_url": "http://portal.example/casework/1/",
        "preferences_url": "http://portal.example/account/notifications/",
    },
    "agreement_approval_requested": {
        "what": "An agreement awaits your approval",
        "reference": "TRF-AG-2026-0001",
        "title": "Pooled fund for youth services",
        "agreement_url": "http://portal.example/agreements/manage/TRF-AG-2026-0001/",
        "preferences_url": "http://portal.example/account/notifications/",
    },
    "case_update": {
        "what": "The challenge was withdrawn",
        "reference": "TRF-CH-2026-0001",
        "title": "Youth clubs, Trafford (Riverside Youth Trust)",
        "url": "http://portal.example/casework/1/",
        "preferences_url": "http://portal.example/account/notifications/",
    },
    "daily_digest": {
        "count": 2,
        "items": "- The challenge was withdrawn: TRF-CH-2026-0001\n"
        "- A decision is overdue: TRF-CH-2026-0002\n",
        "notifications_url": "http://portal.example/tasks/notifications/",
        "preferences_url": "http://portal.example/account/notifications/",
    },
    "alert_confirm": {
        "alert_description": "new results for the search ‘youth club’",
        "confirm_url": "http://portal.example/alerts/confirm/abc/",
    },
    "search_alert": {
        "search_description": "‘youth club’; Type of record: Challenge decision",
        "results": "TRF-CH-2026-0001: Youth clubs\nhttp://portal.example/decisions/TRF-CH-2026-0001/",
        "search_url": "http://portal.example/search/?q=youth+club&kind=decision",
        "unsubscribe_url": "http://portal.example/alerts/unsubscribe/abc/",
    },
    "window_open_alert": {
        "authority_name": "Trafford",
        "scope": "Youth clubs",
        "opens_on": "1 March 2027",
        "closes_on": "31 March 2027",
        "service_url": "http://portal.example/services/trafford/youth-clubs/",
        "unsubscribe_url": "http://portal.example/alerts/unsubscribe/abc/",
    },
}


def test_the_examples_cover_every_kind():
    assert set(EXAMPLES) == set(email_kinds.KINDS)


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_each_kind_goes_to_its_template_with_its_fields(notify, kind):
    (pk,) = outbox.queue(kind, ["pat@example.org"], **EXAMPLES[kind])
    assert outbox.deliver_due()["sent"] == 1
    (sent,) = notify.sent
    assert sent["template_id"] == notify.template_ids()[kind]
    assert sent["email_address"] == "pat@example.org"
    assert sent["personalisation"] == {k: str(v) for k, v in EXAMPLES[kind].items()}
    assert sent["reference"] == f"outbox-{pk}"
    row = OutboxMessage.objects.get(pk=pk)
    assert (row.status, row.provider_id) == (Status.SENT, sent["id"])


def test_a_wrong_key_is_refused_and_failed_at_once(notify, settings):
    right = notify.api_key
    settings.NOTIFY_API_KEY = right[: -len(notify.secret)] + "0" * 8 + notify.secret[8:]
    (pk,) = outbox.queue("confirm_email", ["pat@example.org"], **EXAMPLES["confirm_email"])
    assert outbox.deliver_due()["failed"] == 1
    row = OutboxMessage.objects.get(pk=pk)
    assert row.status == Status.FAILED and row.attempts == 1
    assert row.last_error.startswith("Notify 403: Invalid token")
    assert notify.refused == [(403, "Invalid token: InvalidSignatureError")]
    later()
    assert outbox.deliver_due()["sent"] == 0 and notify.requests == 1
    # Another service's id (the JWT's issuer) is refused too.
    settings.NOTIFY_API_KEY = f"portal_test-{'1' * 8}{notify.service_id[8:]}-{notify.secret}"
    outbox.queue("confirm_email", ["pat@example.org"], **EXAMPLES["confirm_email"])
    assert outbox.deliver_due()["failed"] == 1
    assert notify.refused[-1] == (403, "Invalid token: InvalidIssuerError")
    assert notify.sent == []


def test_a_bad_request_fails_at_once(notify, settings):
    settings.NOTIFY_TEMPLATES = {**notify.template_ids(), "confirm_email": "0" * 32}
    (pk,) = outbox.queue("confirm_email", ["pat@example.org"], **EXAMPLES["confirm_email"])
    assert outbox.deliver_due()["failed"] == 1
    assert OutboxMessage.objects.get(pk=pk).last_error == "Notify 400: Template not found"


def test_notify_down_then_back_delivers_every_message_once(notify):
    notify.failing = True
    ids = [
        outbox.queue("confirm_email", [f"person{i}@example.org"], confirm_url=f"http://x/{i}/")[0]
        for i in range(5)
    ]
    for _ in range(3):
        assert outbox.deliver_due()["retrying"] == 5
        later()
    assert notify.requests == 15 and notify.sent == []
    assert {r.last_error for r in rows(pk__in=ids)} == {"Notify 500: Down"}
    notify.failing = False
    assert outbox.deliver_due()["sent"] == 5
    later()
    assert outbox.deliver_due()["sent"] == 0
    assert notify.requests == 20
    assert sorted(n["reference"] for n in notify.sent) == sorted(f"outbox-{pk}" for pk in ids)
    assert {(r.status, r.attempts) for r in rows(pk__in=ids)} == {(Status.SENT, 4)}


def test_notify_unreachable_is_retried(notify):
    notify.stop()  # connection refused: the client reports it as a 503
    (pk,) = outbox.queue("confirm_email", ["pat@example.org"], **EXAMPLES["confirm_email"])
    assert outbox.deliver_due()["retrying"] == 1
    row = OutboxMessage.objects.get(pk=pk)
    assert row.status == Status.QUEUED and row.last_error.startswith("Notify 503")
