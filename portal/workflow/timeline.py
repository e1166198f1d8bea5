"""The public timeline of a case: the audit trail told in the plain words each machine declares."""

from portal import audit

from .declarations import machines


def public_timeline(obj) -> list[dict]:
    """The stages of a case for public pages, in the plain words its machine declares for each
    event and state (portal.workflow): no actor, no reason (they may hold names), no state names.
    Events the machine gives no words to (a draft's edits) are not shown."""
    machine = next(
        (m for m in machines() if audit.object_kind(m.model) == audit.object_kind(obj)), None
    )
    rows = audit.events_for(obj).values("at", "transition", "from_state", "to_state")
    stages = []
    for row in rows:
        label = machine.public_event(row["transition"]) if machine else ""
        if not label:
            continue
        moved = row["to_state"] and row["to_state"] != row["from_state"]
        stages.append(
            {
                "at": row["at"],
                "transition": row["transition"],
                "label": label,
                "stage": machine.public_state(row["to_state"]) if moved else "",
            }
        )
    return stages
