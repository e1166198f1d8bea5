"""Query and form parameters that name a row by its id.

`int("99999999999999999999")` is a number, but not one any database column holds: the lookup then
fails with an error (a 500). Read ids through `object_id`, which answers None for anything that
cannot be an id, so the caller ignores the parameter or answers 404.
"""

from django import forms

MAX_ID = 2**63 - 1  # PostgreSQL's bigint; Wagtail's page ids are smaller still

_ID_FIELD = forms.IntegerField(min_value=1, max_value=MAX_ID)


def object_id(value) -> int | None:
    """The id in a parameter, or None when it is missing or not a possible id."""
    if not isinstance(value, str) or not value.isascii():
        return None
    try:
        return _ID_FIELD.clean(value.strip())
    except forms.ValidationError:
        return None
