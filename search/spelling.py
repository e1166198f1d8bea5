"""The vocabulary of indexed words and "Did you mean" for the database backend.

PostgreSQL finds look-alike words with pg_trgm (a GIN trigram index on the vocabulary); SQLite,
which has no trigrams, compares with the words that share the first letter (rapidfuzz). Either
way the candidates are ranked by Damerau-Levenshtein distance (a transposed pair of letters, as
in "yuoth", is one edit), then by how many records use the word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from search import query_text
from search.models import SearchWord
from search.registry import SearchRecord

MIN_LENGTH, MAX_LENGTH = 2, 40
CANDIDATES = 25
MIN_FIX = 4  # shorter words stay as typed (as Elasticsearch's fuzziness AUTO:4,7 does)
TRIGRAM_THRESHOLD = 0.2  # pg_trgm's default (0.3) misses a swapped pair of letters
UPSERT_CHUNK = 1000


def record_words(record: SearchRecord) -> set[str]:
    text = " ".join([record.title, record.summary, record.body, *record.authority_names])
    return {w for w in query_text.words(text) if MIN_LENGTH <= len(w) <= MAX_LENGTH and w.isalpha()}


def add_words(records: Iterable[SearchRecord]) -> None:
    """Count each record's words into the vocabulary (one upsert per 1,000 words)."""
    counts: Counter[str] = Counter()
    for record in records:
        counts.update(record_words(record))
    rows = sorted(counts.items())
    table = SearchWord._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_CHUNK):
            chunk = rows[start : start + UPSERT_CHUNK]
            placeholders = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} (word, documents) VALUES {placeholders} "  # noqa: S608
                f"ON CONFLICT (word) DO UPDATE SET documents = {table}.documents + "
                "excluded.documents",
                [value for row in chunk for value in row],
            )


def clear() -> None:
    SearchWord.objects.all().delete()


def allowed_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def _candidates(word: str) -> list[tuple[str, int]]:
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL pg_trgm.similarity_threshold = %s", [TRIGRAM_THRESHOLD])
            cursor.execute(
                f"SELECT word, documents FROM {SearchWord._meta.db_table} "  # noqa: S608
                "WHERE word %% %s ORDER BY similarity(word, %s) DESC LIMIT %s",
                [word, word, CANDIDATES],
            )
            return list(cursor.fetchall())
    words = dict(
        SearchWord.objects.filter(word__startswith=word[0]).values_list("word", "documents")
    )
    found = process.extract(word, list(words), scorer=DamerauLevenshtein.distance, limit=10)
    return [(w, words[w]) for w, _distance, _index in found]


def correction(word: str) -> str | None:
    """The indexed word this one is most likely a misspelling of, or None."""
    best = None
    for candidate, documents in _candidates(word):
        distance = DamerauLevenshtein.distance(word, candidate)
        if distance == 0 or distance > allowed_edits(word):
            continue
        key = (distance, -documents, candidate)
        if best is None or key < best[0]:
            best = (key, candidate)
    return best[1] if best else None


def did_you_mean(text: str) -> str | None:
    """The query with each unknown word replaced by its likeliest indexed word; None when no
    word needs (or has) a correction."""
    words = [w for w in dict.fromkeys(query_text.words(text)) if len(w) >= MIN_FIX and w.isalpha()]
    if not words:
        return None
    known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
    fixes = {w: c for w in words if w not in known and (c := correction(w))}
    if not fixes:
        return None
    lowered = query_text.normalise(text).lower()
    return re.sub(r"[^\W_]+", lambda m: fixes.get(m.group(0), m.group(0)), lowered)
