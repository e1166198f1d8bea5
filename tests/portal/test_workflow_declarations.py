"""A machine's graph is its model's: each transition's sources, target and acting role are read
from the django-fsm-2 method, and check() names what the declaration and the model disagree on."""

import dataclasses

import pytest

from challenges import models as challenge_models
from portal import roles
from portal.workflow import Machine, Transition, get_machine


def test_sources_target_and_role_come_from_the_model():
    machine = get_machine("challenge")
    submit = machine.transition("submit")
    assert (submit.sources, submit.target, submit.role) == (("draft",), "submitted", "body_member")
    withdraw = machine.transition("withdraw")
    assert set(withdraw.sources) == {
        "draft",
        "submitted",
        "under_assessment",
        "clarification_requested",
        "recommended",
        "modification_proposed",
    }
    assert (withdraw.target, withdraw.role) == ("withdrawn", "body_member")
    assert machine.transition("accept").role == "decision_maker"
    assert get_machine("exercise").transition("cancel").role == "decision_maker"
    assert get_machine("interest").transition("shortlist").role == "officer"
    assert get_machine("agreement").transition("sign").role == "decision_maker"


def copy_of_challenge(**changes) -> Machine:
    machine = get_machine("challenge")
    fields = {f.name: getattr(machine, f.name) for f in dataclasses.fields(machine)}
    fields["transitions"] = [
        Transition(t.name, t.label, conditions=t.conditions) for t in machine.transitions
    ]
    return Machine(**{**fields, "name": "copy", "hooks": {}, **changes})


def test_the_copy_checks_clean():
    assert copy_of_challenge().check() == []


def test_check_names_a_transition_missing_on_either_side():
    declared = [t for t in copy_of_challenge().transitions if t.name != "close"]
    declared.append(Transition("approve", "Approve"))
    machine = copy_of_challenge(
        transitions=declared,
        public_events={**get_machine("challenge").public_events, "approve": "Approved"},
    )
    assert machine.check() == [
        "copy.approve: no such transition in the model",
        "copy.close: the model's transition is not declared",
    ]


def test_check_names_a_role_without_its_refusal():
    refusals = dict(get_machine("challenge").role_problems)
    del refusals[roles.OFFICER]
    assert copy_of_challenge(role_problems=refusals).check() == [
        "copy.start_assessment: no role problem for officer",
        "copy.recommend: no role problem for officer",
        "copy.request_clarification: no role problem for officer",
        "copy.start_procurement: no role problem for officer",
        "copy.close: no role problem for officer",
        "copy.check_eligibility: no role problem for officer",
        "copy.confirm_eligibility: no role problem for officer",
        "copy.notify_expected_decision: no role problem for officer",
    ]


def test_check_names_a_permission_that_names_no_role(monkeypatch):
    monkeypatch.delattr(challenge_models.is_case_officer, "role")
    problems = copy_of_challenge().check()
    assert problems == [
        "copy.start_assessment: its permission names no role (portal.roles.acts_as)",
        "copy.recommend: its permission names no role (portal.roles.acts_as)",
        "copy.request_clarification: its permission names no role (portal.roles.acts_as)",
        "copy.start_procurement: its permission names no role (portal.roles.acts_as)",
        "copy.close: its permission names no role (portal.roles.acts_as)",
    ]


def test_an_unknown_role_is_refused():
    with pytest.raises(ValueError):
        roles.acts_as("body")
