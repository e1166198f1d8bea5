from .agreements import (
    AgreementParty,
    AgreementState,
    AgreementVersion,
    Contribution,
    StaffArrangement,
    TransferAgreement,
)
from .common import ReferenceCounter
from .exercises import ImmutableError, Notice, ProcurementExercise, State
from .interests import ExpressionOfInterest, InterestState

__all__ = [
    "AgreementParty",
    "AgreementState",
    "AgreementVersion",
    "Contribution",
    "ExpressionOfInterest",
    "ImmutableError",
    "InterestState",
    "Notice",
    "ProcurementExercise",
    "ReferenceCounter",
    "StaffArrangement",
    "State",
    "TransferAgreement",
]
