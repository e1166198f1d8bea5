"""A signed-in person's notifications (/tasks/notifications/), their email preferences
(/account/notifications/), and following a case. Each person sees and changes only their own."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from messaging import notifications, subscriptions
from messaging.models import Frequency, Notification, NotificationPreference, Watch
from portal import roles
from portal.forms import GovukFormMixin, posted
from portal.models import Membership
from portal.params import object_id


def roles_held(user) -> set[str]:
    """The subscription roles in which this person can be told anything."""
    held = {
        audience
        for r in user.roles.values_list("role", flat=True)
        for audience in roles.AUDIENCES_OF_ROLE.get(r, ())
    }
    if Membership.objects.filter(user=user, approved=True).exists():
        held |= {roles.BODY, roles.SUPPLIERS, roles.PARTNERS}
    if Watch.objects.filter(user=user).exists():
        held.add(roles.WATCHERS)
    return held


def field_name(kind: str) -> str:
    return kind.replace(".", "__")


class PreferencesForm(GovukFormMixin, forms.Form):
    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            self.fields[field_name(row.kind)] = forms.ChoiceField(
                label=row.label, choices=Frequency.choices, widget=forms.RadioSelect
            )
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-radios__input"
            field.error_messages["required"] = "Select how you want to be emailed"


@login_required
def preferences(request):
    user = request.user
    held = roles_held(user)
    rows = subscriptions.kinds_for_roles(held)
    always = [row for row in rows if held.intersection(row.statutory)]
    choosable = [row for row in rows if row not in always]
    saved = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "frequency"))
    initial = {field_name(r.kind): saved.get(r.kind, Frequency.INSTANT) for r in choosable}
    form = PreferencesForm(posted(request), rows=choosable, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for row in choosable:
                frequency = form.cleaned_data[field_name(row.kind)]
                NotificationPreference.objects.update_or_create(
                    user=user, kind=row.kind, defaults={"frequency": frequency}
                )
        messages.success(request, "Your email preferences are saved")
        return redirect("notification-preferences")
    return render(
        request,
        "account/notification_preferences.html",
        {"form": form, "always": always, "has_rows": bool(rows)},
    )


@login_required
def notification_list(request):
    mine = Notification.objects.filter(user=request.user).select_related("event")
    page = Paginator(mine, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "account/notifications.html",
        {
            "page_obj": page,
            "notifications": page.object_list,
            "unread": notifications.unread_count(request.user),
        },
    )


@login_required
@require_POST
def mark_read(request):
    """Mark one notification (`id`) or all of them read; only the person's own."""
    ids = None
    if "id" in request.POST:
        pk = object_id(request.POST["id"])
        if pk is None:  # not a number, or beyond any id a database holds: no such notification
            raise Http404
        ids = [pk]
    count = notifications.mark_read(request.user, ids)
    if ids and not count and not Notification.objects.filter(pk=ids[0], user=request.user):
        raise Http404
    return redirect("notifications")


@login_required
@require_POST
def follow(request, content_type_id: int, pk: int):
    """Follow (or stop following) a case the person may see."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    machine = subscriptions.machine_for(model)
    subject = model.objects.filter(pk=pk).first() if machine else None
    if subject is None or not machine.can_watch(subject, request.user):
        raise Http404
    watch = {"user": request.user, "subject_type_id": content_type_id, "subject_id": pk}
    if request.POST.get("stop"):
        Watch.objects.filter(**watch).delete()
        messages.success(request, "You no longer follow this case")
    else:
        Watch.objects.get_or_create(**watch)
        messages.success(request, "You follow this case: you will be told what happens to it")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = "/"
    return redirect(back)
