"""The service vocabulary's synonym groups (synonyms.txt), for both backends."""

import re
from functools import cache
from pathlib import Path

SYNONYMS_FILE = Path(__file__).with_name("synonyms.txt")


@cache
def groups() -> tuple[tuple[str, ...], ...]:
    result = []
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            result.append(tuple(p.strip() for p in line.split(",") if p.strip()))
    return tuple(result)


def solr_rules() -> list[str]:
    """The groups as Solr rules, for Elasticsearch's synonym_graph filter."""
    return [", ".join(group) for group in groups()]


def _norm(word: str) -> str:
    # Crude plural folding, enough to see "youth clubs" as "youth club".
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def expansions(query: str, limit: int = 8, quote: bool = False) -> list[str]:
    """Other phrasings of the query: each synonym phrase found is swapped for the others.

    With quote=True a phrase of several words goes in double quotes, so that a search engine
    matches (and highlights) it as a phrase, not each of its words wherever it is.
    """
    words = re.findall(r"\w+", query.lower())
    normal = [_norm(w) for w in words]
    variants: list[str] = []
    for group in groups():
        for phrase in group:
            target = [_norm(w) for w in phrase.split()]
            n = len(target)
            for start in range(len(normal) - n + 1):
                if normal[start : start + n] == target:
                    for other in group:
                        if other == phrase:
                            continue
                        if quote and " " in other:
                            other = f'"{other}"'
                        variant = " ".join([*words[:start], other, *words[start + n :]])
                        if variant not in variants:
                            variants.append(variant)
                    break
    return variants[:limit]
