"""{% follow_case subject %}: the "Follow this case" button, for people who may follow it."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from messaging import subscriptions
from messaging.models import Watch

register = template.Library()


@register.inclusion_tag("includes/follow_button.html", takes_context=True)
def follow_case(context, subject):
    request = context.get("request")
    user = getattr(request, "user", None)
    machine = subscriptions.machine_for(type(subject))
    if not getattr(user, "is_authenticated", False) or not machine:
        return {"follow": None, "request": request}
    if not machine.can_watch(subject, user):
        return {"follow": None, "request": request}
    content_type = ContentType.objects.get_for_model(subject)
    following = Watch.objects.filter(
        user=user, subject_type=content_type, subject_id=subject.pk
    ).exists()
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "follow": {
            "following": following,
            "action": reverse("follow-case", args=[content_type.pk, subject.pk]),
        },
    }
