"""/feedback/: the phase banner's feedback form. Answers are stored (site admins read them in the
CMS) and emailed to every site admin through the outbox. No personal data is asked for; one
address may send FEEDBACK_PER_HOUR forms an hour."""

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Q
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from accounts import lockout
from accounts.views import safe_next
from messaging import outbox
from portal.forms import GovukFormMixin, posted, required
from portal.models import Feedback, Role, User


class FeedbackForm(GovukFormMixin, forms.Form):
    rating = forms.ChoiceField(
        label="Overall, how did you feel about the service you received today?",
        choices=Feedback.Rating.choices,
        widget=forms.RadioSelect,
        error_messages=required("Select how you felt about the service"),
    )
    comments = forms.CharField(
        label="How could we improve this service?",
        required=False,
        max_length=1200,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Do not include personal or financial information, like your name, email "
        "address or bank details. We cannot reply to you.",
        error_messages={"max_length": "Your comments must be 1,200 characters or fewer"},
    )
    page = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)


def _over_the_limit(request) -> bool:
    """Counts this address's forms in the shared cache (a hash of the address, never the
    address itself)."""
    address = lockout.client_ip(request) or "unknown"
    key = "feedback:" + hashlib.sha256(f"{settings.SECRET_KEY}{address}".encode()).hexdigest()
    cache = caches["shared"]
    cache.add(key, 0, timeout=3600)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        sent = 1
    return sent > settings.FEEDBACK_PER_HOUR


def site_admin_addresses() -> list[str]:
    admins = User.objects.filter(is_active=True).filter(
        Q(is_superuser=True) | Q(roles__role=Role.SITE_ADMIN)
    )
    return sorted(set(admins.values_list("email", flat=True)) - {""})


def feedback(request):
    came_from = safe_next(request, request.GET.get("from")) if request.method == "GET" else ""
    form = FeedbackForm(posted(request), initial={"page": came_from})
    if request.method == "POST" and form.is_valid():
        if _over_the_limit(request):
            return render(request, "info/feedback_limit.html", status=429)
        data = form.cleaned_data
        page = safe_next(request, data["page"])[:200]
        with transaction.atomic():
            entry = Feedback.objects.create(
                rating=data["rating"], comments=data["comments"].strip(), page=page
            )
            outbox.queue(
                "feedback_received",
                site_admin_addresses(),
                rating=entry.get_rating_display(),
                page=page or "not known",
                comments=entry.comments or "(no comments)",
                admin_url=request.build_absolute_uri(_admin_listing()),
            )
        return render(request, "info/feedback_sent.html", {"back": page})
    return render(request, "info/feedback.html", {"form": form})


def _admin_listing() -> str:
    try:
        return reverse("feedback:index")
    except NoReverseMatch:  # the CMS listing is registered by wagtail_hooks
        return "/admin/"
