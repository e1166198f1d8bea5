"""Authority admins' tasks: pages awaiting their approval in the CMS, challenge windows (s.82)
opening or closing soon or none published, and timescales (s.84(3), s.83(4)) not all published."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from messaging import task_list as tasks
from portal.models import Authority, ChallengeWindow, Role, ServiceSpecificationPage
from portal.models.authorities import TIMESCALES_UNPUBLISHED

ROLE = "Authority admin"
# A window opening or closing within this many days is worth a look (it must be published first).
WINDOW_HORIZON_DAYS = 28


def _moderation(context: tasks.TaskContext):
    """Service pages of the admin's authorities with an approval in progress."""
    ids = context.authority_ids(Role.AUTHORITY_ADMIN)
    in_progress = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
    )
    pages = ServiceSpecificationPage.objects.filter(authority_id__in=ids).annotate(
        pk_text=Cast("pk", CharField())
    )
    return pages.filter(Exists(in_progress.filter(object_id=OuterRef("pk_text"))))


def _windows(context: tasks.TaskContext):
    ids = context.authority_ids(Role.AUTHORITY_ADMIN)
    today, horizon = context.today, context.today + timedelta(days=WINDOW_HORIZON_DAYS)
    return ChallengeWindow.objects.filter(authority_id__in=ids).filter(
        Q(opens_on__gt=today, opens_on__lte=horizon)
        | Q(closes_on__gte=today, closes_on__lte=horizon)
    )


def _authorities(context: tasks.TaskContext):
    """The admin's authorities, each with whether it has a current or future window."""
    return Authority.objects.filter(pk__in=context.authority_ids(Role.AUTHORITY_ADMIN)).annotate(
        windows_ahead=Count("windows", filter=Q(windows__closes_on__gte=context.today)),
    )


def count(context: tasks.TaskContext) -> int:
    if not context.authority_ids(Role.AUTHORITY_ADMIN):
        return 0
    unpublished = _authorities(context).filter(TIMESCALES_UNPUBLISHED | Q(windows_ahead=0))
    return _moderation(context).count() + sum(
        (not a.timescales_published) + (a.windows_ahead == 0) for a in unpublished
    )


def sections(context: tasks.TaskContext) -> list:
    if not context.authority_ids(Role.AUTHORITY_ADMIN):
        return []
    total, pages = tasks.listed(_moderation(context).select_related("authority").order_by("title"))
    moderation = tasks.Section(
        ROLE,
        "Pages awaiting your approval",
        total,
        [
            tasks.Task(
                p.title,
                reverse("wagtailadmin_pages:edit", args=[p.pk]),
                detail=f"{p.authority.nice_name}: submitted for approval in the CMS",
            )
            for p in pages
        ],
        more_url=reverse("wagtailadmin_home"),
        empty="No service pages are waiting for your approval",
    )
    authorities = list(_authorities(context).order_by("nice_name"))
    publishing = []
    for authority in authorities:
        if not authority.timescales_published:
            publishing.append(
                tasks.Task(
                    f"Publish {authority.nice_name}'s timescales",
                    reverse("wagtailsnippets_portal_authority:edit", args=[authority.pk]),
                    detail="The maximum period for a decision (Localism Act 2011 s.84(3)) and the "
                    "minimum and maximum periods before procurement (s.83(4)) are not all "
                    "published",
                    tag="Not published",
                    tag_colour="red",
                )
            )
        if authority.windows_ahead == 0:
            publishing.append(
                tasks.Task(
                    f"Publish a challenge window for {authority.nice_name}",
                    reverse("wagtailsnippets_portal_challengewindow:add"),
                    detail="No current or future window is published (Localism Act 2011 s.82)",
                    tag="None published",
                    tag_colour="red",
                )
            )
    statutory = tasks.Section(
        ROLE,
        "Timescales and windows to publish",
        len(publishing),
        publishing,
        empty="Your timescales are published and each authority has a window ahead",
    )
    total, windows = tasks.listed(
        _windows(context).select_related("authority", "service").order_by("opens_on")
    )
    soon = tasks.Section(
        ROLE,
        "Challenge windows opening or closing soon",
        total,
        [_window_task(w, context.today) for w in windows],
        open=False,
        more_url=reverse("wagtailsnippets_portal_challengewindow:list"),
        empty=f"No window opens or closes in the next {WINDOW_HORIZON_DAYS} days",
    )
    links = tasks.Links(
        ROLE,
        [
            ("Service pages in the CMS", reverse("wagtailadmin_home")),
            ("Challenge windows", reverse("wagtailsnippets_portal_challengewindow:list")),
        ],
    )
    return [moderation, statutory, soon, links]


def _window_task(window: ChallengeWindow, today) -> tasks.Task:
    scope = window.service.title if window.service_id else "all services"
    if window.opens_on > today:
        when, colour = f"Opens {window.opens_on:%-d %B %Y}", "blue"
    else:
        when, colour = f"Closes {window.closes_on:%-d %B %Y}", "yellow"
    return tasks.Task(
        f"{window.authority.nice_name}: {scope}",
        reverse("wagtailsnippets_portal_challengewindow:edit", args=[window.pk]),
        detail=f"{window.opens_on:%-d %B %Y} to {window.closes_on:%-d %B %Y}",
        tag=when,
        tag_colour=colour,
    )
