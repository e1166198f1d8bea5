from django import template
from django.utils.http import urlencode

register = template.Library()


@register.filter
def widget_type(bound_field) -> str:
    return type(bound_field.field.widget).__name__.lower()


@register.filter
def error_anchor(bound_field) -> str:
    """The id the error summary links to: the first radio or checkbox, or the first box of a
    date input that the message is about (GOV.UK error summary)."""
    kind = widget_type(bound_field)
    if kind in ("radioselect", "checkboxselectmultiple"):
        return f"{bound_field.auto_id}_0"
    if kind == "govukdatewidget":
        from portal.date_input import PARTS

        part = bound_field.field.widget.parts_in_error(bound_field.value())[0]
        return f"{bound_field.auto_id}_{PARTS.index(part)}"
    return bound_field.auto_id


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


@register.filter
def page_links(page_obj) -> list[int | None]:
    """The page numbers a pagination bar shows: the first, the last and two either side of the
    current one; None where an ellipsis stands for the pages left out. Only the pages shown are
    looked at, so a list of thousands of pages costs no more than a list of ten."""
    last, current = page_obj.paginator.num_pages, page_obj.number
    candidates = {1, 2, last - 1, last, *range(current - 2, current + 3)}
    links = []
    for number in sorted(n for n in candidates if 1 <= n <= last):
        if number in (1, last) or current - 2 <= number <= current + 2:
            links.append(number)
        else:  # 2 or last - 1, away from the current page
            links.append(None)
    return links


@register.filter
def iso_day(value) -> str:
    """An ISO 8601 date (as cached figures keep them, JSON-safe) as people read it: 1 April 2025."""
    from datetime import date

    try:
        return f"{date.fromisoformat(str(value)[:10]):%-d %B %Y}"
    except ValueError:
        return str(value or "")
