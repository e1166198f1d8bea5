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
        self._last: list[Any] = []

    def add(self, item, *, last: bool = False):
        """Append `item` once; `last` puts it after every item added without it."""
        if item not in self._items and item not in self._last:
            (self._last if last else self._items).append(item)
        return item

    def __iter__(self) -> Iterator[Any]:
        return iter([*self._items, *self._last])

    def __len__(self) -> int:
        return len(self._items) + len(self._last)

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
app_urls = Registry(
    "app URLs",
    "URL modules the portal's URLconf includes, in the order the apps are installed (before "
    "Wagtail's pages).",
)
demo_seeders = Registry(
    "demo seeders",
    "Import paths of functions (stdout) that make an app's demo cases: seed_demo runs them in "
    "order after the authorities and pages; search rebuilds its index last.",
)
demo_commands = Registry(
    "demo commands",
    "(command, options) that prepare_demo runs after seed_demo (not seed_demo itself, which "
    "the tests use): the dashboard's synthetic history.",
)
daily_jobs = Registry(
    "daily jobs",
    "Management commands the worker runs once a day across all workers, in order: the "
    "notification digests last, after the day's reminders.",
)
worker_sweeps = Registry(
    "worker sweeps",
    "(task import path, seconds): the worker queues each task every so many seconds, unless "
    "one is already waiting.",
)
