from django import template

register = template.Library()


@register.filter
def slug_label(value) -> str:
    """ "decision_maker" -> "Decision maker": readable names for states, transitions and roles."""
    text = str(value or "").replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]
