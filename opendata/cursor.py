"""Keyset pagination over (when a row last changed, its id): a page follows the last row of the
previous one, so a cursor stays right while rows are added, and the same order serves the
`?since=` change feed (rows changed after a moment, oldest change first).

A cursor is opaque to clients: URL-safe base64 of the last row's position.
"""

import base64
import binascii
import datetime
import json

from django.db.models import F, Q


class BadCursor(ValueError):
    pass


def encode(modified: datetime.datetime | None, pk: int) -> str:
    position = [modified.isoformat() if modified else None, pk]
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")


def decode(cursor: str) -> tuple[datetime.datetime | None, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        modified, pk = json.loads(raw)
        if not isinstance(pk, int) or isinstance(pk, bool) or not -(2**63) <= pk < 2**63:
            raise ValueError
        if modified is None:
            return None, pk
        moment = datetime.datetime.fromisoformat(modified)
        if moment.tzinfo is None:
            raise ValueError
        return moment.astimezone(datetime.UTC), pk
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError, OverflowError):
        raise BadCursor("cursor is not one this API gave out") from None


def page(queryset, modified: str, *, cursor: str = "", since=None, limit: int = 50):
    """One page of rows ordered by (modified, pk), nulls first, and the cursor of the next
    page (None on the last)."""
    if since is not None:
        queryset = queryset.filter(**{f"{modified}__gt": since})
    if cursor:
        after, pk = decode(cursor)
        if after is None:
            queryset = queryset.filter(
                Q(**{f"{modified}__isnull": True}, pk__gt=pk) | Q(**{f"{modified}__isnull": False})
            )
        else:
            queryset = queryset.filter(
                Q(**{f"{modified}__gt": after}) | Q(**{modified: after}, pk__gt=pk)
            )
    ordered = queryset.order_by(F(modified).asc(nulls_first=True), "pk")
    rows = list(ordered[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode(getattr(rows[-1], modified), rows[-1].pk) if more else None
    return rows, next_cursor
