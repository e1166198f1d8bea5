"""The demo builds challenges in every state through the transitions, with a sound audit chain."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from challenges import evidence
from challenges.demo import CASES
from challenges.models import DECIDED, Challenge, State
from documents.models import StoredDocument
from portal import audit
from portal.models import AuditEvent


@pytest.mark.django_db
def test_seed_demo_makes_every_state_through_the_transitions():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    states = Counter(Challenge.objects.values_list("state", flat=True))
    assert set(states) == set(State.values)
    assert AuditEvent.objects.filter(object_kind="challenges.challenge").count() >= 20
    # Every non-draft state was reached by transitions: each case's events end in its state.
    for challenge in Challenge.objects.exclude(state=State.DRAFT):
        assert list(audit.events_for(challenge))[-1].to_state == challenge.state
    rejected = Challenge.objects.filter(state=State.REJECTED)
    assert len({tuple(c.grounds) for c in rejected}) >= 3
    assert Challenge.objects.filter(outcome="modified").count() == 1
    assert any(c.is_joint and c.state == State.ACCEPTED for c in Challenge.objects.all())
    assert Challenge.objects.overdue().count() == 1
    assert len(set(Challenge.objects.values_list("authority__code", flat=True))) >= 4
    # Evidence for every case and a stored letter for every decision, through the same functions.
    for challenge in Challenge.objects.all():
        kinds = {label for label, _docs in evidence.for_challenge(challenge)}
        assert {"Financial resources", "Capability to run the service"} <= kinds
        letter = evidence.decision_letter(challenge)
        assert (letter is not None) is (challenge.state in DECIDED)
        if letter:
            decision = AuditEvent.objects.filter(
                object_id=str(challenge.pk), changes__decision_letter__document=str(letter.pk)
            ).get()
            assert decision.changes["decision_letter"]["sha256"] == letter.sha256
    replies = StoredDocument.objects.filter(kind=evidence.REPLY)
    assert replies.count() == 1 and replies.get().owner.challenge.state == State.UNDER_ASSESSMENT
    checked, broken, _ = audit.verify_chain()
    assert broken is None and checked >= 20
    # A second run adds nothing.
    call_command("seed_demo", stdout=StringIO())
    assert Challenge.objects.count() == sum(states.values())


@pytest.mark.django_db
def test_the_demo_holds_no_challenge_the_law_would_not_allow(seeded_demo):
    """Localism Act 2011 s.81(2) (relevant authorities, SI 2012/1647 reg 3), s.81(6)(d) (a group
    of employees challenges only its employer), s.83(4) (acceptances record the well-being
    consideration), SI 2012/1647 Schedule paragraph 5 (ground 5 only on an integrated service)
    and s.84(1) (due dates only from published periods): every demo challenge passes the
    machine's own condition functions."""
    from challenges import workflow
    from portal.models import Authority, Organisation
    from portal.workflow import Step

    submit = workflow.MACHINE.transition("submit")
    checked = 0
    for challenge in Challenge.objects.select_related("authority", "organisation", "service"):
        step = Step(workflow.MACHINE, submit, challenge, None, {}, challenge.state)
        assert workflow.challenged_authority_is_relevant(step) == [], challenge
        assert workflow.employees_challenge_their_employer(step) == [], challenge
        if challenge.outcome in ("accepted", "modified"):
            assert challenge.wellbeing_consideration.strip(), challenge
        if "nhs_integration_critical" in challenge.grounds:
            assert challenge.service.nhs_integrated, challenge
        if challenge.received_at and not challenge.authority.decision_period_published:
            assert challenge.decision_due is None, challenge
        checked += 1
    assert checked >= len(CASES)  # the challenge demo's cases, and those of other apps' demos
    groups = Organisation.objects.filter(body_type="employee_group")
    assert groups.exists()
    assert all(g.employer.is_relevant_authority and g.employee_count >= 2 for g in groups)
    # Some demo authorities have published their periods, and at least one has not.
    with_services = Authority.objects.filter(services__isnull=False).distinct()
    assert any(a.timescales_published for a in with_services)
    assert any(not a.timescales_published for a in with_services)
    # Both periods before procurement (s.83(4)(a), (b)) with the decision period (s.84(3)).
    trafford = Authority.objects.get(code="TRF")
    assert trafford.timescales_published
    assert (trafford.procurement_min_period_text, trafford.procurement_max_period_text) == (
        "3 months",
        "6 months",
    )
    # Fire and rescue authorities have services (SI 2012/1647 reg 3); the services of listed
    # bodies that are not relevant authorities (s.81(2)) are shown but cannot be challenged.
    assert with_services.filter(authority_type="FRA").count() >= 10
    not_relevant = [a for a in with_services if not a.is_relevant_authority]
    assert {"LND", "IOS"} <= {a.code for a in not_relevant}
    # The London Fire Commissioner (reg 3(b)) and the s.4A authorities (reg 3(e)) can be.
    assert {"LFC", "EPF"} <= {a.code for a in with_services if a.is_relevant_authority}
    for authority in not_relevant:
        assert not any(s.accepting_challenges() for s in authority.services.all())
