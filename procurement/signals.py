"""Sent after the commit of any change to what the public may see of an exercise or an agreement
(a transition, a new notice), so that other apps (search) can re-index without this app knowing
them. Receivers get `kind` ("procurement" or "agreement", as in publication.SEARCH_KINDS) and
`pk`; they should read the row through publication's querysets, which drop unpublished rows."""

from django.dispatch import Signal

publication_changed = Signal()


def announce(kind: str, pk: int) -> None:
    publication_changed.send(sender=kind, kind=kind, pk=pk)
