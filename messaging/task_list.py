"""Each signed-in person's tasks, by the roles they hold, and the count shown in the header.

The portal imports no app: each app registers a task source here (in its AppConfig.ready), a
function of (user, context) that returns the sections for the roles the user holds. Counts are
SQL aggregates; lists are bounded, each with a link to the full list.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.functional import cached_property

from portal import permissions
from portal.models import Role
from portal.working_days import add_working_days

DUE_SOON_WORKING_DAYS = 5
LIMIT = 20


@dataclass
class Task:
    """One thing to do (or to know about), linking to the page where it is done."""

    label: str
    url: str
    detail: str = ""
    tag: str = ""
    tag_colour: str = ""


@dataclass
class Section:
    """One group of tasks for one role, e.g. 'Challenges to assess'. `count` comes from SQL and
    may be larger than the tasks listed; `open` sections add to the header count."""

    role: str
    title: str
    count: int
    tasks: list[Task] = field(default_factory=list)
    open: bool = True
    more_url: str = ""
    empty: str = "Nothing to do"


@dataclass
class Links:
    """The workflow lists a role may open."""

    role: str
    links: list[tuple[str, str]]


class TaskContext:
    """What every source needs to know about the user, each looked up once per request."""

    def __init__(self, user, today: date | None = None):
        self.user = user
        self.today = today or timezone.localdate()

    @cached_property
    def assignments(self) -> tuple[tuple[str, int | None, int | None], ...]:
        return permissions.assignments(self.user)

    def authority_ids(self, *roles: str) -> set[int]:
        return {a for role, a, _ in self.assignments if role in roles and a is not None}

    @cached_property
    def nhs_body_ids(self) -> set[int]:
        return {n for role, _, n in self.assignments if role == Role.NHS_PARTNER and n}

    @cached_property
    def organisation_ids(self) -> set[int]:
        """Organisations in which the user is an approved member."""
        return set(permissions.organisation_ids(self.user))

    @cached_property
    def roles(self) -> set[str]:
        return {role for role, _, _ in self.assignments}

    @cached_property
    def due_soon_until(self) -> date:
        """The last day that counts as 'due soon': five working days from today."""
        return add_working_days(self.today, DUE_SOON_WORKING_DAYS)


def listed(queryset, limit: int = LIMIT) -> tuple[int, list]:
    """The number of all the rows (one COUNT) and the first `limit` of them."""
    return queryset.count(), list(queryset[:limit])


Source = Callable[[TaskContext], list[Section | Links]]
Counter = Callable[[TaskContext], int]
_SOURCES: list[tuple[Source, Counter]] = []


def register(sections: Source, count: Counter) -> None:
    """An app's task source: `sections` lists its sections, `count` its open tasks (SQL only)."""
    if (sections, count) not in _SOURCES:
        _SOURCES.append((sections, count))


def _context(user, today: date | None) -> TaskContext:
    """One context per user object (so per request) for today; a fresh one for another day."""
    if today is not None:
        return TaskContext(user, today)
    context = getattr(user, "_portal_task_context", None)
    if context is None or context.today != timezone.localdate():
        context = TaskContext(user)
        user._portal_task_context = context
    return context


def sections_for(user, today: date | None = None) -> list[Section | Links]:
    context = _context(user, today)
    found: list[Section | Links] = []
    for sections, _count in _SOURCES:
        found.extend(sections(context))
    return found


def open_task_count(user, today: date | None = None) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    context = _context(user, today)
    return sum(count(context) for _sections, count in _SOURCES)


def unread_notification_count(user) -> int:
    from messaging.notifications import unread_count

    return unread_count(user)


def header_count(request) -> int:
    """The number beside 'Your tasks' in the header: open tasks only (unread notifications
    have their own count). Computed once per request, and only when a page shows it."""
    cached = getattr(request, "_portal_header_count", None)
    if cached is None:
        cached = open_task_count(request.user)
        request._portal_header_count = cached
    return cached


def header_unread_count(request) -> int:
    """The number beside 'Notifications' in the header: the person's unread notifications."""
    return unread_notification_count(request.user)
