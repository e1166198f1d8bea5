"""/tasks/: what each signed-in person has to do, by the roles they hold."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from messaging import notifications
from messaging import task_list as tasks


def _group(found) -> tuple[list[dict], list[tuple[str, str]]]:
    """Sections grouped by role (in the order the sources gave them), and every role's links
    once each."""
    groups: dict[str, list[tasks.Section]] = {}
    links: list[tuple[str, str]] = []
    for item in found:
        if isinstance(item, tasks.Links):
            links += [link for link in item.links if link not in links]
        else:
            groups.setdefault(item.role, []).append(item)
    return [{"role": role, "sections": sections} for role, sections in groups.items()], links


@login_required
def task_list(request):
    groups, links = _group(tasks.sections_for(request.user))
    return render(
        request,
        "messaging/tasks.html",
        {
            "groups": groups,
            "links": links,
            "notifications": notifications.recent(request.user),
        },
    )
