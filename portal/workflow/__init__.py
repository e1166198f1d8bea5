"""One workflow engine for every machine of the portal (challenge, exercise, interest,
agreement, offer).

Apps declare each machine with `Machine` and `Transition` (declarations.py) and register it; views,
the demo, commands and tests run every transition through `perform` (engine.py). Portal imports no
app: the apps register their machines and hooks from their AppConfig.ready().
"""

from .declarations import (
    Action,
    Machine,
    Refused,
    Step,
    Transition,
    get_machine,
    machines,
    register,
)
from .engine import act, allowed, available, perform
from .timeline import public_timeline

__all__ = [
    "Action",
    "Machine",
    "Refused",
    "Step",
    "Transition",
    "act",
    "allowed",
    "available",
    "get_machine",
    "machines",
    "perform",
    "public_timeline",
    "register",
]
