"""Runs a transition of any procurement machine: who may, whether the conditions hold, one
transaction with the row locked, one audit event, and side effects queued for after the commit.

Each machine (exercise_workflow, interest_workflow, agreement_workflow) describes itself with a
`Machine`; views, the demo and tests all go through `perform`. Nothing writes a state directly.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from challenges.workflow import Refused
from portal import audit, events

__all__ = ["Machine", "Refused", "allowed", "available", "perform"]

CONCURRENT_MESSAGE = (
    "Someone else changed this {noun} while you were working on it: it is now {state}. "
    "Nothing you entered was saved; check it before doing anything more."
)


def _none(*args, **kwargs):
    return None


def _no_problems(*args, **kwargs):
    return []


@dataclass
class Machine:
    noun: str
    name: str  # the event kinds' prefix: exercise, interest, agreement
    labels: dict[str, str]
    roles: dict[str, str]  # transition -> role the actor acts in
    role_problem: Callable  # (obj, name) -> sentence
    conditions: Callable = _no_problems  # (obj, name, user, kwargs) -> [sentences]
    before_save: Callable = _none  # (obj, name, user, kwargs): e.g. hand out a reference
    after_save: Callable = _none  # (obj, name, user, kwargs) -> dict of extra changes
    changes: Callable = _none  # (obj, name, kwargs) -> dict for the audit event
    on_commit: Callable = _none  # (pk, name, state) after the commit
    extra_kwargs: set = field(default_factory=set)  # kwargs for conditions, not the method


def allowed(machine: Machine, obj, name: str, user) -> bool:
    """Whether the button for a transition should be shown (state and role; not the form)."""
    method = getattr(obj, name)
    return can_proceed(method, check_conditions=False) and has_transition_perm(method, user)


def available(machine: Machine, obj, user) -> list[str]:
    return [name for name in machine.labels if allowed(machine, obj, name, user)]


def perform(machine: Machine, obj, name: str, user, *, audit_reason: str = "", **kwargs):
    """Run one transition, or raise Refused naming every problem. Returns the saved object."""
    if name not in machine.labels:
        raise Refused([f"Unknown action {name!r}"])
    method = getattr(obj, name)
    label = machine.labels[name]
    if not can_proceed(method, check_conditions=False):
        raise Refused(
            [
                f"This {machine.noun} is {obj.get_state_display().lower()}: "
                f"you cannot {label[0].lower()}{label[1:]} now"
            ]
        )
    if not has_transition_perm(method, user):
        raise Refused([machine.role_problem(obj, name)])
    from_state = obj.state
    model = type(obj)
    try:
        with transaction.atomic():
            # The row is locked until the commit: conditions that read other rows (approvals,
            # interests) cannot change under a transition that relies on them.
            current = model.objects.select_for_update().filter(pk=obj.pk)
            current = current.values_list("state", flat=True).first()
            if current != from_state:
                raise ConcurrentTransition(current)
            problems = machine.conditions(obj, name, user, kwargs)
            if problems:
                raise Refused(problems)
            method_kwargs = {k: v for k, v in kwargs.items() if k not in machine.extra_kwargs}
            method(user=user, **method_kwargs)
            machine.before_save(obj, name, user, kwargs)
            obj.save()
            changes = {"state": obj.state, **(machine.changes(obj, name, kwargs) or {})}
            changes.update(machine.after_save(obj, name, user, kwargs) or {})
            audit.record(
                obj,
                transition=name,
                from_state=from_state,
                to_state=obj.state,
                actor=user,
                role=machine.roles.get(name, "officer"),
                reason=audit_reason or kwargs.get("reason", "") or "",
                changes=changes,
                reference=obj.reference or "",
            )
            events.publish(
                events.Event(
                    f"{machine.name}.{name}",
                    obj,
                    actor=user,
                    data={"from_state": from_state, "to_state": obj.state},
                )
            )
            pk, state = obj.pk, obj.state
            transaction.on_commit(lambda: machine.on_commit(pk, name, state))
    except ConcurrentTransition:
        _restore(obj, from_state)
        current = model.objects.filter(pk=obj.pk).values_list("state", flat=True).first()
        state_label = dict(model._meta.get_field("state").choices).get(current, current)
        raise Refused(
            [CONCURRENT_MESSAGE.format(noun=machine.noun, state=str(state_label).lower())]
        ) from None
    except BaseException:
        _restore(obj, from_state)
        raise
    return obj


def _restore(obj, state: str) -> None:
    """Put back the state in memory after a rolled-back transition (the field is protected)."""
    obj.__dict__["state"] = state
