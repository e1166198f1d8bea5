"""The drawings in docs/ are the declarations', the declarations are the models' transitions, and
the machines are DESIGN.md's (its state names are the contract)."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from portal.workflow import get_machine, machines
from portal.workflow.drawing import dot

DOCS = Path(settings.BASE_DIR) / "docs"
BEFORE_DECISION = (
    "draft",
    "submitted",
    "under_assessment",
    "clarification_requested",
    "modification_proposed",
)
BEFORE_AWARD = (
    "planned",
    "market_engagement",
    "tender_open",
    "evaluation",
    "award_proposed",
    "standstill",
)
# DESIGN.md's machines, edge by edge, and the few additions the portal makes to them.
DESIGN = {
    "challenge": {
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
        *{(s, "withdrawn") for s in BEFORE_DECISION},
    },
    "exercise": {
        ("planned", "market_engagement"),
        ("market_engagement", "tender_open"),
        ("tender_open", "evaluation"),
        ("evaluation", "award_proposed"),
        ("award_proposed", "standstill"),
        ("standstill", "awarded"),
        ("awarded", "in_delivery"),
        ("in_delivery", "closed"),
        *{(s, "cancelled") for s in BEFORE_AWARD},
    },
    "interest": {
        ("draft", "submitted"),
        ("submitted", "under_evaluation"),
        ("under_evaluation", "shortlisted"),
        ("under_evaluation", "not_shortlisted"),
        ("shortlisted", "successful"),
        ("shortlisted", "unsuccessful"),
        *{(s, "withdrawn") for s in ("draft", "submitted", "under_evaluation", "shortlisted")},
    },
    "agreement": {
        ("proposed", "consultation"),
        ("consultation", "negotiation"),
        ("negotiation", "approval"),
        ("approval", "signed"),
        ("signed", "in_force"),
        ("in_force", "under_review"),
        ("under_review", "in_force"),
        ("under_review", "terminated"),
        *{(s, "abandoned") for s in ("proposed", "consultation", "negotiation", "approval")},
    },
    # Issue 21: submitted -> acknowledged -> under assessment -> answered; or withdrawn.
    "offer": {
        ("submitted", "acknowledged"),
        ("acknowledged", "under_assessment"),
        ("under_assessment", "answered"),
        *{(s, "withdrawn") for s in ("submitted", "acknowledged", "under_assessment")},
    },
}
ADDITIONS = {
    # Issue 19: the officer's recommendation, signed off (or referred back) by the decision maker.
    "challenge": {
        ("under_assessment", "recommended"),
        ("recommended", "accepted"),
        ("recommended", "modification_proposed"),
        ("recommended", "rejected"),
        ("recommended", "under_assessment"),
        ("recommended", "withdrawn"),
    },
    # A tender without market engagement (UK2 is optional); a decision maker sending a proposed
    # award back to evaluation.
    "exercise": {("planned", "tender_open"), ("award_proposed", "evaluation")},
    "interest": {("not_shortlisted", "unsuccessful")},
    "agreement": {("approval", "negotiation"), ("in_force", "terminated")},
    # An addressee that starts assessing (or answers) before anyone acknowledged.
    "offer": {("submitted", "under_assessment")},
}


def test_every_machine_is_registered():
    assert [m.name for m in machines()] == [
        "agreement",
        "challenge",
        "exercise",
        "interest",
        "offer",
    ]


@pytest.mark.parametrize("name", sorted(DESIGN))
def test_declaration_agrees_with_the_model(name):
    assert get_machine(name).check() == []


@pytest.mark.parametrize("name", sorted(DESIGN))
def test_machine_is_the_design(name):
    pairs = {(s, t) for s, t, _ in get_machine(name).edges()}
    assert pairs >= DESIGN[name]
    assert pairs - DESIGN[name] == ADDITIONS[name]


@pytest.mark.parametrize("name", sorted(DESIGN))
def test_committed_drawing_is_the_declaration(name):
    path = DOCS / f"{name}-states.dot"
    assert path.exists(), f"{path} is missing: run manage.py draw_workflows"
    assert path.read_text() == dot(get_machine(name)), (
        f"{path.name} differs from the declaration: run manage.py draw_workflows"
    )


def test_command_draws_every_machine(tmp_path):
    out = StringIO()
    call_command("draw_workflows", "--folder", str(tmp_path), "--no-svg", stdout=out)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [f"{name}-states.dot" for name in sorted(DESIGN)]
    for name in DESIGN:
        text = (tmp_path / f"{name}-states.dot").read_text()
        edges = {
            tuple(part.strip() for part in line.split("[")[0].split("->"))
            for line in text.splitlines()
            if "->" in line
        }
        assert edges == DESIGN[name] | ADDITIONS[name]


def test_a_changed_declaration_changes_the_drawing():
    machine = get_machine("challenge")
    before = dot(machine)
    saved = machine.transitions
    try:
        machine.transitions = saved[:-1]
        assert dot(machine) != before
    finally:
        machine.transitions = saved
