"""Where apps plug into the kernel, so that the kernel names no app.

Each app registers what it adds from its AppConfig.ready(): the kernel reads these registries
and never imports an app. An extension point is a named list; `add` appends once.

    from portal import registry
    registry.step_scopes.add(stored.atomic)
"""

from collections.abc import Iterator
from typing import Any


class Registry:
    """An ordered list of what apps registered for one extension point."""

    def __init__(self, name: str, doc: str):
        self.name = name
        self.__doc__ = doc
        self._items: list[Any] = []

    def add(self, item):
        if item not in self._items:
            self._items.append(item)
        return item

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self._items)}>"


step_scopes = Registry(
    "step scopes",
    "Context-manager factories entered (outermost first) around every workflow step, inside "
    "which the engine opens its own transaction: documents removes what a rolled-back step "
    "stored.",
)
demo_finishers = Registry(
    "demo finishers",
    "Callables (stdout) run after every app's demo seeder, and again on a demo already made: "
    "accounts enrols the demo staff's second factor. stdout may be None (say nothing).",
)
step_listeners = Registry(
    "step listeners",
    "Callables (step, audit_record) run inside the step's transaction after its audit event: "
    "messaging publishes the event that tells people.",
)
