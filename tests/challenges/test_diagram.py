from challenges.diagram import DOT_PATH, dot

# DESIGN.md's challenge machine, edge by edge.
DESIGN_EDGES = {
    ("draft", "submitted"),
    ("submitted", "under_assessment"),
    ("under_assessment", "accepted"),
    ("under_assessment", "modification_proposed"),
    ("modification_proposed", "accepted"),
    ("modification_proposed", "rejected"),
    ("under_assessment", "rejected"),
    ("submitted", "clarification_requested"),
    ("under_assessment", "clarification_requested"),
    ("clarification_requested", "under_assessment"),
    ("accepted", "procurement_started"),
    ("procurement_started", "closed"),
    *{
        (s, "withdrawn")
        for s in (
            "draft",
            "submitted",
            "under_assessment",
            "clarification_requested",
            "modification_proposed",
        )
    },
}


def test_published_diagram_is_the_machine_of_the_design():
    text = dot()
    assert DOT_PATH.read_text() == text, "docs/challenge-states.dot is stale: run diagram.write()"
    edges = {
        tuple(part.strip() for part in line.split("[")[0].split("->"))
        for line in text.splitlines()
        if "->" in line
    }
    assert edges == DESIGN_EDGES
