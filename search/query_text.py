"""What people type, made searchable the same way on both backends.

* Legal shorthand: "s.75", "s 75", "sec. 75" are read as "section 75" (the Acts' own words).
* Possessives: "Trafford's" searches as "Trafford" (curly apostrophes too).
* References (`TRF-CH-2026-0001`, `MAN-PR-2026-0003`, ...) are recognised so that a reference
  query finds exactly that record and never a different one.
"""

from __future__ import annotations

import re

SECTION = re.compile(r"\b(?:s|ss|sec|sect|section)\s*\.?\s*(\d{1,3}[a-z]?)\b", re.IGNORECASE)
POSSESSIVE = re.compile(r"(\w)['’]s\b", re.IGNORECASE)
# <authority code>-<CH|PR|EI|TA>-<year>-<number>: challenges and procurement (models.py)
REFERENCE = re.compile(r"^\s*([a-z0-9]{2,6}-(?:ch|pr|ei|ta)-\d{4}-\d{1,6})\s*:?\s*$", re.IGNORECASE)
WORD = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """The query as both backends search it."""
    text = POSSESSIVE.sub(r"\1", text)
    return SECTION.sub(lambda m: f"section {m.group(1).lower()}", text).strip()


def reference(text: str) -> str | None:
    """The record reference the whole query is, upper case; None for any other query."""
    match = REFERENCE.match(text)
    return match.group(1).upper() if match else None


def words(text: str) -> list[str]:
    """Lower-case words, possessives removed (what the vocabulary of indexed words holds)."""
    return WORD.findall(POSSESSIVE.sub(r"\1", text.lower()))
