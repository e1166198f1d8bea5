"""Localism Act 2011 ss.81-84 are cited from one table (portal.law.LOCALISM_CITATIONS, read in
the revised text of the Act): every template, letter and email that cites a subsection of those
sections cites one the table holds. A wrong number (well-being as s.83(4), modification as
s.83(6), publication as s.83(10), the decision period as s.84(1)(b)) fails here."""

import re
from pathlib import Path

from portal import law

ROOT = Path(__file__).resolve().parents[2]
# "s.83(4)(b)", "s.84(1)-(2)", "section 84(6)": a section of ss.81-84 with its subsections.
REFERENCE = re.compile(r"\b(?:s\.|section )(8[1-4])((?:\([0-9a-z]+\))+)(?:-\(([0-9]+)\))?")
LETTERS = ["challenges/letters.py", "challenges/email_kinds.py", "challenges/subscriptions.py"]


def _files():
    for path in ROOT.rglob("templates/**/*"):
        if path.suffix in {".html", ".txt"} and ".venv" not in path.parts:
            yield path
    for name in LETTERS:
        yield ROOT / name


def test_the_table_holds_what_the_act_says():
    """Spot checks against the Act's text (uk/ukpga-2011-20.md): the numbers the issue found
    wrong, each where the Act puts it."""
    assert law.cite("wellbeing_in_decision") == "s.83(8)"
    assert law.cite("procurement_max_period") == "s.83(4)(b)"
    assert law.cite("modification") == "s.84(1)"
    assert law.cite("decision_period") == "s.84(3)"
    assert law.cite("expected_decision_notice") == "s.84(6)"
    assert law.cite("decision_published") == "s.84(9)"
    assert law.cite("withdrawal") == "s.84(10)"
    assert law.cite_act("any_time") == "Localism Act 2011 s.82(1)"


def test_templates_and_letters_cite_only_the_table():
    known = set(law.LOCALISM_CITATIONS.values())
    unknown = []
    checked = 0
    for path in _files():
        for match in REFERENCE.finditer(path.read_text(encoding="utf-8")):
            section, subsections, range_end = match.groups()
            cited = [f"s.{section}{subsections}"]
            if range_end:
                cited.append(f"s.{section}({range_end})")
            checked += 1
            unknown += [f"{path.relative_to(ROOT)}: {c}" for c in cited if c not in known]
    assert checked > 40  # the grep reaches the templates and letters
    assert unknown == []
