"""The workflow engine as every machine uses it: the row lock, every problem collected, the
audit event, the event published after the commit (and only then), and declarations that name
their rules."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from challenges.models import Challenge, State
from messaging import events
from portal.models import AuditEvent
from portal.workflow import Refused, get_machine, machines, perform

from .conftest import advance, draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    got = []
    events.receiver(got.append)
    yield got
    events._RECEIVERS.remove(got.append)


def test_a_transition_locks_the_row_then_saves_audits_and_publishes(
    world, received, django_capture_on_commit_callbacks
):
    challenge = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    received.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        CaptureQueriesContext(connection) as queries,
    ):
        perform("challenge", challenge, "start_assessment", world.officer)
    sql = [q["sql"] for q in queries.captured_queries]
    locks = [s for s in sql if "FOR UPDATE" in s and "challenges_challenge" in s]
    assert len(locks) == 1
    assert sql.index(locks[0]) < next(
        i for i, s in enumerate(sql) if s.startswith('UPDATE "challenges_challenge"')
    )
    assert Challenge.objects.get(pk=challenge.pk).state == State.UNDER_ASSESSMENT
    event = AuditEvent.objects.filter(transition="start_assessment").get()
    assert (event.from_state, event.to_state, event.actor_role) == (
        "submitted",
        "under_assessment",
        "officer",
    )
    [published] = received
    assert published.kind == "challenge.start_assessment"
    assert published.subject.pk == challenge.pk and published.actor == world.officer
    assert published.data["from_state"] == "submitted"
    assert published.data["to_state"] == "under_assessment"
    assert published.data["audit_seq"] == event.seq


def test_the_event_waits_for_the_commit(world, received, django_capture_on_commit_callbacks):
    challenge = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    received.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        perform("challenge", challenge, "start_assessment", world.officer)
        assert received == []
    for callback in callbacks:
        callback()
    assert [e.kind for e in received] == ["challenge.start_assessment"]


def test_refused_collects_every_problem_and_changes_nothing(
    world, received, django_capture_on_commit_callbacks
):
    challenge = advance(
        draft(world.service, world.organisation, world.provider),
        world,
        "submit",
        "start_assessment",
    )
    audited = AuditEvent.objects.count()
    received.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Refused) as refused:
        perform("challenge", challenge, "reject", world.decider, grounds=[], reasons=" ")
    assert refused.value.problems == [
        "Select at least one statutory ground for rejection",
        "Enter the reasons for the decision",
        "Enter how you considered whether accepting the challenge would promote or improve the "
        "social, economic or environmental well-being of the area (Localism Act 2011 s.83(8))",
    ]
    assert challenge.state == State.UNDER_ASSESSMENT
    assert Challenge.objects.get(pk=challenge.pk).state == State.UNDER_ASSESSMENT
    assert AuditEvent.objects.count() == audited
    assert received == []


def test_a_stale_copy_is_told_someone_else_changed_the_case(world):
    challenge = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    stale = Challenge.objects.get(pk=challenge.pk)
    perform("challenge", challenge, "start_assessment", world.officer)
    with pytest.raises(Refused) as refused:
        perform("challenge", stale, "start_assessment", world.officer)
    assert refused.value.problems[0].startswith("Someone else changed this challenge")
    assert "under assessment" in refused.value.problems[0]


def test_unknown_action_and_unknown_machine():
    with pytest.raises(Refused) as refused:
        perform("challenge", Challenge(), "approve", None)
    assert refused.value.problems == ["Unknown action 'approve'"]
    with pytest.raises(LookupError):
        perform("tender", Challenge(), "submit", None)


SOURCE = re.compile(r"(Act \d{4}|SI \d{4}/\d+|DESIGN\.md|DOMAIN\.md)")


@pytest.mark.parametrize("name", ["challenge", "exercise", "interest", "agreement"])
def test_every_condition_is_a_named_function_citing_its_rule(name):
    machine = get_machine(name)
    assert machine.check() == []
    for transition in machine.transitions:
        for condition in transition.conditions:
            assert condition.__name__ != "<lambda>", (name, transition.name)
            assert SOURCE.search(condition.__doc__ or ""), (name, condition.__name__)


def test_no_transition_is_picked_by_its_name():
    """Effects and conditions are declared per transition: no `if name == ...` chains in the
    engine or the machines' modules."""
    modules = {Path(m.transitions[0].conditions[0].__code__.co_filename) for m in machines()}
    modules |= set((Path(settings.BASE_DIR) / "portal" / "workflow").glob("*.py"))
    found = []
    for path in sorted(modules):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Compare):
                continue
            left = node.left
            named = (isinstance(left, ast.Name) and left.id == "name") or (
                isinstance(left, ast.Attribute) and left.attr == "name"
            )
            if named and any(isinstance(c, ast.Constant) for c in node.comparators):
                found.append(f"{path.name}:{node.lineno}")
            if named and isinstance(node.ops[0], (ast.In, ast.NotIn)):
                found.append(f"{path.name}:{node.lineno}")
    assert len(modules) >= 7
    assert found == []


def test_the_audit_trail_records_the_role_the_person_acted_in(world):
    """Issue 19: a site admin who assesses is recorded as the site admin, not as an officer; an
    officer as an officer."""
    from portal.models import RoleAssignment
    from tests import builders

    admin = builders.user("sam.admin@example.org")
    RoleAssignment.objects.create(user=admin, role="site_admin")
    first = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    second = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    perform("challenge", first, "start_assessment", admin)
    perform("challenge", second, "start_assessment", world.officer)
    roles = dict(
        AuditEvent.objects.filter(transition="start_assessment").values_list(
            "object_id", "actor_role"
        )
    )
    assert roles == {str(first.pk): "site_admin", str(second.pk): "officer"}
