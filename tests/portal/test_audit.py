"""The audit trail: hash chain, append-only tables, tamper detection and the public timeline."""

import sqlite3
import threading
import time
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.db.backends.sqlite3.base import DatabaseOperations
from django.template.loader import render_to_string

from portal import audit
from portal.audit import triggers as audit_triggers
from portal.models import AuditEvent, Authority
from portal.models.audit import GENESIS_HASH, AppendOnlyError
from portal.workflow import public_timeline
from tests import builders


@contextmanager
def creation_unaudited(model):
    """Creating `model` writes no event (portal.audit.privileges records every authority
    created): these tests are about the chain itself, counted from its first event."""
    from django.db.models.signals import post_save

    from portal.audit import privileges

    uid = f"privileges-{model._meta.model_name}"
    post_save.disconnect(sender=model, dispatch_uid=uid)
    try:
        yield
    finally:
        post_save.connect(privileges.record_save, sender=model, dispatch_uid=uid)


@pytest.fixture
def trafford(db):
    with creation_unaudited(Authority):
        return builders.trafford()


@pytest.fixture
def manchester(db):
    with creation_unaudited(Authority):
        return builders.manchester()


def _events(case, n, actor=None):
    states = ["draft", "submitted", "under_assessment", "accepted", "procurement_started", "closed"]
    made = []
    for i in range(n):
        with transaction.atomic():
            made.append(
                audit.record(
                    case,
                    transition=f"step_{i}",
                    from_state=states[i % 6],
                    to_state=states[(i + 1) % 6],
                    actor=actor,
                    role="officer" if actor else "system",
                    reason=f"Reason {i}",
                    changes={"step": i},
                    reference="TRF-CH-2026-0001",
                )
            )
    return made


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _tamper(sql, params=()):
    with audit_triggers.triggers_disabled(connection):
        _raw(sql, params)


def _broken():
    return audit.verify_chain()[1:]


@pytest.mark.django_db
class TestChain:
    def test_each_event_links_to_the_one_before(self, trafford):
        first, second, third = _events(trafford, 3)
        assert [e.seq for e in (first, second, third)] == [1, 2, 3]
        assert first.prev_hash == GENESIS_HASH
        assert second.prev_hash == first.hash
        assert third.prev_hash == second.hash
        for event in AuditEvent.objects.all():
            assert event.hash == event.computed_hash()
            assert len(event.hash) == 64
        assert audit.verify_chain() == (3, None, "3 events checked: chain sound")

    def test_the_hash_covers_every_field(self, trafford):
        (event,) = _events(trafford, 1)
        original = event.computed_hash()
        for field, value in [
            ("seq", 9),
            ("object_kind", "challenges.challenge"),
            ("object_id", "999"),
            ("reference", "MAN-CH-2026-0001"),
            ("transition", "reject"),
            ("from_state", "accepted"),
            ("to_state", "rejected"),
            ("actor_id", 12345),
            ("actor_role", "decision_maker"),
            ("at", event.at - timedelta(microseconds=1)),
            ("reason", "Something else"),
            ("changes", {"step": 1}),
            ("prev_hash", "f" * 64),
        ]:
            copy = AuditEvent.objects.get(pk=event.pk)
            setattr(copy, field, value)
            assert copy.computed_hash() != original, field

    def test_records_what_identifies_the_case_and_its_actor(self, trafford):
        officer = builders.staff("officer", trafford)
        with transaction.atomic():
            event = audit.record(
                trafford,
                transition="assess",
                from_state="submitted",
                to_state="under_assessment",
                actor=officer,
                role="officer",
                reason="Started assessment",
                changes={
                    "due": date(2027, 1, 31),
                    "value": Decimal("12.50"),
                    "ratio": 0.1,
                    "tiny": 1e-7,
                    "big": 2**60,
                    "names": ["Café Zoë", None, True],
                },
            )
        stored = AuditEvent.objects.get(pk=event.pk)
        assert stored.object_kind == "portal.authority" == audit.object_kind(trafford)
        assert stored.object_id == str(trafford.pk)
        assert stored.actor == officer and stored.actor_role == "officer"
        assert stored.changes == {
            "due": "2027-01-31",
            "value": "12.50",
            "ratio": 0.1,
            "tiny": 1e-7,
            "big": 2**60,
            "names": ["Café Zoë", None, True],
        }
        assert stored.hash == stored.computed_hash()
        assert audit.verify_chain()[1] is None

    def test_events_for_one_object_only_in_order(self, trafford, manchester):
        _events(trafford, 2)
        _events(manchester, 1)
        _events(trafford, 1)
        assert [e.seq for e in audit.events_for(trafford)] == [1, 2, 4]
        assert [e.seq for e in audit.events_for(manchester)] == [3]

    def test_an_unsaved_object_is_refused(self):
        from portal.models import Authority

        with pytest.raises(ValueError, match="Save the object"):
            audit.record(Authority(code="XYZ"), transition="x", from_state="a", to_state="b")


@pytest.mark.django_db
class TestAppendOnly:
    def test_the_database_refuses_update(self, trafford):
        _events(trafford, 2)
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEvent.objects.filter(seq=1).update(reason="rewritten")
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            _raw("UPDATE portal_auditevent SET hash = %s", ["0" * 64])
        assert AuditEvent.objects.get(seq=1).reason == "Reason 0"

    def test_the_database_refuses_delete(self, trafford):
        _events(trafford, 2)
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEvent.objects.filter(seq=2).delete()
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            _raw("DELETE FROM portal_auditevent")
        assert AuditEvent.objects.count() == 2

    def test_the_model_refuses_save_and_delete_of_a_written_event(self, trafford):
        (event,) = _events(trafford, 1)
        event.reason = "rewritten"
        with pytest.raises(AppendOnlyError):
            event.save()
        with pytest.raises(AppendOnlyError):
            event.delete()

    def test_triggers_come_back_after_tampering(self, trafford):
        _events(trafford, 1)
        _tamper("UPDATE portal_auditevent SET reason = 'x'")
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            _raw("UPDATE portal_auditevent SET reason = 'y'")


@pytest.mark.django_db
class TestTamperDetection:
    def test_a_changed_field_is_a_hash_mismatch(self, trafford):
        _events(trafford, 4)
        _tamper("UPDATE portal_auditevent SET reason = 'Nothing to see' WHERE seq = 2")
        broken, message = _broken()
        assert broken == 2
        assert message.startswith("hash mismatch: event 2")

    def test_a_deleted_event_is_a_gap(self, trafford):
        _events(trafford, 4)
        _tamper("DELETE FROM portal_auditevent WHERE seq = 2")
        broken, message = _broken()
        assert broken == 3
        assert message == "gap: event 3 follows event 1, event 2 is missing"

    def test_deleting_the_first_event_is_a_gap(self, trafford):
        _events(trafford, 3)
        _tamper("DELETE FROM portal_auditevent WHERE seq IN (1, 2)")
        assert _broken() == (3, "gap: event 3 follows event 0, events 1 to 2 are missing")

    def test_a_relinked_event_with_a_recomputed_hash_is_a_broken_link(self, trafford):
        first, _, third, _ = _events(trafford, 4)
        third.prev_hash = first.hash
        _tamper(
            "UPDATE portal_auditevent SET prev_hash = %s, hash = %s WHERE seq = 3",
            [third.prev_hash, third.computed_hash()],
        )
        broken, message = _broken()
        assert broken == 3
        assert message.startswith("broken link: event 3")

    def test_a_rewritten_event_breaks_the_link_of_the_next(self, trafford):
        _, second, _ = _events(trafford, 3)
        second.reason = "A kinder reason"
        _tamper(
            "UPDATE portal_auditevent SET reason = %s, hash = %s WHERE seq = 2",
            [second.reason, second.computed_hash()],
        )
        assert _broken() == (3, "broken link: event 3 does not follow the hash of event 2")

    def test_the_first_break_is_found_across_batches(self, trafford):
        _events(trafford, 7)
        assert audit.verify_chain(batch_size=2) == (7, None, "7 events checked: chain sound")
        _tamper("UPDATE portal_auditevent SET transition = 'other' WHERE seq IN (5, 6)")
        count, broken, _ = audit.verify_chain(batch_size=2)
        assert (count, broken) == (5, 5)


@pytest.mark.django_db
class TestVerifyAuditCommand:
    def test_a_sound_chain(self, trafford, capsys):
        _events(trafford, 3)
        call_command("verify_audit")
        assert capsys.readouterr().out.strip() == "3 events checked: chain sound"

    def test_an_empty_chain_is_sound(self, capsys):
        call_command("verify_audit", batch_size=10)
        assert "0 events checked: chain sound" in capsys.readouterr().out

    def test_a_broken_chain_names_the_first_broken_event(self, trafford):
        _events(trafford, 5)
        _tamper("UPDATE portal_auditevent SET to_state = 'rejected' WHERE seq IN (3, 4)")
        with pytest.raises(CommandError, match=r"broken at event 3 \(hash mismatch") as error:
            call_command("verify_audit")
        assert error.value.returncode == 1

    def test_a_gap_is_named(self, trafford):
        _events(trafford, 5)
        _tamper("DELETE FROM portal_auditevent WHERE seq = 4")
        with pytest.raises(CommandError, match="broken at event 5 .gap.*event 4 is missing"):
            call_command("verify_audit")


@pytest.mark.django_db
class TestWhatPeopleSee:
    def _case(self, trafford):
        officer = builders.staff("officer", trafford)
        officer.first_name, officer.last_name = "Priya", "Officerson"
        officer.save()
        with transaction.atomic():
            audit.record(
                trafford,
                transition="request_clarification",
                from_state="under_assessment",
                to_state="clarification_requested",
                actor=officer,
                role="officer",
                reason="Call Jo Bloggs on 07700 900123 about the accounts",
            )
        return officer

    def test_the_public_timeline_shows_only_what_a_machine_puts_in_plain_words(self, trafford):
        # An authority has no workflow machine: none of its events has public words.
        self._case(trafford)
        assert public_timeline(trafford) == []

    def test_officers_see_who_acted_and_why(self, trafford):
        self._case(trafford)
        html = render_to_string("includes/audit_trail.html", {"events": audit.events_for(trafford)})
        assert "govuk-table" in html
        assert "Priya Officerson" in html
        assert "Call Jo Bloggs on 07700 900123" in html
        assert "Under assessment → Clarification requested" in html

    def test_empty_trail_and_timeline(self, trafford):
        assert "Nothing has been recorded yet" in render_to_string(
            "includes/audit_trail.html", {"events": []}
        )
        assert "No stages have been recorded yet" in render_to_string(
            "includes/public_timeline.html", {"timeline": []}
        )


@pytest.mark.requires("postgresql")  # advisory locks
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_make_one_chain(trafford):
    writers, each = 4, 8
    start = threading.Barrier(writers)
    errors = []

    def write(n):
        try:
            start.wait()
            for i in range(each):
                with transaction.atomic():
                    audit.record(trafford, transition=f"w{n}_{i}", from_state="a", to_state="b")
                    time.sleep(0.002)  # hold the transaction open: a race without the lock
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seqs = list(AuditEvent.objects.values_list("seq", flat=True))
    assert seqs == list(range(1, writers * each + 1))
    assert audit.verify_chain() == (32, None, "32 events checked: chain sound")


class TestSqliteTriggers:
    """The SQLite triggers and flush hook, on a real SQLite database whatever the test database."""

    def _database(self):
        db = sqlite3.connect(":memory:", isolation_level=None)
        db.execute(f"CREATE TABLE {audit_triggers.TABLE} (id INTEGER PRIMARY KEY, reason TEXT)")
        db.execute(audit_triggers.SQLITE_NO_UPDATE)
        db.execute(audit_triggers.SQLITE_NO_DELETE)
        db.execute(f"INSERT INTO {audit_triggers.TABLE} (reason) VALUES ('a'), ('b')")
        return db

    def test_update_and_delete_are_refused(self):
        db = self._database()
        with pytest.raises(sqlite3.DatabaseError, match="append-only: UPDATE"):
            db.execute(f"UPDATE {audit_triggers.TABLE} SET reason = 'c'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only: DELETE"):
            db.execute(f"DELETE FROM {audit_triggers.TABLE} WHERE id = 1")

    def test_flush_empties_the_table_and_keeps_the_trigger(self):
        from django.core.management.color import no_style

        db = self._database()
        audit_triggers.install_sqlite_flush_hook()
        statements = DatabaseOperations(connection=None).sql_flush(
            no_style(), [audit_triggers.TABLE]
        )
        db.execute("BEGIN")
        for statement in statements:
            db.execute(statement)
        db.execute("COMMIT")
        assert db.execute(f"SELECT count(*) FROM {audit_triggers.TABLE}").fetchone() == (0,)
        db.execute(f"INSERT INTO {audit_triggers.TABLE} (reason) VALUES ('c')")
        with pytest.raises(sqlite3.DatabaseError, match="append-only: DELETE"):
            db.execute(f"DELETE FROM {audit_triggers.TABLE}")


@pytest.mark.django_db(transaction=True)
def test_an_event_commits_or_rolls_back_with_the_callers_transaction(trafford):
    """Also runs on SQLite, where the flush after a transactional test must pass the trigger."""
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(trafford, transition="submit", from_state="draft", to_state="submitted")
        raise RuntimeError("the transition failed after its event was written")
    assert not AuditEvent.objects.exists()
    with transaction.atomic():
        event = audit.record(
            trafford, transition="submit", from_state="draft", to_state="submitted"
        )
    assert event.seq == 1 and event.prev_hash == GENESIS_HASH
    assert audit.verify_chain()[1] is None
