from procurement.models.exercises import ImmutableError, Notice, ProcurementExercise, State
from procurement.models.interests import ExpressionOfInterest, InterestState

__all__ = [
    "ExpressionOfInterest",
    "ImmutableError",
    "InterestState",
    "Notice",
    "ProcurementExercise",
    "State",
]
