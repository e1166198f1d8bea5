"""The published diagram is drawn from the machines, and the machines are DESIGN.md's."""

from procurement.diagram import DOT_PATH, dot, edges
from procurement.models import ExpressionOfInterest, ProcurementExercise, TransferAgreement

BEFORE_AWARD = [
    "planned",
    "market_engagement",
    "tender_open",
    "evaluation",
    "award_proposed",
    "standstill",
]
EXERCISE = {
    ("planned", "market_engagement"),
    ("market_engagement", "tender_open"),
    ("tender_open", "evaluation"),
    ("evaluation", "award_proposed"),
    ("award_proposed", "standstill"),
    ("standstill", "awarded"),
    ("awarded", "in_delivery"),
    ("in_delivery", "closed"),
    *{(s, "cancelled") for s in BEFORE_AWARD},
}
INTEREST = {
    ("draft", "submitted"),
    ("submitted", "under_evaluation"),
    ("under_evaluation", "shortlisted"),
    ("under_evaluation", "not_shortlisted"),
    ("shortlisted", "successful"),
    ("shortlisted", "unsuccessful"),
    *{(s, "withdrawn") for s in ("draft", "submitted", "under_evaluation", "shortlisted")},
}
AGREEMENT = {
    ("proposed", "consultation"),
    ("consultation", "negotiation"),
    ("negotiation", "approval"),
    ("approval", "signed"),
    ("signed", "in_force"),
    ("in_force", "under_review"),
    ("under_review", "in_force"),
    ("under_review", "terminated"),
    *{(s, "abandoned") for s in ("proposed", "consultation", "negotiation", "approval")},
}


def pairs(model):
    return {(s, t) for s, t, _ in edges(model)}


def test_machines_contain_the_design_and_only_few_additions():
    assert pairs(ProcurementExercise) >= EXERCISE
    # Additions: a tender without market engagement (UK2 is optional), and a decision maker
    # sending a proposed award back to evaluation.
    assert pairs(ProcurementExercise) - EXERCISE == {
        ("planned", "tender_open"),
        ("award_proposed", "evaluation"),
    }
    assert pairs(ExpressionOfInterest) >= INTEREST
    assert pairs(ExpressionOfInterest) - INTEREST == {("not_shortlisted", "unsuccessful")}
    assert pairs(TransferAgreement) >= AGREEMENT
    assert pairs(TransferAgreement) - AGREEMENT == {
        ("approval", "negotiation"),
        ("in_force", "terminated"),
    }


def test_published_diagram_is_current():
    assert DOT_PATH.read_text() == dot()
