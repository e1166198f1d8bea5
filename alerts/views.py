"""Setting up an alert, confirming its address, and unsubscribing without signing in.

No page shows a subscriber's address, except the signed-in person's own in their form."""

import logging

from django.http import Http404, QueryDict
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from portal.forms import posted
from portal.models import ServiceSpecificationPage
from portal.params import object_id
from search import params

from . import matching, subscribing, tokens
from .forms import AlertForm, WindowAlertForm
from .models import Subscription

log = logging.getLogger(__name__)
TOO_SOON = (
    "We sent a confirmation email to this address a few minutes ago. Open the link in it, "
    "or try again in 5 minutes."
)


def _initial(request) -> dict:
    user = request.user
    if user.is_authenticated and user.email_confirmed:
        return {"email": user.email}
    return {}


def _save(request, form, **fields):
    """Subscribe; the page to show next, or None with the error on the form."""
    try:
        subscription = subscribing.subscribe(
            request.user,
            form.cleaned_data["email"],
            frequency=form.cleaned_data["frequency"],
            **fields,
        )
    except subscribing.TooSoon:
        form.add_error("email", TOO_SOON)
        return None
    return render(
        request,
        "alerts/started.html" if subscription.active else "alerts/check_email.html",
        {"description": subscribing.describe(subscription), "subscription": subscription},
    )


def search_alert(request):
    """ "Get emails about new results": the query string is the search (as on /search/)."""
    source = request.POST if request.method == "POST" else request.GET
    query = params.parse(QueryDict(source.get("query", "")) if "query" in source else source).query
    canonical = params.canonical(query)
    form = AlertForm(posted(request), initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        page = _save(request, form, kind=Subscription.Kind.SEARCH, query=canonical)
        if page is not None:
            return page
    return render(
        request,
        "alerts/search_form.html",
        {
            "form": form,
            "query_string": canonical,
            "description": params.describe(query),
            "search_url": matching.search_url(Subscription(query=canonical)),
        },
    )


def window_alert(request, page_id):
    """ "Tell me when this service opens for challenges"."""
    if object_id(str(page_id)) is None:  # beyond any id a database holds (issue 23)
        raise Http404("No published service has this number")
    service = (
        ServiceSpecificationPage.objects.live()
        .public()
        .select_related("authority")
        .filter(pk=page_id)
        .first()
    )
    if service is None:
        raise Http404("No published service has this number")
    form = WindowAlertForm(
        posted(request), initial=_initial(request), authority_name=service.authority.nice_name
    )
    if request.method == "POST" and form.is_valid():
        whole_authority = form.cleaned_data["scope"] == "authority"
        page = _save(
            request,
            form,
            kind=Subscription.Kind.WINDOW,
            authority=service.authority,
            service=None if whole_authority else service,
        )
        if page is not None:
            return page
    return render(request, "alerts/window_form.html", {"form": form, "service": service})


def _link_failed(request, expired: bool, action: str):
    return render(
        request, "alerts/link_failed.html", {"expired": expired, "action": action}, status=400
    )


def confirm(request, token):
    """GET (and HEAD) shows a button: mail scanners that open links must not confirm anyone's
    alert (issue 23); the POST from the button confirms."""
    try:
        key = tokens.read_confirm(token)
    except tokens.BadLink as bad:
        return _link_failed(request, bad.expired, "confirm")
    subscription = Subscription.objects.filter(key=key).first()
    if subscription is None:  # unsubscribed before confirming
        return _link_failed(request, False, "confirm")
    if request.method != "POST":
        return render(
            request,
            "alerts/confirm.html",
            {"description": subscribing.describe(subscription)},
        )
    subscribing.activate(subscription)
    return render(
        request,
        "alerts/started.html",
        {"description": subscribing.describe(subscription), "subscription": subscription},
    )


# RFC 8058 one-click: the mail client POSTs with no session; the signed link is the proof.
@csrf_exempt
def unsubscribe(request, token):
    """GET shows a button (a link scanner must not unsubscribe anyone); POST unsubscribes."""
    try:
        key = tokens.read_unsubscribe(token)
    except tokens.BadLink as bad:
        return _link_failed(request, bad.expired, "unsubscribe")
    subscription = Subscription.objects.filter(key=key).first()
    if subscription is None:
        return render(request, "alerts/unsubscribed.html", {"already": True})
    if request.method == "POST":
        subscribing.unsubscribe(subscription)
        return render(request, "alerts/unsubscribed.html", {"already": False})
    return render(
        request,
        "alerts/unsubscribe.html",
        {"description": subscribing.describe(subscription)},
    )
