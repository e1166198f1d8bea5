"""/dashboard/import/: an authority admin uploads its own register (dashboard.imports), for the
authorities they administer only; site admins for any. The CMS menu links here."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from portal import permissions
from portal.models import Authority, Role
from portal.models.provenance import RegisterImport

from . import imports

MAX_UPLOAD = 10 * 1024 * 1024  # bytes


def importable(user):
    """The authorities whose register the person may import."""
    if permissions.is_site_admin(user):
        return Authority.objects.order_by("nice_name")
    return permissions.authorities(user, (Role.AUTHORITY_ADMIN,)).order_by("nice_name")


@login_required
def upload(request):
    authorities = list(importable(request.user))
    if not authorities:
        raise Http404
    errors, report = {}, None
    chosen = request.POST.get("authority", "")
    if request.method == "POST":
        authority = next((a for a in authorities if a.code == chosen), None)
        upload = request.FILES.get("file")
        if authority is None:
            errors["authority"] = "Select the authority whose register this is"
        if upload is None:
            errors["file"] = "Select a CSV or JSON Lines file"
        elif not upload.name.lower().endswith((".csv", ".jsonl", ".ndjson")):
            errors["file"] = "The selected file must be a CSV or JSON Lines file"
        elif upload.size > MAX_UPLOAD:
            errors["file"] = "The selected file must be smaller than 10MB"
        if not errors:
            report = imports.import_file(
                upload.read(), upload.name, authority=authority, user=request.user
            )
    recent = RegisterImport.objects.filter(authority__in=authorities).select_related(
        "authority", "imported_by"
    )[:20]
    return render(
        request,
        "dashboard/import.html",
        {
            "authorities": authorities,
            "chosen": chosen or (authorities[0].code if len(authorities) == 1 else ""),
            "errors": errors,
            "report": report,
            "recent": recent,
        },
        status=400 if errors or (report and not report.ok) else 200,
    )
