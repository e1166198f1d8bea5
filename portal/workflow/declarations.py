"""How a machine is declared: its states, its transitions (name, sources, target, label, the role
that acts, the named conditions) and what each transition does besides the state, as data.

A condition is a function `(step) -> list[str]` returning the problems that stop the transition,
one sentence each; one function per rule, its docstring citing the rule's source. An effect is a
function `(step)`; effects that return a dict add it to the audit event's changes.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

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
    name: str
    sources: tuple[str, ...]
    target: str
    label: str
    role: str
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


@dataclass
class Step:
    """One run of a transition, handed to every condition and effect."""

    machine: "Machine"
    transition: Transition
    obj: Any
    user: Any
    kwargs: dict
    from_state: str
    attachments: tuple = ()
    changes: dict = field(default_factory=dict)
    stored: dict = field(default_factory=dict)  # documents stored, by name (e.g. "letter")

    @property
    def name(self) -> str:
        return self.transition.name


@dataclass
class Machine:
    """`name` is the event prefix ("challenge"); `model` has an FSMField `state` whose
    django-fsm-2 transition methods carry the same names, sources and targets (checked by
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

    def __post_init__(self):
        self.by_name = {t.name: t for t in self.transitions}

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

    def model_edges(self) -> set[tuple[str, str, str]]:
        """(source, target, name) of the model's django-fsm-2 transitions."""
        field_ = self.model._meta.get_field("state")
        return {
            (str(t.source), str(t.target), t.name) for t in field_.get_all_transitions(self.model)
        }

    def edges(self) -> list[tuple[str, str, str]]:
        """(source, target, name) of the declared transitions, sorted."""
        return sorted(
            (str(source), str(t.target), t.name) for t in self.transitions for source in t.sources
        )

    def check(self) -> list[str]:
        """Problems where the declaration and the model's transitions disagree."""
        problems = []
        declared, model = set(self.edges()), self.model_edges()
        states = {str(v) for v in self.states.values}
        for source, target, name in sorted(declared - model):
            problems.append(f"{self.name}.{name}: {source} -> {target} is not in the model")
        for source, target, name in sorted(model - declared):
            problems.append(f"{self.name}.{name}: {source} -> {target} is not declared")
        for source, target, name in declared:
            if source not in states or target not in states:
                problems.append(f"{self.name}.{name}: unknown state in {source} -> {target}")
        for t in self.transitions:
            if t.role not in self.role_problems:
                problems.append(f"{self.name}.{t.name}: no role problem for {t.role}")
            for condition in t.conditions:
                if not (condition.__doc__ or "").strip():
                    problems.append(f"{self.name}.{t.name}: {condition.__name__} has no docstring")
            if not self.public_events.get(t.name):
                problems.append(f"{self.name}.{t.name}: no plain-words label for the public")
        for state in sorted(states - set(self.public_states)):
            problems.append(f"{self.name}: state {state} has no plain-words label for the public")
        return problems


def register(machine: Machine) -> Machine:
    _MACHINES[machine.name] = machine
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


def sources(*states: Iterable[str] | str) -> tuple[str, ...]:
    """Flatten states and lists of states into a tuple (for Transition.sources)."""
    out: list[str] = []
    for s in states:
        out.extend([s] if isinstance(s, str) else list(s))
    return tuple(out)
