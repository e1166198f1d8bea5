from django import template
from django.utils.http import urlencode

register = template.Library()


@register.filter
def widget_type(bound_field) -> str:
    return type(bound_field.field.widget).__name__.lower()


@register.filter
def describe(bound_field):
    """Render the widget with aria-describedby pointing at its hint and error message."""
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}-error")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination and filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(params, doseq=True) if params else "?"


@register.filter
def pounds(value):
    if value in (None, ""):
        return ""
    return f"£{value:,.0f}"
