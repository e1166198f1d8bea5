"""Issue 19, item 2: the officer's written recommendation (each ground considered, the well-being
consideration of s.83(8), the outcome recommended) goes to a named decision maker or a committee,
who signs it off or decides differently with reasons, under the authority's scheme of
delegation; the letter and the register name who decided under what authority."""

from datetime import date

import pytest
from django.urls import reverse

from challenges.models import DelegationRule, Recommendation, State
from portal import law
from portal.models import AuditEvent
from portal.workflow import Refused, perform
from tests import builders

from .conftest import WELLBEING, advance, draft

pytestmark = pytest.mark.django_db

REPORT = "The body has run youth clubs for the council since 2019; its plan is costed."


def considered(applying=(), reasons="The plan for Sale West is not costed."):
    return {
        slug: {"applies": slug in applying, "reasons": reasons if slug in applying else ""}
        for slug, _ in law.REJECTION_GROUNDS
    }


def recommendation(**changes):
    values = {
        "report": REPORT,
        "grounds_considered": considered(),
        "wellbeing": WELLBEING,
        "outcome": "accepted",
        "route": "delegated",
        "committee": "",
    }
    return {**values, **changes}


@pytest.fixture
def scheme(world):
    """Trafford: its Corporate Director accepts (or modifies) under delegated authority; its
    Executive decides anything."""
    DelegationRule.objects.create(
        authority=world.authority,
        decided_by="delegated",
        title="Corporate Director, Place",
        may_accept=True,
        may_modify=True,
        reference="Constitution Part 3, Section 5, paragraph 4.2",
    )
    DelegationRule.objects.create(
        authority=world.authority,
        decided_by="committee",
        title="Executive",
        may_accept=True,
        may_modify=True,
        may_reject=True,
        reference="Constitution Part 3, Section B",
    )
    for person, (first, last) in (
        (world.decider, ("Dana", "Decider")),
        (world.other_decider, ("Omar", "Other")),
        (world.officer, ("Olu", "Officer")),
    ):
        person.first_name, person.last_name = first, last
        person.save()
    return world


@pytest.fixture
def assessing(scheme):
    challenge = draft(scheme.service, scheme.organisation, scheme.provider)
    return advance(challenge, scheme, "submit", "start_assessment")


def problems(call) -> list[str]:
    with pytest.raises(Refused) as refused:
        call()
    return refused.value.problems


def test_a_named_decision_maker_signs_off_the_recommendation(scheme, assessing, client):
    world, challenge = scheme, assessing
    # With a scheme, no decision without a recommendation.
    assert problems(lambda: advance(challenge, world, "accept")) == [
        "Trafford decides challenges on an officer's written recommendation: an officer must "
        "make one first"
    ]
    perform(
        "challenge",
        challenge,
        "recommend",
        world.officer,
        **recommendation(decision_maker=world.decider),
    )
    assert challenge.state == State.RECOMMENDED
    # Only the person named signs it off.
    assert problems(
        lambda: perform("challenge", challenge, "accept", world.other_decider, wellbeing=WELLBEING)
    ) == ["This recommendation is for Dana Decider to sign off"]
    # Deciding differently needs reasons, and a line of the scheme covering that outcome.
    assert problems(lambda: advance(challenge, world, "reject")) == [
        "Trafford's scheme of delegation does not let a decision maker decide “rejected”: refer "
        "it back so that it goes to a committee",
        "The officer recommended “accepted”: enter your reasons for deciding differently",
    ]
    advance(challenge, world, "accept")

    challenge.refresh_from_db()
    signed = Recommendation.objects.get(challenge=challenge)
    assert (signed.signed_by, signed.signed_as, signed.decided_outcome) == (
        world.decider,
        "Corporate Director, Place",
        "accepted",
    )
    assert signed.as_recommended is True
    assert (
        "Dana Decider, Corporate Director, Place, Trafford Metropolitan Borough Council"
        in challenge.decision_letter
    )
    assert (
        "Decided under: delegated authority: Constitution Part 3, Section 5, paragraph 4.2."
        in challenge.decision_letter
    )
    event = AuditEvent.objects.filter(object_id=str(challenge.pk), transition="accept").get()
    assert event.changes["signed_as"] == "Corporate Director, Place"
    assert event.changes["as_recommended"] is True
    # The register shows who decided under what authority.
    page = client.get(reverse("decisions:detail", args=[challenge.reference])).content.decode()
    assert "Dana Decider, Corporate Director, Place<br>Under: delegated authority: " in page


def test_a_committee_decides_differently_and_its_minute_is_recorded(scheme, assessing):
    world, challenge = scheme, assessing
    perform(
        "challenge",
        challenge,
        "recommend",
        world.officer,
        **recommendation(route="committee", committee="Executive"),
    )
    assert problems(lambda: advance(challenge, world, "reject")) == [
        "Enter the date of the committee meeting that decided",
        "Enter the minute reference of the committee's decision",
        "The officer recommended “accepted”: enter your reasons for deciding differently",
    ]
    advance(
        challenge,
        world,
        "reject",
        meeting_date=date(2027, 3, 3),
        minute_reference="EX/27/42",
        departure_reasons="Members found the safeguarding policy out of date.",
    )
    challenge.refresh_from_db()
    letter = challenge.decision_letter
    assert "Why the decision differs from the officer's recommendation" in letter
    assert "Members found the safeguarding policy out of date." in letter
    assert (
        "Decided under: decision of Executive at its meeting on 3 March 2027, minute EX/27/42 "
        "(Constitution Part 3, Section B)." in letter
    )
    assert (
        "Dana Decider, recorded for the committee, Trafford Metropolitan Borough Council" in letter
    )


def test_the_recommendation_considers_every_ground_and_names_who_decides(scheme, assessing):
    world, challenge = scheme, assessing
    incomplete = considered()
    del incomplete["frivolous_or_vexatious"]
    incomplete["body_unsuitable"] = {"applies": True, "reasons": ""}
    assert problems(
        lambda: perform(
            "challenge",
            challenge,
            "recommend",
            world.officer,
            **recommendation(
                report=" ",
                grounds_considered=incomplete,
                outcome="rejected",
                route="delegated",
                decision_maker=world.provider,
            ),
        )
    ) == [
        "Enter your assessment report",
        "Give your reasons why ground 3 applies",
        "Say whether ground 9 applies",
        f"{world.provider.email} is not a decision maker of Trafford",
    ]
    # A rejection cannot go to a decision maker whom the scheme does not let reject.
    assert problems(
        lambda: perform(
            "challenge",
            challenge,
            "recommend",
            world.officer,
            **recommendation(
                grounds_considered=considered(["body_unsuitable"]),
                outcome="rejected",
                decision_maker=world.decider,
            ),
        )
    ) == [
        "Trafford's scheme of delegation lets no decision maker decide “rejected” under "
        "delegated authority: send it to a committee"
    ]


def test_a_recommendation_referred_back_returns_to_assessment(scheme, assessing):
    world, challenge = scheme, assessing
    perform(
        "challenge",
        challenge,
        "recommend",
        world.officer,
        **recommendation(decision_maker=world.decider),
    )
    assert problems(lambda: perform("challenge", challenge, "refer_back", world.decider)) == [
        "Enter why you are referring the recommendation back"
    ]
    perform("challenge", challenge, "refer_back", world.decider, reason="Check the TUPE figures.")
    assert challenge.state == State.UNDER_ASSESSMENT
    event = AuditEvent.objects.filter(object_id=str(challenge.pk)).latest("seq")
    assert (event.transition, event.reason) == ("refer_back", "Check the TUPE figures.")


def test_without_a_scheme_the_decision_maker_decides_and_is_named(world):
    challenge = draft(world.service, world.organisation, world.provider)
    world.decider.first_name, world.decider.last_name = "Dana", "Decider"
    world.decider.save()
    advance(challenge, world, "submit", "start_assessment", "accept")
    assert (
        "Dana Decider, Decision maker, Trafford Metropolitan Borough Council"
        in challenge.decision_letter
    )
    assert (
        "Decided under: no scheme of delegation recorded in the portal."
        in challenge.decision_letter
    )


def test_the_officer_recommends_and_the_decision_maker_signs_off_through_the_pages(
    scheme, assessing, client
):
    world, challenge = scheme, assessing
    client.force_login(world.officer)
    answers = {
        "report": REPORT,
        "wellbeing": WELLBEING,
        "outcome": "accepted",
        "route": "delegated",
        "decision_maker": world.decider.pk,
        **{f"ground_{slug}": "no" for slug, _ in law.REJECTION_GROUNDS},
    }
    url = reverse("challenges:casework-recommend", args=[challenge.pk])
    assert client.post(url, answers).status_code == 302
    challenge.refresh_from_db()
    assert challenge.state == State.RECOMMENDED

    client.force_login(world.decider)
    case = client.get(reverse("challenges:casework-case", args=[challenge.pk])).content.decode()
    assert "Sign off or decide" in case
    assert "Olu Officer" in case
    decide = reverse("challenges:casework-decide", args=[challenge.pk])
    assert client.post(decide, {"decision": "accept", "wellbeing": WELLBEING}).status_code == 302
    check = client.get(reverse("challenges:casework-decide-check", args=[challenge.pk]))
    assert (
        "Dana Decider, Corporate Director, Place, Trafford Metropolitan Borough Council"
        in check.content.decode()
    )
    client.post(reverse("challenges:casework-decide-check", args=[challenge.pk]))
    challenge.refresh_from_db()
    assert challenge.state == State.ACCEPTED


def test_authority_admins_keep_their_own_scheme_of_delegation(world, client, manchester):
    admin = builders.staff("authority_admin", world.authority)
    other = builders.staff("authority_admin", manchester)
    client.force_login(admin)
    url = reverse("challenges:delegation")
    refused = client.post(url, {"authority": world.authority.pk, "decided_by": "delegated"})
    assert "Select at least one outcome this line lets them decide" in refused.content.decode()
    added = client.post(
        url,
        {
            "authority": world.authority.pk,
            "decided_by": "delegated",
            "title": "Corporate Director, Place",
            "may_accept": "on",
            "reference": "Constitution Part 3, paragraph 4.2",
        },
    )
    assert added.status_code == 302
    shown = "Corporate Director, Place (a named decision maker, under delegated authority)"
    assert shown in client.get(url).content.decode()
    rule = DelegationRule.objects.get(authority=world.authority)
    assert rule.outcomes_label == "accept"
    assert AuditEvent.objects.filter(transition="delegation_rule_added").count() == 1
    # Another authority's admin neither sees it nor removes it.
    client.force_login(other)
    assert shown not in client.get(url).content.decode()
    remove = reverse("challenges:delegation-remove", args=[rule.pk])
    assert client.post(remove).status_code == 404
    # Nor can an officer keep a scheme.
    client.force_login(world.officer)
    assert client.get(url).status_code == 403


def test_the_letters_name_the_committee_route_as_the_model_does():
    from challenges import letters
    from challenges.models import DecisionRoute

    assert letters.COMMITTEE == DecisionRoute.COMMITTEE == "committee"
