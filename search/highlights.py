"""Highlights of synonym phrases: a word marked on its own that only belongs to a phrase of the
query ("people" of "older people", searched as a synonym of "elderly") is a stray mark.

PostgreSQL's ts_headline marks each lexeme of a phrase query wherever it occurs; this keeps a
mark only where the phrase's words stand together (a run of marked words) or where the word is
also a word of the query on its own.
"""

from __future__ import annotations

import re

from search import synonyms

from .backends.base import MARK_END, MARK_START

MARKED = re.compile(f"{MARK_START}([^{MARK_END}]*){MARK_END}")
RUN = re.compile(
    f"{MARK_START}[^{MARK_END}]*{MARK_END}(?:\\s+{MARK_START}[^{MARK_END}]*{MARK_END})+"
)


def _key(word: str) -> str:
    word = word.lower()
    return word[:5] if len(word) > 5 else word  # close enough to a stem for this comparison


def phrase_only_words(text: str) -> set[str]:
    """Words of the query's quoted phrases (its own and its synonyms') that are not also words
    of the query outside a phrase."""
    phrasings = [text, *synonyms.expansions(text, quote=True)]
    in_phrases, alone = set(), set()
    for phrasing in phrasings:
        for phrase in re.findall(r'"([^"]+)"', phrasing):
            in_phrases |= {_key(w) for w in re.findall(r"\w+", phrase)}
        alone |= {_key(w) for w in re.findall(r"\w+", re.sub(r'"[^"]*"', " ", phrasing))}
    return in_phrases - alone


def drop_stray_marks(snippet: str, text: str) -> str:
    stray = phrase_only_words(text)
    if not stray or MARK_START not in snippet:
        return snippet
    runs = [m.span() for m in RUN.finditer(snippet)]

    def keep(match: re.Match) -> str:
        inside_run = any(start <= match.start() < end for start, end in runs)
        if inside_run or _key(match.group(1)) not in stray:
            return match.group(0)
        return match.group(1)

    return MARKED.sub(keep, snippet)
