"""How a machine is declared: what each transition does besides the state, as data.

The graph itself is the model's: each django-fsm-2 `@transition` method is the one declaration
of its sources, target and permission, and the permission function names the role that acts
(portal.roles.acts_as). A `Transition` here adds what django-fsm-2 cannot hold (the label, the
named conditions, the effects) and the machine reads the rest from the model when it is made.

A condition is a function `(step) -> list[str]` returning the problems that stop the transition,
one sentence each; one function per rule, its docstring citing the rule's source. An effect is a
function `(step)`; effects that return a dict add it to the audit event's changes.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from portal import audit, roles

Effect = Callable[["Step"], Any]
Condition = Callable[["Step"], list[str]]

_MACHINES: dict[str, "Machine"] = {}


class Refused(Exception):
    """A transition that may not happen now; `problems` say why, one sentence each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Transition:
    name: str  # the model's transition method
    label: str
    conditions: tuple[Condition, ...] = ()
    # Before the model's transition method: each returns extra keyword arguments for it.
    prepare: tuple[Effect, ...] = ()
    # After the method, before the row is saved (e.g. hand out a reference).
    before_save: tuple[Effect, ...] = ()
    # After the save, in order: the documents it stores, then other effects; a returned dict is
    # added to the audit event's changes.
    documents: tuple[Effect, ...] = ()
    after_save: tuple[Effect, ...] = ()
    # What the audit event records besides the state: each returns a dict.
    changes: tuple[Effect, ...] = ()
    # Keyword arguments read by conditions and effects but not passed to the model's method.
    extra_kwargs: frozenset[str] = frozenset()
    # Whether the machine's "search" hooks (the public search index) run after it. Who is told
    # is not declared here: every transition publishes an event (messaging/subscriptions.py).
    publishes: bool = False
    # Read from the model's transition method when the machine is made; never declared.
    sources: tuple[str, ...] = ()
    target: str = ""
    role: str = ""


@dataclass(frozen=True)
class Action:
    """A write to a workflow object that leaves its state as it is (add a party, record an
    approval, attach evidence, open a case), run by `act` the way `perform` runs a transition:
    lock, state, role, conditions, write, audit, search hook, event.

    `write(step)` makes the change and returns what `act` returns; it may add to step.changes
    (the audit event's changes). An action that `creates` returns the new object, which has no
    row to lock or state to check before it; its conditions check who may make it."""

    name: str  # the audit event's and the published event's name
    label: str
    write: Effect
    states: tuple[str, ...] = ()  # the states it may run in (empty: any)
    # Who may: an acts_as function (obj, user) like a transition's permission; None when the
    # conditions check it (an action that creates, or one whose actor depends on its input).
    permission: Callable[[Any, Any], bool] | None = None
    role: str = ""  # read from the permission; said here when there is none
    # The role the actor acts in, when it depends on the input (an approval: the party's).
    acting_role: Callable[["Step"], str] | None = None
    conditions: tuple[Condition, ...] = ()
    publishes: bool = False  # whether the machine's "search" hooks run after it
    creates: bool = False


@dataclass
class Step:
    """One run of a transition (or an action), handed to every condition and effect."""

    machine: "Machine"
    transition: "Transition | Action"
    obj: Any
    user: Any
    kwargs: dict
    from_state: str
    attachments: tuple = ()
    changes: dict = field(default_factory=dict)
    stored: dict = field(default_factory=dict)  # documents stored, by name (e.g. "letter")
    role: str = ""  # the role the actor acted in (the audit event's)

    @property
    def name(self) -> str:
        return self.transition.name


@dataclass
class Machine:
    """`name` is the event prefix ("challenge"); `model` has an FSMField `state` whose
    django-fsm-2 transition methods are the transitions, one declared here for each (checked by
    `check()` and a test). `role_problems` maps a role to the sentence refusing anyone else."""

    name: str
    noun: str
    title: str
    model: type
    states: Any  # a TextChoices of the states, in DESIGN.md's order
    final: tuple[str, ...]
    transitions: list[Transition]
    role_problems: dict[str, Callable[[Any], str]]
    role_legend: dict[str, str]  # role -> how the drawing's legend names it
    concurrent_message: str = (
        "Someone else changed this {noun} while you were working on it: it is now {state}. "
        "Nothing you entered was saved; check it before doing anything more."
    )
    # Hooks run inside the transaction after the audit event: "search" (queue a search update)
    # after a transition that `publishes`; "commit" after the commit of every transition.
    hooks: dict[str, list[Effect]] = field(default_factory=dict)
    # Plain words for the public: what each transition (and each other audited event, such as
    # "document_added") means to someone following the case, and what each state means. Public
    # pages show these, never the names of states and transitions.
    public_events: dict[str, str] = field(default_factory=dict)
    public_states: dict[str, str] = field(default_factory=dict)
    # The writes that leave the state as it is (see Action), run by `act`.
    actions: list[Action] = field(default_factory=list)

    def __post_init__(self):
        model = self.model_transitions()
        self.transitions = [_from_model(t, model.get(t.name, ())) for t in self.transitions]
        self.by_name = {t.name: t for t in self.transitions}
        self.actions = [
            replace(a, role=a.role or roles.role_of(a.permission)) if a.permission else a
            for a in self.actions
        ]
        self.by_action = {a.name: a for a in self.actions}

    def transition(self, name: str) -> Transition:
        return self.by_name[name]

    def hook(self, phase: str) -> Callable[[Effect], Effect]:
        """Decorator registering `fn(step)` for a phase ("search", "commit")."""
        if phase not in ("search", "commit"):
            raise ValueError(f"Unknown hook phase {phase!r}")

        def add(fn: Effect) -> Effect:
            hooks = self.hooks.setdefault(phase, [])
            if fn not in hooks:
                hooks.append(fn)
            return fn

        return add

    def state_label(self, value) -> str:
        return str(dict(self.states.choices).get(value, value))

    def public_event(self, name: str) -> str:
        """What an audited event means in plain words ("" for one the public is not shown)."""
        return self.public_events.get(name, "")

    def public_state(self, value) -> str:
        return self.public_states.get(str(value), "")

    def model_transitions(self) -> dict[str, list]:
        """The model's django-fsm-2 transitions (one per source) by method name."""
        found = defaultdict(list)
        for t in self.model._meta.get_field("state").get_all_transitions(self.model):
            found[t.name].append(t)
        return dict(found)

    def edges(self) -> list[tuple[str, str, str]]:
        """(source, target, name) of the declared transitions, sorted."""
        return sorted(
            (str(source), str(t.target), t.name) for t in self.transitions for source in t.sources
        )

    def check(self) -> list[str]:
        """Problems of the declaration: a model transition not declared (or the other way
        round), a method whose sources disagree on the target or the permission, an unknown
        state, a role no permission names or no refusal covers, a condition without its
        docstring, a transition or state without plain words for the public."""
        problems = []
        model = self.model_transitions()
        declared = {t.name for t in self.transitions}
        for name in sorted(declared - set(model)):
            problems.append(f"{self.name}.{name}: no such transition in the model")
        for name in sorted(set(model) - declared):
            problems.append(f"{self.name}.{name}: the model's transition is not declared")
        for name, edges in sorted(model.items()):
            if len({(str(e.target), e.permission) for e in edges}) > 1:
                problems.append(f"{self.name}.{name}: its sources disagree on target or permission")
        states = {str(v) for v in self.states.values}
        for source, target, name in self.edges():
            if source not in states or target not in states:
                problems.append(f"{self.name}.{name}: unknown state in {source} -> {target}")
        for t in self.transitions:
            in_model = bool(model.get(t.name))
            if in_model and t.role not in roles.ACTING:
                problems.append(
                    f"{self.name}.{t.name}: its permission names no role (portal.roles.acts_as)"
                )
            elif in_model and t.role not in self.role_problems:
                problems.append(f"{self.name}.{t.name}: no role problem for {t.role}")
            for condition in t.conditions:
                if not (condition.__doc__ or "").strip():
                    problems.append(f"{self.name}.{t.name}: {condition.__name__} has no docstring")
            if not self.public_events.get(t.name):
                problems.append(f"{self.name}.{t.name}: no plain-words label for the public")
        for state in sorted(states - set(self.public_states)):
            problems.append(f"{self.name}: state {state} has no plain-words label for the public")
        for a in self.actions:
            if self.by_name.get(a.name):
                problems.append(f"{self.name}.{a.name}: an action named like a transition")
            if not a.role and not a.acting_role:
                problems.append(f"{self.name}.{a.name}: the action names no role")
            elif a.permission and a.role not in self.role_problems:
                problems.append(f"{self.name}.{a.name}: no role problem for {a.role}")
            for state in a.states:
                if str(state) not in states:
                    problems.append(f"{self.name}.{a.name}: unknown state {state}")
            for condition in a.conditions:
                if not (condition.__doc__ or "").strip():
                    problems.append(f"{self.name}.{a.name}: {condition.__name__} has no docstring")
        return problems


def _from_model(transition: Transition, edges) -> Transition:
    """The declaration completed from the model method's transitions (one per source); left
    as it is when the model has none of that name (check() says so)."""
    if not edges:
        return transition
    return replace(
        transition,
        sources=tuple(str(e.source) for e in edges),
        target=str(edges[0].target),
        role=roles.role_of(edges[0].permission),
    )


def register(machine: Machine) -> Machine:
    """Make the machine known; from now on its objects are audited only through the engine."""
    _MACHINES[machine.name] = machine
    audit.engine_only(machine.model)
    return machine


def get_machine(machine: "Machine | str") -> Machine:
    if isinstance(machine, Machine):
        return machine
    try:
        return _MACHINES[machine]
    except KeyError:
        raise LookupError(f"No workflow machine named {machine!r} is registered") from None


def machines() -> list[Machine]:
    return [_MACHINES[name] for name in sorted(_MACHINES)]
