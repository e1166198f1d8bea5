"""Recommendation and sign-off: the officer's written assessment goes to a named decision maker
or to a committee, who signs it off or decides differently with reasons, under the authority's
scheme of delegation (DelegationRule). The conditions and effects here are the challenge
machine's (challenges.workflow); `signature` says who decided under what authority, for the
letter, the case and the public register.
"""

from django.utils import timezone

from portal import law, permissions
from portal.models import Role, User
from portal.workflow import Step

from .letters import recommendation_of, signature  # noqa: F401  (used by the views)
from .models import (
    DecisionRoute,
    DelegationRule,
    Outcome,
    Recommendation,
    State,
)

TRANSITION_OUTCOMES = {
    "accept": Outcome.ACCEPTED,
    "propose_modification": Outcome.MODIFIED,
    "reject": Outcome.REJECTED,
}
SIGN_OFF_KWARGS = frozenset({"departure_reasons", "meeting_date", "minute_reference"})
RECOMMEND_KWARGS = (
    "report",
    "grounds_considered",
    "wellbeing",
    "outcome",
    "modification_terms",
    "route",
    "decision_maker",
    "committee",
)


def has_scheme(authority) -> bool:
    return DelegationRule.objects.filter(authority=authority).exists()


def rules_covering(authority, route: str, outcome: str) -> list[DelegationRule]:
    return [
        rule
        for rule in DelegationRule.objects.filter(authority=authority, decided_by=route)
        if rule.covers(outcome)
    ]


def eligible_decision_makers(authority):
    """The people who may be named to sign: the authority's decision makers."""
    return (
        User.objects.filter(
            is_active=True, roles__role=Role.DECISION_MAKER, roles__authority=authority
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


# --- conditions of `recommend` -------------------------------------------------------------------


def report_given(step: Step) -> list[str]:
    """DESIGN.md "Who uses it" (decision makers decide on the officer's assessment): the
    recommendation carries the officer's written report."""
    return [] if (step.kwargs.get("report") or "").strip() else ["Enter your assessment report"]


def every_ground_considered(step: Step) -> list[str]:
    """SI 2012/1647 Schedule (the ten grounds) and Localism Act 2011 s.83(11): the assessment
    says of each ground whether it applies, with reasons where it does."""
    considered = step.kwargs.get("grounds_considered") or {}
    problems = []
    for n, (slug, _label) in enumerate(law.REJECTION_GROUNDS, start=1):
        seen = considered.get(slug)
        if not seen or seen.get("applies") is None:
            problems.append(f"Say whether ground {n} applies")
        elif seen.get("applies") and not (seen.get("reasons") or "").strip():
            problems.append(f"Give your reasons why ground {n} applies")
    return problems


def recommended_outcome_fits_grounds(step: Step) -> list[str]:
    """Localism Act 2011 s.83(1), (6) and SI 2012/1647 reg 4: a rejection, or a modification
    (made only where the authority would otherwise reject), rests on at least one ground; a
    modification states its terms."""
    outcome = step.kwargs.get("outcome")
    if outcome not in Outcome.values:
        return ["Select the outcome you recommend"]
    considered = step.kwargs.get("grounds_considered") or {}
    applying = [s for s, seen in considered.items() if seen and seen.get("applies")]
    problems = []
    if outcome in (Outcome.REJECTED, Outcome.MODIFIED) and not applying:
        problems.append(
            "A recommendation to reject, or to accept with a modification, needs at least one "
            "ground that applies (SI 2012/1647 Schedule)"
        )
    if outcome == Outcome.MODIFIED and not (step.kwargs.get("modification_terms") or "").strip():
        problems.append("Enter the modification you recommend")
    return problems


def decision_route_named(step: Step) -> list[str]:
    """DESIGN.md "Who uses it" (decision makers are named officers) and the authority's scheme of
    delegation (DelegationRule): a recommendation goes to a named decision maker of the authority
    whom the scheme lets decide the outcome recommended, or to a committee named."""
    challenge, kwargs = step.obj, step.kwargs
    route, outcome = kwargs.get("route"), kwargs.get("outcome")
    if route == DecisionRoute.COMMITTEE:
        if not (kwargs.get("committee") or "").strip():
            return ["Enter the committee that will decide"]
        return []
    if route != DecisionRoute.DELEGATED:
        return ["Say who will decide: a named decision maker or a committee"]
    person = kwargs.get("decision_maker")
    if person is None:
        return ["Select the decision maker who will sign off the recommendation"]
    if not permissions.is_decision_maker(person, challenge.authority):
        return [
            f"{person.get_full_name() or person.email} is not a decision maker of "
            f"{challenge.authority.nice_name}"
        ]
    if (
        outcome in Outcome.values
        and has_scheme(challenge.authority)
        and not rules_covering(challenge.authority, DecisionRoute.DELEGATED, outcome)
    ):
        label = Outcome(outcome).label.lower()
        return [
            f"{challenge.authority.nice_name}'s scheme of delegation lets no decision maker "
            f"decide “{label}” under delegated authority: send it to a committee"
        ]
    return []


# --- conditions of the decisions (accept, reject, propose_modification) ---------------------------


def recommendation_where_scheme_requires(step: Step) -> list[str]:
    """DESIGN.md "Who uses it" and the authority's scheme of delegation (DelegationRule): where
    it has one, the decision is made on an officer's written recommendation, signed off under
    that scheme."""
    challenge = step.obj
    if step.from_state == State.UNDER_ASSESSMENT and has_scheme(challenge.authority):
        return [
            f"{challenge.authority.nice_name} decides challenges on an officer's written "
            "recommendation: an officer must make one first"
        ]
    return []


def signer_may_sign(step: Step) -> list[str]:
    """DESIGN.md "Who uses it" and the authority's scheme of delegation: a recommendation for a
    named decision maker is signed off by that person only, under a line of the scheme covering
    the outcome; a committee's decision is recorded with its meeting date and minute reference."""
    challenge = step.obj
    recommendation = recommendation_of(challenge)
    if step.from_state != State.RECOMMENDED or recommendation is None:
        return []
    outcome = TRANSITION_OUTCOMES[step.name]
    if recommendation.route == DecisionRoute.COMMITTEE:
        problems = []
        if not step.kwargs.get("meeting_date"):
            problems.append("Enter the date of the committee meeting that decided")
        if not (step.kwargs.get("minute_reference") or "").strip():
            problems.append("Enter the minute reference of the committee's decision")
        return problems
    if recommendation.decision_maker_id != step.user.pk:
        return [
            f"This recommendation is for {recommendation.decision_maker.get_full_name()} to sign "
            "off"
        ]
    if has_scheme(challenge.authority) and not rules_covering(
        challenge.authority, DecisionRoute.DELEGATED, outcome
    ):
        return [
            f"{challenge.authority.nice_name}'s scheme of delegation does not let a decision "
            f"maker decide “{Outcome(outcome).label.lower()}”: refer it back so that it goes to "
            "a committee"
        ]
    return []


def departure_explained(step: Step) -> list[str]:
    """Public-law reasons (Localism Act 2011 s.84(8)(b) for the letter): a decision maker who
    decides differently from the officer's recommendation says why."""
    recommendation = recommendation_of(step.obj)
    if step.from_state != State.RECOMMENDED or recommendation is None:
        return []
    if TRANSITION_OUTCOMES[step.name] == recommendation.outcome:
        return []
    if (step.kwargs.get("departure_reasons") or "").strip():
        return []
    return [
        f"The officer recommended “{recommendation.get_outcome_display().lower()}”: enter your "
        "reasons for deciding differently"
    ]


def reason_given(step: Step) -> list[str]:
    """DESIGN.md "Statutory workflows": a recommendation referred back says why, for the
    officer."""
    if (step.kwargs.get("reason") or "").strip():
        return []
    return ["Enter why you are referring the recommendation back"]


# --- effects -------------------------------------------------------------------------------------


def write_recommendation(step: Step) -> dict:
    """The recommendation, made anew each time (a referred-back one is replaced)."""
    kwargs = step.kwargs
    route = kwargs["route"]
    fields = {
        "written_by": step.user,
        "written_at": timezone.now(),
        "report": kwargs["report"].strip(),
        "grounds_considered": kwargs["grounds_considered"],
        "wellbeing": kwargs["wellbeing"].strip(),
        "outcome": kwargs["outcome"],
        "modification_terms": (kwargs.get("modification_terms") or "").strip(),
        "route": route,
        "decision_maker": kwargs.get("decision_maker")
        if route == DecisionRoute.DELEGATED
        else None,
        "committee": (kwargs.get("committee") or "").strip()
        if route == DecisionRoute.COMMITTEE
        else "",
        **{name: None for name in ("signed_by", "signed_at", "meeting_date")},
        **{
            name: ""
            for name in (
                "signed_as",
                "authority_reference",
                "minute_reference",
                "decided_outcome",
                "departure_reasons",
            )
        },
    }
    recommendation, _ = Recommendation.objects.update_or_create(challenge=step.obj, defaults=fields)
    step.obj.recommendation = recommendation
    return {
        "recommended_outcome": recommendation.outcome,
        "grounds_applying": recommendation.grounds_applying,
        "route": route,
        "decision_maker": recommendation.decision_maker.get_full_name()
        if recommendation.decision_maker_id
        else "",
        "committee": recommendation.committee,
    }


def sign_off_fields(challenge, user, outcome: str, kwargs: dict) -> dict:
    """What the sign-off records on the recommendation: who, as what, under what authority."""
    recommendation = recommendation_of(challenge)
    fields = {
        "signed_by": user,
        "signed_at": timezone.now(),
        "decided_outcome": outcome,
        "departure_reasons": (kwargs.get("departure_reasons") or "").strip()
        if outcome != recommendation.outcome
        else "",
        "meeting_date": None,
        "minute_reference": "",
    }
    if recommendation.route == DecisionRoute.COMMITTEE:
        rules = rules_covering(challenge.authority, DecisionRoute.COMMITTEE, outcome)
        fields.update(
            signed_as=recommendation.committee,
            authority_reference=rules[0].reference if rules else "",
            meeting_date=kwargs.get("meeting_date"),
            minute_reference=(kwargs.get("minute_reference") or "").strip(),
        )
    else:
        rules = rules_covering(challenge.authority, DecisionRoute.DELEGATED, outcome)
        fields.update(
            signed_as=rules[0].title if rules else "Decision maker",
            authority_reference=rules[0].reference if rules else "",
        )
    return fields


def sign_off(step: Step) -> dict:
    """Before the decision is made (and its letter written): the sign-off on the
    recommendation, in memory, for the letter to name; saved by `save_sign_off`."""
    recommendation = recommendation_of(step.obj)
    if step.from_state == State.RECOMMENDED and recommendation is not None:
        outcome = TRANSITION_OUTCOMES[step.name]
        for name, value in sign_off_fields(step.obj, step.user, outcome, step.kwargs).items():
            setattr(recommendation, name, value)
    return {}


def save_sign_off(step: Step) -> dict:
    recommendation = recommendation_of(step.obj)
    if step.from_state != State.RECOMMENDED or recommendation is None:
        return {}
    recommendation.save()
    return {
        "signed_as": recommendation.signed_as,
        "authority_reference": recommendation.authority_reference,
        "as_recommended": recommendation.as_recommended,
        **(
            {
                "meeting_date": recommendation.meeting_date.isoformat(),
                "minute_reference": recommendation.minute_reference,
            }
            if recommendation.meeting_date
            else {}
        ),
    }


# --- who decided, under what authority ------------------------------------------------------------
