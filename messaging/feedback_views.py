"""/feedback/: the phase banner's feedback form. Answers are stored (site admins read them in the
CMS) and emailed to every site admin through the outbox. No personal data is asked for; one
network address may send FEEDBACK_PER_NETWORK_ADDRESS forms in a window (accounts.rate_limits)."""

from django import forms
from django.db import transaction
from django.db.models import Q
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from accounts import rate_limits
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


def site_admin_addresses() -> list[str]:
    admins = User.objects.filter(is_active=True).filter(
        Q(is_superuser=True) | Q(roles__role=Role.SITE_ADMIN)
    )
    return sorted(set(admins.values_list("email", flat=True)) - {""})


def feedback(request):
    came_from = safe_next(request, request.GET.get("from")) if request.method == "GET" else ""
    form = FeedbackForm(posted(request), initial={"page": came_from})
    if request.method == "POST" and form.is_valid():
        wait = rate_limits.wait_for(request, "feedback")
        if wait is not None:
            return rate_limits.too_many_attempts(request, "feedback", wait)
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
