"""The offer's machine: every transition and action through portal.workflow (act and perform),
its refusals, who may act for which addressee, the audit trail in the actor's role, and the
standards' dates (working days, the version in force on the day of receipt)."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from offers import workflow as ow
from offers.models import Offer, OfferState, ResponseStandard
from portal import audit
from portal.models import AuditEvent
from portal.workflow import Refused, act, perform

from .helpers import make_offer, values

pytestmark = pytest.mark.django_db


def rows(offer):
    return {r.body_kind: r for r in offer.addressees.all()}


def trail(offer):
    return list(
        AuditEvent.objects.filter(object_id=str(offer.pk), object_kind="offers.offer")
        .order_by("seq")
        .values_list("transition", "from_state", "to_state", "actor_role")
    )


def test_an_offer_is_received_with_each_addressees_standard(cast, on_receipt):
    offer = make_offer(cast)
    assert offer.reference == "TRF-IO-2026-0001"
    assert (offer.state, offer.sector, offer.received_on) == (
        "submitted",
        "voluntary_community",
        date(2026, 3, 2),
    )
    by = rows(offer)
    assert (by["authority"].acknowledge_by, by["authority"].answer_by) == (
        date(2026, 3, 16),
        date(2026, 3, 30),
    )
    # 25 working days, Good Friday and Easter Monday 2026 not counted.
    assert (by["nhs_body"].acknowledge_by, by["nhs_body"].answer_by) == (
        date(2026, 3, 16),
        date(2026, 4, 8),
    )
    # The police have published no standard: the offer is still received, with no dates.
    assert (by["organisation"].standard, by["organisation"].answer_by) == (None, None)
    assert by["organisation"].contact_role == "Head of Public Protection"
    assert trail(offer) == [("submit", "", "submitted", "body_member")]


def test_a_private_firm_may_offer(cast, on_receipt):
    offer = make_offer(cast, cast.firm_user, cast.firm, offeror_type="private_company")
    assert (offer.offeror_type, offer.sector) == ("private_company", "private")


def test_a_consortium_gives_its_leads_sector(cast, on_receipt):
    with pytest.raises(Refused) as refused:
        make_offer(cast, offeror_type="consortium")
    assert refused.value.problems == ["Select the sector of the consortium's lead member"]
    offer = make_offer(cast, offeror_type="consortium", sector="public")
    assert offer.sector == "public"


def test_the_standard_in_force_on_the_day_of_receipt(cast):
    """A new version applies to offers received from its date; earlier offers keep theirs."""
    ResponseStandard.objects.create(
        authority=cast.authority,
        acknowledge_days=3,
        answer_days=5,
        answering_role="Chief Executive",
        takes_effect_on=date(2026, 3, 3),
    )
    with time_machine_at(datetime(2026, 3, 2, 10)):
        before = rows(make_offer(cast))["authority"]
    with time_machine_at(datetime(2026, 3, 3, 10)):
        after = rows(make_offer(cast))["authority"]
    assert (before.standard.answering_role, before.answer_by) == (
        "Director of Children's Services",
        date(2026, 3, 30),
    )
    assert (after.standard.answering_role, after.answer_by) == (
        "Chief Executive",
        date(2026, 3, 10),
    )


def time_machine_at(moment):
    import time_machine
    from django.utils import timezone

    return time_machine.travel(timezone.make_aware(moment), tick=False)


def test_a_published_standard_is_never_changed(cast):
    standard = ResponseStandard.objects.filter(authority=cast.authority).get()
    standard.answer_days = 99
    with pytest.raises(ValidationError):
        standard.save()


def test_what_an_offer_must_contain(cast):
    missing = values(problem="", evidence=" ", title="", understands_not_statutory=False)
    missing.update(area_of_need="", confidential_reasons="")
    with pytest.raises(Refused) as refused:
        ow.submit(cast.provider, organisation=cast.organisation, addressees=[], **missing)
    assert refused.value.problems == [
        "Enter a title for the offer",
        "Enter the problem the offer addresses",
        "Enter the evidence that it would work",
        "Choose a published service or describe the area of need",
        "Choose who the offer is made to",
        "Give the reasons the parts you marked are commercially confidential "
        "(Freedom of Information Act 2000 s.43)",
        "Confirm that you understand this offer is not a statutory challenge",
    ]
    assert not Offer.objects.exists()


def test_an_offer_goes_to_an_authority_and_to_each_body_once(cast):
    with pytest.raises(Refused) as refused:
        ow.submit(
            cast.provider,
            organisation=cast.organisation,
            addressees=[{"nhs_body": cast.icb}, {"nhs_body": cast.icb}],
            **values(),
        )
    assert refused.value.problems == [
        "Make the offer to at least one authority",
        "Name each body the offer is made to once",
    ]


def test_only_members_offer_for_an_organisation(cast):
    with pytest.raises(Refused) as refused:
        make_offer(cast, user=cast.rival)
    assert refused.value.problems == [
        "Only approved members of Riverside Youth Trust can make an offer for it"
    ]


def test_each_addressee_answers_for_itself_and_the_stage_follows(cast, on_receipt):
    offer = make_offer(cast)
    by = rows(offer)
    ow.acknowledge(offer, by["authority"], cast.officer)
    assert Offer.objects.get(pk=offer.pk).state == "acknowledged"
    ow.record_meeting(
        offer,
        by["authority"],
        cast.officer,
        held_on=date(2026, 3, 2),
        attendees="Head of Early Help",
    )
    assert Offer.objects.get(pk=offer.pk).state == "under_assessment"
    ow.give_answer(
        offer,
        by["authority"],
        cast.officer,
        outcome="taken_forward",
        route="pilot",
        reasons="Worth a twelve-month pilot in one locality.",
    )
    ow.give_answer(
        offer,
        by["nhs_body"],
        cast.icb_partner,
        outcome="not_taken_forward",
        criteria=["evidence", "capacity"],
        reasons="Not yet: the ICB's outreach contract runs to 2028.",
    )
    assert Offer.objects.get(pk=offer.pk).state == "under_assessment"  # the police have not
    ow.give_answer(
        offer,
        by["organisation"],
        cast.police,
        outcome="referred",
        referred_to="Greater Manchester Violence Reduction Unit",
        reasons="The unit commissions youth engagement.",
    )
    offer.refresh_from_db()
    assert offer.state == "answered"
    assert trail(offer) == [
        ("submit", "", "submitted", "body_member"),
        ("acknowledge_receipt", "submitted", "submitted", "officer"),
        ("acknowledge", "submitted", "acknowledged", "system"),
        ("record_meeting", "acknowledged", "acknowledged", "officer"),
        ("assess", "acknowledged", "under_assessment", "system"),
        ("give_answer", "under_assessment", "under_assessment", "officer"),
        ("give_answer", "under_assessment", "under_assessment", "nhs_partner"),
        ("give_answer", "under_assessment", "under_assessment", "body_member"),
        ("answer", "under_assessment", "answered", "system"),
    ]
    answered = rows(offer)
    assert answered["authority"].answering_role == "Director of Children's Services"
    assert answered["authority"].answer_timing() == "on time"
    assert answered["organisation"].answer_timing() == "no standard"
    assert answered["nhs_body"].criteria == ["evidence", "capacity"]


def test_an_answer_after_the_standards_date_is_late(cast, on_receipt):
    offer = make_offer(cast)
    on_receipt.shift(timedelta(days=40))  # 9 April 2026: past Trafford's 30 March
    ow.give_answer(
        offer,
        rows(offer)["authority"],
        cast.officer,
        outcome="referred",
        referred_to="The ICB",
        reasons="Theirs.",
    )
    answered = rows(offer)["authority"]
    assert (answered.acknowledgement_timing(), answered.answer_timing()) == ("late", "late")
    assert rows(offer)["nhs_body"].answer_timing(date(2026, 4, 9)) == "overdue"


def test_nobody_answers_for_another_addressee(cast, on_receipt):
    offer = make_offer(cast)
    by = rows(offer)
    for person, row in (
        (cast.icb_partner, by["authority"]),
        (cast.officer, by["nhs_body"]),
        (cast.manchester_officer, by["authority"]),
        (cast.provider, by["organisation"]),
    ):
        with pytest.raises(Refused) as refused:
            ow.acknowledge(offer, row, person)
        assert refused.value.problems == [f"Only people who answer for {row.name} can do this"]
    assert Offer.objects.get(pk=offer.pk).state == "submitted"


def test_an_answer_gives_its_reasons(cast, on_receipt):
    offer = make_offer(cast)
    row = rows(offer)["authority"]
    for given, problems in [
        ({}, ["Select the answer"]),
        (
            {"outcome": "taken_forward"},
            ["Enter the reasons for the answer", "Select what the offer is taken forward into"],
        ),
        (
            {"outcome": "not_taken_forward", "reasons": "No."},
            ["Select the published criteria the offer does not meet"],
        ),
        (
            {"outcome": "referred", "reasons": "Not ours."},
            ["Enter the body the offer is referred to"],
        ),
        (
            {"outcome": "taken_forward", "route": "procurement", "reasons": "Yes."},
            [
                "Record the steps taken so that the offeror gains no unfair advantage "
                "(Procurement Act 2023 s.12(2)-(3), s.16(3)-(5) and s.17)",
                "Enter the summary published to all suppliers",
            ],
        ),
    ]:
        with pytest.raises(Refused) as refused:
            ow.give_answer(offer, row, cast.officer, **given)
        assert refused.value.problems == problems
    ow.give_answer(
        offer,
        row,
        cast.officer,
        outcome="taken_forward",
        route="market_engagement",
        reasons="Yes.",
        fair_competition_steps="Same information and time for every supplier.",
        supplier_summary="Trafford invites any supplier to an engagement event.",
    )
    with pytest.raises(Refused) as refused:
        ow.give_answer(offer, row, cast.officer, outcome="referred", referred_to="X", reasons="Y")
    assert refused.value.problems == ["Trafford has already answered"]


def test_a_meeting_is_dated_and_says_who_took_part(cast, on_receipt):
    offer = make_offer(cast)
    with pytest.raises(Refused) as refused:
        ow.record_meeting(offer, rows(offer)["authority"], cast.officer, held_on=date(2026, 3, 3))
    assert refused.value.problems == [
        "The date of the meeting cannot be in the future",
        "Enter who took part, by role",
    ]


def test_an_addressee_acknowledges_once(cast, on_receipt):
    offer = make_offer(cast)
    ow.acknowledge(offer, rows(offer)["authority"], cast.officer)
    with pytest.raises(Refused) as refused:
        ow.acknowledge(offer, rows(offer)["authority"], cast.officer)
    assert refused.value.problems == ["Trafford has already acknowledged the offer"]


def test_the_offeror_withdraws_with_a_reason(cast, on_receipt):
    offer = make_offer(cast)
    with pytest.raises(Refused) as refused:
        ow.withdraw(offer, cast.officer, reason="Not mine")
    assert refused.value.problems == ["Only members of Riverside Youth Trust can do this"]
    with pytest.raises(Refused) as refused:
        ow.withdraw(offer, cast.provider, reason=" ")
    assert refused.value.problems == ["Enter the reason"]
    ow.withdraw(offer, cast.provider, reason="Merged into another offer.")
    offer.refresh_from_db()
    assert (offer.state, offer.withdrawal_reason) == ("withdrawn", "Merged into another offer.")
    with pytest.raises(Refused) as refused:
        ow.acknowledge(offer, rows(offer)["authority"], cast.officer)
    assert refused.value.problems == [
        "You cannot acknowledge the offer now: this offer is at the stage “Withdrawn”"
    ]


def test_the_stage_moves_only_when_the_addressees_steps_make_it_due(cast, on_receipt):
    offer = make_offer(cast)
    for name, problem in [
        ("acknowledge", "No addressee has acknowledged the offer yet"),
        ("assess", "No addressee has started assessing the offer yet"),
    ]:
        with pytest.raises(Refused) as refused:
            perform("offer", offer, name, cast.officer)
        assert refused.value.problems == [problem]
    with pytest.raises(Refused) as refused:
        perform("offer", offer, "acknowledge", cast.provider)
    assert refused.value.problems == [
        "Only people who answer for one of the offer's addressees can do this"
    ]
    ow.start_assessment(offer, rows(offer)["nhs_body"], cast.icb_partner)
    offer.refresh_from_db()
    assert offer.state == "under_assessment"
    with pytest.raises(Refused) as refused:
        perform("offer", offer, "answer", cast.officer)
    assert refused.value.problems == [
        "Trafford has not answered yet",
        "NHS Greater Manchester Integrated Care Board has not answered yet",
        "Greater Manchester Police has not answered yet",
    ]


def test_writes_outside_the_engine_are_refused(cast, on_receipt):
    offer = make_offer(cast)
    with pytest.raises(audit.EngineBypassed):
        audit.record(
            offer,
            transition="acknowledge_receipt",
            from_state="submitted",
            to_state="submitted",
            actor=cast.officer,
            role="officer",
        )
    with pytest.raises(Refused):
        act("offer", offer, "no_such_action", cast.officer)
    assert OfferState.ANSWERED.label == "Answered"
