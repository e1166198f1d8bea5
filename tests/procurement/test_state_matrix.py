"""Every transition of the three machines, from every state: refused outside its source states,
and refused to people without its role in them (before anything is written)."""

import pytest
from django_fsm import FSMField

from agreements import workflow as aw
from agreements.models import AgreementState, TransferAgreement
from portal.models import Organisation
from portal.workflow import Refused, perform
from procurement import exercise_workflow as ew
from procurement import interest_workflow as iw
from procurement.models import ExpressionOfInterest, InterestState, ProcurementExercise, State

pytestmark = pytest.mark.django_db


def sources(model, name) -> set[str]:
    field = next(f for f in model._meta.fields if isinstance(f, FSMField))
    found = set()
    for transition in field.get_all_transitions(model):
        if transition.name == name:
            found.add(transition.source)
    return found


def exercise_in(world, state):
    return ProcurementExercise(
        reference="TRF-PR-2026-9999", state=state, authority=world.authority, title="T"
    )


def interest_in(world, state):
    exercise = exercise_in(world, State.TENDER_OPEN)
    return ExpressionOfInterest(exercise=exercise, organisation=world.organisation, state=state)


def agreement_in(world, state):
    return TransferAgreement(
        reference="TRF-TA-2026-9999", state=state, lead_authority=world.authority, title="T"
    )


MACHINES = [
    (ew, ProcurementExercise, State, exercise_in, "exercise", "provider"),
    (iw, ExpressionOfInterest, InterestState, interest_in, "interest", None),
    (aw, TransferAgreement, AgreementState, agreement_in, "agreement", "provider"),
]


@pytest.mark.parametrize("module,model,states,make,machine,_wrong", MACHINES)
def test_refused_outside_the_source_states(world, module, model, states, make, machine, _wrong):
    checked = 0
    for name in module.LABELS:
        allowed_from = sources(model, name)
        assert allowed_from, name
        for state in states.values:
            if state in allowed_from or "*" in allowed_from:
                continue
            obj = make(world, state)
            with pytest.raises(Refused) as refused:
                perform(machine, obj, name, world.decider)
            assert "you cannot" in str(refused.value), (name, state)
            assert obj.state == state
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("module,model,states,make,machine,_wrong", MACHINES)
def test_refused_to_people_without_the_role(world, module, model, states, make, machine, _wrong):
    outsider = Organisation.objects.create(name="Elsewhere Trust", body_type="charitable_trust")
    for name in module.LABELS:
        for state in sources(model, name):
            obj = make(world, state)
            if module is iw and name in iw.BODY_TRANSITIONS:
                obj.organisation = outsider  # a member of another organisation
                person = world.provider
            elif module is iw:
                person = world.provider
            elif name in getattr(module, "DECISIONS", ()):
                person = world.officer  # an officer, not a decision maker
            else:
                person = world.provider
            with pytest.raises(Refused) as refused:
                perform(machine, obj, name, person)
            assert refused.value.problems[0].startswith("Only "), (name, state)
