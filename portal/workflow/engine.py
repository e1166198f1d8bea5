"""`perform`: the one way any machine's transition runs; `act`: the one way any other audited
write to a workflow object runs (Action: add a party, record an approval, open a case).

In order: the scopes apps registered (portal.registry.step_scopes: documents removes the
objects stored in a step that rolls back) around a transaction → the row's state re-read with
SELECT ... FOR UPDATE → the transition checked against
the state the actor saw and the actor's role → a state changed meanwhile reported (never
overwritten) → every condition checked, all problems collected, under the lock → the
model's django-fsm-2 transition method → the declared before-save effects → save → documents and
after-save effects → the audit event → the machine's search hooks for a transition that
publishes → the step listeners apps registered (messaging publishes the event, its subscribers
told after the commit) → commit hooks after the commit. `act` runs the same steps around an
action's write, with the state left as it is. Audit events about a machine's objects are
refused outside these two (portal.audit.EngineBypassed).
"""

from contextlib import ExitStack, contextmanager

from django.db import transaction
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from portal import audit, permissions, registry
from portal.roles import AUTHORITY_ADMIN, DECISION_MAKER, NHS_PARTNER, OFFICER, SITE_ADMIN

from .declarations import Action, Machine, Refused, Step, get_machine

STAFF_ROLES = {OFFICER, DECISION_MAKER, AUTHORITY_ADMIN, NHS_PARTNER}


def acted_as(role: str, user) -> str:
    """The role the person acted in, for the audit trail: the step's, or the site admin's when
    they passed the step's check only as a site admin (they were never given the step's role)."""
    if (
        role in STAFF_ROLES
        and user is not None
        and permissions.is_site_admin(user)
        and not permissions.holds_role(user, role)
    ):
        return SITE_ADMIN
    return role


def allowed(machine: Machine | str, obj, name: str, user) -> bool:
    """Whether the button for a transition should be shown (state and role; not the form)."""
    method = getattr(obj, name)
    return can_proceed(method, check_conditions=False) and has_transition_perm(method, user)


def available(machine: Machine | str, obj, user) -> list[str]:
    machine = get_machine(machine)
    return [t.name for t in machine.transitions if allowed(machine, obj, t.name, user)]


def perform(
    machine: Machine | str,
    obj,
    name: str,
    user,
    *,
    audit_reason: str = "",
    attachments=(),
    **kwargs,
):
    """Run one transition of `machine` on `obj`, or raise Refused naming every problem.

    `attachments` (checked uploads) are stored by the transition's document effects; the audit
    reason is `audit_reason`, else the `reason` or `reasons` given. Returns the saved object.
    A document effect whose storage fails raises documents.stored.StorageUnavailable (or
    Refused, as the machine declares); nothing is kept either way.
    """
    machine = get_machine(machine)
    transition = machine.by_name.get(name)
    if transition is None:
        raise Refused([f"Unknown action {name!r}"])
    model = type(obj)
    from_state = obj.state
    step = Step(
        machine, transition, obj, user, kwargs, from_state, tuple(attachments), role=transition.role
    )
    try:
        with _step_scope():
            current = (
                model.objects.select_for_update()
                .filter(pk=obj.pk)
                .order_by()
                .values_list("state", flat=True)
                .first()
            )
            _check_state_and_role(step)
            if current != from_state:
                raise ConcurrentTransition(current)
            _check_conditions(step)
            method_kwargs = {k: v for k, v in kwargs.items() if k not in transition.extra_kwargs}
            for prepare in transition.prepare:
                method_kwargs.update(prepare(step) or {})
            getattr(obj, name)(user=user, **method_kwargs)
            for effect in transition.before_save:
                effect(step)
            obj.save()
            for effect in (*transition.documents, *transition.after_save):
                step.changes.update(effect(step) or {})
            changes = {"state": obj.state}
            for describe in transition.changes:
                changes.update(describe(step) or {})
            changes.update(step.changes)
            step.changes = changes
            record = audit.record(
                obj,
                transition=name,
                from_state=from_state,
                to_state=obj.state,
                actor=user,
                role=acted_as(transition.role, user),
                reason=audit_reason or kwargs.get("reason") or kwargs.get("reasons") or "",
                changes=changes,
                reference=getattr(obj, "reference", "") or "",
            )
            hooks = machine.hooks
            if transition.publishes:
                for hook in hooks.get("search", ()):
                    hook(step)
            for listener in registry.step_listeners:
                listener(step, record)
            for hook in hooks.get("commit", ()):
                transaction.on_commit(lambda hook=hook: hook(step))
    except ConcurrentTransition:
        _restore(obj, from_state)
        current = model.objects.filter(pk=obj.pk).values_list("state", flat=True).first()
        message = machine.concurrent_message.format(
            noun=machine.noun, state=machine.state_label(current).lower()
        )
        raise Refused([message]) from None
    except BaseException:
        _restore(obj, from_state)
        raise
    return obj


def act(
    machine: Machine | str,
    obj,
    name: str,
    user,
    *,
    audit_reason: str = "",
    attachments=(),
    **kwargs,
):
    """Run one action of `machine` on `obj` (None for an action that creates), or raise Refused
    naming every problem. Returns what the action's write returns (the new object, for one
    that creates). The audit reason is `audit_reason`, else the `reason` given."""
    machine = get_machine(machine)
    action: Action | None = machine.by_action.get(name)
    if action is None:
        raise Refused([f"Unknown action {name!r}"])
    state = "" if action.creates else obj.state
    step = Step(machine, action, obj, user, kwargs, state, tuple(attachments), role=action.role)
    try:
        with _step_scope():
            if not action.creates:
                current = (
                    type(obj)
                    .objects.select_for_update()
                    .filter(pk=obj.pk)
                    .order_by()
                    .values_list("state", flat=True)
                    .first()
                )
                if current != state:
                    raise ConcurrentTransition(current)
                if action.states and current not in action.states:
                    label = action.label
                    raise Refused(
                        [
                            f"You cannot {label[0].lower()}{label[1:]} now: this {machine.noun} "
                            f"is at the stage “{machine.state_label(current)}”"
                        ]
                    )
                if action.permission and not action.permission(obj, user):
                    raise Refused([machine.role_problems[action.role](obj)])
            _check_conditions(step)
            result = action.write(step)
            if action.creates:
                step.obj = obj = result
            if action.acting_role:
                step.role = action.acting_role(step)
            record = audit.record(
                obj,
                transition=name,
                from_state=state,
                to_state=obj.state,
                actor=user,
                role=acted_as(step.role, user),
                reason=audit_reason or kwargs.get("reason") or "",
                changes={"state": obj.state, **step.changes} if action.creates else step.changes,
                reference=getattr(obj, "reference", "") or "",
            )
            if action.publishes:
                for hook in machine.hooks.get("search", ()):
                    hook(step)
            for listener in registry.step_listeners:
                listener(step, record)
    except ConcurrentTransition:
        current = type(obj).objects.filter(pk=obj.pk).values_list("state", flat=True).first()
        message = machine.concurrent_message.format(
            noun=machine.noun, state=machine.state_label(current).lower()
        )
        raise Refused([message]) from None
    return result


@contextmanager
def _step_scope():
    """The registered step scopes, outermost first, around one transaction, marked as the
    engine's step (portal.audit refuses audit events about workflow objects outside one)."""
    with ExitStack() as stack:
        for scope in registry.step_scopes:
            stack.enter_context(scope())
        stack.enter_context(transaction.atomic())
        stack.enter_context(audit.engine_step())
        yield


def _check_state_and_role(step: Step) -> None:
    """Raise Refused unless the transition may run from the state the actor saw, by them."""
    obj, transition = step.obj, step.transition
    method = getattr(obj, transition.name)
    if not can_proceed(method, check_conditions=False):
        label = transition.label
        raise Refused(
            [
                f"This {step.machine.noun} is {obj.get_state_display().lower()}: "
                f"you cannot {label[0].lower()}{label[1:]} now"
            ]
        )
    if not has_transition_perm(method, step.user):
        raise Refused([step.machine.role_problems[transition.role](obj)])


def _check_conditions(step: Step) -> None:
    """Raise Refused naming every problem of every condition of the transition."""
    problems = [p for condition in step.transition.conditions for p in condition(step)]
    if problems:
        raise Refused(problems)


def _restore(obj, state: str) -> None:
    """Put back the state in memory after a rolled-back transition (the field is protected)."""
    obj.__dict__["state"] = state
