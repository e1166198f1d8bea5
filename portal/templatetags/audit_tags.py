from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def slug_label(value) -> str:
    """ "decision_maker" -> "Decision maker": readable names for states, transitions and roles."""
    text = str(value or "").replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


@register.filter
def machine_time(value) -> str:
    """A moment for <time datetime>: to the second, with its offset (HTML allows at most three
    digits of a fraction; Django's "c" format gives six)."""
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")
