"""The statutory challenge (expression of interest, Localism Act 2011 s.81) and its state machine.

Transition methods change the state in memory only; challenges.workflow runs each one with its
permission and condition checks, one transaction, one audit event and the commit hooks.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from portal import law, permissions, roles
from portal.models import Provenanced, Role
from portal.working_days import add_period


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    UNDER_ASSESSMENT = "under_assessment", "Under assessment"
    RECOMMENDED = "recommended", "Recommended for decision"
    CLARIFICATION_REQUESTED = "clarification_requested", "Clarification requested"
    MODIFICATION_PROPOSED = "modification_proposed", "Modification proposed"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    PROCUREMENT_STARTED = "procurement_started", "Procurement started"
    CLOSED = "closed", "Closed"


BEFORE_DECISION = [
    State.DRAFT,
    State.SUBMITTED,
    State.UNDER_ASSESSMENT,
    State.CLARIFICATION_REQUESTED,
    State.RECOMMENDED,
    State.MODIFICATION_PROPOSED,
]
AWAITING_DECISION = BEFORE_DECISION[1:]
# A decision is made on the assessment, or (where the authority has a scheme of delegation) on
# the officer's recommendation, signed off (challenges.recommendation).
DECIDING_FROM = [State.UNDER_ASSESSMENT, State.RECOMMENDED]
DECIDED = [State.ACCEPTED, State.REJECTED, State.PROCUREMENT_STARTED, State.CLOSED]
PUBLISHED = Q(state__in=DECIDED) & ~Q(outcome="")  # the public register (s.84(9))


class Outcome(models.TextChoices):
    """The published decision (s.83(1), s.84(1)-(2)): accepted, accepted as modified with the body's
    agreement, rejected."""

    ACCEPTED = "accepted", "Accepted"
    MODIFIED = "modified", "Accepted with a modification agreed by the body"
    REJECTED = "rejected", "Rejected"


class ProcurementResult(models.TextChoices):
    CHALLENGER_WON = "challenger_won", "Contract awarded to the body that challenged"
    OTHER_BIDDER_WON = "other_bidder_won", "Contract awarded to another bidder"
    NOT_AWARDED = "not_awarded", "No contract awarded"


@roles.acts_as(roles.BODY_MEMBER)
def is_body_member(challenge, user) -> bool:
    return permissions.is_member(user, challenge.organisation_id)


def _any_authority(challenge, user, roles) -> bool:
    """Whether the user holds one of the roles in the lead authority or, for a joint service, a
    partner; the same answer as permissions.has_authority_role, with one query in the usual case
    (partners and the site-admin check are looked up only when needed)."""
    held = permissions.authority_ids(user, roles)
    if challenge.authority_id in held:
        return True
    return bool(held.intersection(challenge.partner_ids)) or permissions.is_site_admin(user)


@roles.acts_as(roles.OFFICER)
def is_case_officer(challenge, user) -> bool:
    return _any_authority(challenge, user, permissions.AUTHORITY_STAFF)


@roles.acts_as(roles.DECISION_MAKER)
def is_lead_decision_maker(challenge, user) -> bool:
    """Only the lead authority's decision makers decide (partners record their agreement)."""
    held = permissions.authority_ids(user, (Role.DECISION_MAKER,))
    return challenge.authority_id in held or permissions.is_site_admin(user)


class ChallengeQuerySet(models.QuerySet):
    def for_officer(self, user):
        """Cases of the user's authorities, as lead or as a partner in a joint service."""
        if permissions.is_site_admin(user):
            return self.exclude(state=State.DRAFT)
        ids = permissions.authority_ids(user)
        return (
            self.exclude(state=State.DRAFT)
            .filter(models.Q(authority_id__in=ids) | models.Q(service__partner_authorities__in=ids))
            .distinct()
        )

    def for_body_member(self, user):
        return self.filter(organisation__in=permissions.organisations(user))

    def published(self):
        """The public register: decided challenges only (s.84(9) says publish the notification)."""
        return self.filter(PUBLISHED)

    def date_undated(self, authority) -> int:
        """s.84(3): each of the authority's cases awaiting a decision without a due date
        gets the one the periods in force when it was received give (compute_decision_due); a
        period published after receipt never applies, so such a case stays undated. Returns
        how many were dated."""
        if not authority.decision_period_published:
            return 0
        dated = 0
        for challenge in self.filter(
            authority=authority, state__in=AWAITING_DECISION, decision_due=None
        ).select_related("authority"):
            due = challenge.compute_decision_due()
            if due:
                dated += self.filter(pk=challenge.pk, decision_due=None).update(decision_due=due)
        return dated

    def overdue(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.filter(state__in=AWAITING_DECISION, decision_due__lt=today)


class Challenge(ConcurrentTransitionMixin, Provenanced):
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    state = FSMField(default=State.DRAFT, choices=State.choices, protected=True, db_index=True)
    service = models.ForeignKey(
        "portal.ServiceSpecificationPage", on_delete=models.PROTECT, related_name="challenges"
    )
    authority = models.ForeignKey(
        "portal.Authority", on_delete=models.PROTECT, related_name="challenges"
    )
    organisation = models.ForeignKey(
        "portal.Organisation", on_delete=models.PROTECT, related_name="challenges"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # What the expression of interest contains (s.81(1)(b), SI 2012/1313 Schedule 1).
    financial_resources = models.TextField(blank=True)
    capability_evidence = models.TextField(blank=True)
    service_area = models.TextField("the geographical area the proposal covers", blank=True)
    outcomes_wellbeing = models.TextField(blank=True)
    outcomes_user_needs = models.TextField(blank=True)
    employee_engagement = models.TextField(blank=True)
    has_partners = models.BooleanField(
        "working with consortium members or subcontractors", null=True, blank=True
    )
    additional_information = models.TextField(blank=True)

    # The statutory clock (s.84(3)); decision_due is None while the authority has published
    # no maximum period.
    received_at = models.DateTimeField(null=True, blank=True)
    window_closes_on = models.DateField(null=True, blank=True)
    decision_due = models.DateField(null=True, blank=True, db_index=True)
    overdue_since = models.DateField(null=True, blank=True)
    # s.84(6)-(7): the written notice of the period within which the body can expect the
    # decision, due within 30 days of receipt (or of the close of the window it was made in).
    # Given on submission where a decision period was in force (the receipt email states it);
    # otherwise an officer's statutory task until recorded.
    expected_decision_notice_due = models.DateField(null=True, blank=True, db_index=True)
    expected_decision_notified_on = models.DateField(null=True, blank=True)
    expected_decision_notice = models.TextField(
        "when the body was told to expect the decision", blank=True
    )
    reminder_sent_for = models.DateField(
        null=True, blank=True, help_text="The due date that the last reminder was about."
    )

    # Case work and the decision (s.83).
    assessing_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessed_challenges",
    )
    modification_terms = models.TextField(blank=True)
    modification_proposed_at = models.DateTimeField(null=True, blank=True)
    body_agreed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    grounds = models.JSONField(default=list, blank=True)  # slugs of law.REJECTION_GROUNDS
    decision_reasons = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decided_challenges",
    )
    wellbeing_consideration = models.TextField(
        "how the authority considered the area's well-being",
        blank=True,
        help_text="Localism Act 2011 s.83(8): whether acceptance would promote or improve the "
        "social, economic or environmental well-being of the authority's area.",
    )
    decision_letter = models.TextField(blank=True)
    # An imported decision (dashboard.imports): where the authority published it, when its
    # letter is not in the portal.
    published_decision_url = models.URLField("the published decision", max_length=500, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    # After acceptance (s.83(2)-(3), s.83(4)(a)).
    procurement_reference = models.CharField(max_length=60, blank=True)
    procurement_started_on = models.DateField(null=True, blank=True)
    procurement_result = models.CharField(
        max_length=20, choices=ProcurementResult.choices, blank=True
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    # s.83(4)(b), (7): the end of the published maximum period from acceptance to the start of
    # the procurement exercise, set on acceptance (None where none was published).
    procurement_due_by = models.DateField(null=True, blank=True, db_index=True)

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        # The public register (register_views): published rows newest first, on their own or
        # with the lead authority or the outcome as a filter. Partial, so that only the register
        # pays for them; the condition is published()'s, word for word.
        indexes = [
            models.Index(
                F("decided_at").desc(), F("id").desc(), name="challenge_published_idx",
                condition=PUBLISHED,
            ),
            models.Index(
                F("authority"), F("decided_at").desc(), name="challenge_pub_authority_idx",
                condition=PUBLISHED,
            ),
            models.Index(
                F("outcome"), F("decided_at").desc(), name="challenge_pub_outcome_idx",
                condition=PUBLISHED,
            ),
        ]  # fmt: skip

    def __str__(self):
        return self.reference or f"Draft challenge to {self.service.title}"

    def get_absolute_url(self):
        return reverse("challenges:case", args=[self.pk])

    # --- facts ------------------------------------------------------------------------------

    @property
    def authority_ids(self) -> list[int]:
        """The lead authority and, for a joint service, each partner."""
        return [self.authority_id, *self.partner_ids]

    @property
    def partner_authorities(self):
        """Partner authorities of a joint service, read from the database (not a page draft)."""
        from portal.models import Authority

        return Authority.objects.filter(joint_services__pk=self.service_id).order_by("nice_name")

    @property
    def partner_ids(self) -> list[int]:
        return list(self.partner_authorities.values_list("pk", flat=True))

    @property
    def is_joint(self) -> bool:
        return bool(self.partner_ids)

    @property
    def is_employee_group(self) -> bool:
        return self.organisation.body_type == "employee_group"

    @property
    def is_decided(self) -> bool:
        return self.state in DECIDED

    @property
    def is_published(self) -> bool:
        """In the public register (see ChallengeQuerySet.published)."""
        return self.state in DECIDED and bool(self.outcome)

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.state in AWAITING_DECISION
            and self.decision_due
            and self.decision_due < timezone.localdate()
        )

    @property
    def grounds_labelled(self) -> list[tuple[str, str]]:
        return [(slug, law.label(law.REJECTION_GROUNDS, slug)) for slug in self.grounds]

    @property
    def received_on(self) -> date | None:
        return timezone.localdate(self.received_at) if self.received_at else None

    @property
    def decided_on(self) -> date | None:
        return timezone.localdate(self.decided_at) if self.decided_at else None

    def compute_expected_decision_notice_due(self) -> date | None:
        """s.84(7): the last day for the notice of when to expect the decision: the 30th day
        beginning immediately after the end of the window the challenge was made in ((7)(a)),
        otherwise the 30th day beginning with the day of receipt ((7)(b))."""
        if not self.received_at:
            return None
        days = law.EXPECTED_DECISION_NOTICE_DAYS
        if self.window_closes_on:
            return self.window_closes_on + timedelta(days=days)
        return self.received_on + timedelta(days=days - 1)

    @property
    def expected_decision_notice_pending(self) -> bool:
        """s.84(6): the body has not been told when to expect the decision, and is waiting."""
        return bool(
            self.state in AWAITING_DECISION
            and self.received_at
            and not self.expected_decision_notified_on
        )

    @property
    def expected_decision_notice_overdue(self) -> bool:
        return bool(
            self.state in AWAITING_DECISION
            and not self.expected_decision_notified_on
            and self.expected_decision_notice_due
            and self.expected_decision_notice_due < timezone.localdate()
        )

    def clock_start(self) -> date | None:
        """s.84(3)-(4): the period runs from receipt; the portal counts it from the window's close
        when that is later (a different case, s.84(4)) [check: each authority says which]."""
        if not self.received_at:
            return None
        received = self.received_on
        return max(received, self.window_closes_on) if self.window_closes_on else received

    @property
    def periods(self):
        """The authority's periods in force when the challenge was received (today for a draft):
        a portal.PeriodVersion, or None when it had published none. The challenge is judged,
        scheduled and lettered against these, never against periods published later. Kept for
        the day asked about (a receipt moved by a test or the demo asks again)."""
        day = self.received_on or timezone.localdate()
        cached = self.__dict__.get("_periods")
        if cached is None or cached[0] != (day, self.authority_id):
            cached = ((day, self.authority_id), self.authority.periods_on(day))
            self.__dict__["_periods"] = cached
        return cached[1]

    def compute_decision_due(self) -> date | None:
        """s.84(3): the end of the maximum period in force when the challenge was received;
        None when none was (no length is ever assumed, and a later one is never applied)."""
        start = self.clock_start()
        p = self.periods
        if start is None or p is None or not p.decision_period_published:
            return None
        return add_period(start, p.decision_period, p.decision_period_unit)

    def procurement_periods(self, published: str = "procurement_min_period_published"):
        """The periods that set the time before procurement (s.83(4)): those in force when the
        challenge was received; when none gave the period asked for (`published`, the name of
        its property) then, those in force on the day of the decision (so that a procurement is
        never barred for good by an authority that published late)."""
        p = self.periods
        if (p is None or not getattr(p, published)) and self.decided_at:
            return self.authority.periods_on(self.decided_on)
        return p

    def earliest_procurement_start(self) -> date | None:
        """s.83(4)(a): no procurement before the minimum period after acceptance
        (procurement_periods); None when none was published."""
        p = self.procurement_periods()
        if not self.decided_at or p is None or not p.procurement_min_period_published:
            return None
        return add_period(self.decided_on, p.procurement_min_period, p.procurement_min_period_unit)

    def procurement_max_periods(self):
        return self.procurement_periods("procurement_max_period_published")

    def latest_procurement_start(self) -> date | None:
        """s.83(4)(b), (7): the procurement exercise begins no later than the end of the maximum
        period after acceptance; None when none was published (none is assumed)."""
        p = self.procurement_max_periods()
        if not self.decided_at or p is None or not p.procurement_max_period_published:
            return None
        return add_period(self.decided_on, p.procurement_max_period, p.procurement_max_period_unit)

    @property
    def procurement_overdue(self) -> bool:
        """Accepted, and the published maximum before procurement has passed with no exercise
        begun (s.83(7): the authority must comply with it)."""
        latest = self.latest_procurement_start()
        return bool(self.state == State.ACCEPTED and latest and latest < timezone.localdate())

    @property
    def procurement_started_late(self) -> bool:
        latest = self.latest_procurement_start()
        return bool(self.procurement_started_on and latest and self.procurement_started_on > latest)

    def contents_status(self) -> dict[str, bool]:
        """Which statutory contents (law.EOI_CONTENTS) are complete; None when not applicable."""
        partners_ok = self.has_partners is False or (
            self.has_partners is True
            and self.pk is not None
            and self.partners.exists()
            and all(p.is_complete for p in self.partners.all())
        )
        return {
            "in_writing": True,  # the portal's submission is writing
            "financial_resources": bool(self.financial_resources.strip()),
            "capability_evidence": bool(self.capability_evidence.strip()),
            "service_and_area": bool(self.service_id and self.service_area.strip()),
            "outcomes_wellbeing": bool(self.outcomes_wellbeing.strip()),
            "outcomes_user_needs": bool(self.outcomes_user_needs.strip()),
            "employee_engagement": (
                bool(self.employee_engagement.strip()) if self.is_employee_group else None
            ),
            "consortium_members": partners_ok,
        }

    def missing_contents(self) -> list[str]:
        return [slug for slug, done in self.contents_status().items() if done is False]

    # --- transitions (state changes in memory; see challenges.workflow) ---------------------

    @transition(field=state, source=State.DRAFT, target=State.SUBMITTED, permission=is_body_member)
    def submit(self, *, user, window=None):
        self.received_at = timezone.now()
        self.window_closes_on = window.closes_on if window else None
        self.decision_due = self.compute_decision_due()
        self.expected_decision_notice_due = self.compute_expected_decision_notice_due()
        if self.decision_due:
            # The receipt email states the period in force and the date it gives (s.84(6)).
            self.expected_decision_notified_on = self.received_on
            self.expected_decision_notice = (
                f"Within {self.periods.decision_period_text} of receipt: by "
                f"{self.decision_due:%-d %B %Y}"
            )

    @transition(
        field=state,
        source=State.SUBMITTED,
        target=State.UNDER_ASSESSMENT,
        permission=is_case_officer,
    )
    def start_assessment(self, *, user):
        self.assessing_officer = user

    @transition(
        field=state,
        source=[State.SUBMITTED, State.UNDER_ASSESSMENT],
        target=State.CLARIFICATION_REQUESTED,
        permission=is_case_officer,
    )
    def request_clarification(self, *, user, question, reply_by=None):
        if self.assessing_officer_id is None:
            self.assessing_officer = user
        self.last_message = self.messages.create(
            author=user, from_authority=True, text=question, reply_by=reply_by
        )

    @transition(
        field=state,
        source=State.CLARIFICATION_REQUESTED,
        target=State.UNDER_ASSESSMENT,
        permission=is_body_member,
    )
    def answer_clarification(self, *, user, answer):
        self.last_message = self.messages.create(author=user, from_authority=False, text=answer)

    @transition(
        field=state,
        source=State.UNDER_ASSESSMENT,
        target=State.RECOMMENDED,
        permission=is_case_officer,
    )
    def recommend(self, *, user, **answers):
        """The officer's written assessment and recommended outcome, for a named decision maker
        or a committee (challenges.recommendation writes it)."""
        if self.assessing_officer_id is None:
            self.assessing_officer = user

    @transition(
        field=state,
        source=State.RECOMMENDED,
        target=State.UNDER_ASSESSMENT,
        permission=is_lead_decision_maker,
    )
    def refer_back(self, *, user, reason):
        """The decision maker sends the recommendation back to the officer, with the reason."""

    @transition(
        field=state,
        source=DECIDING_FROM,
        target=State.MODIFICATION_PROPOSED,
        permission=is_lead_decision_maker,
    )
    def propose_modification(
        self, *, user, terms, grounds, reasons, wellbeing="", nhs_ground_confirmed=False
    ):
        """s.84(1)-(2): only where the challenge would not otherwise be capable of acceptance, so
        grounds are given too; s.83(8): its consideration of the area's well-being is recorded."""
        self.modification_terms = terms
        self.wellbeing_consideration = wellbeing
        self.grounds = list(grounds)
        self.decision_reasons = reasons
        self.modification_proposed_at = timezone.now()
        self.decided_by = user

    @transition(
        field=state,
        source=State.MODIFICATION_PROPOSED,
        target=State.ACCEPTED,
        permission=is_body_member,
    )
    def agree_modification(self, *, user):
        self.body_agreed_at = timezone.now()
        self._decide(Outcome.MODIFIED, self.decided_by)

    @transition(
        field=state,
        source=State.MODIFICATION_PROPOSED,
        target=State.REJECTED,
        permission=is_body_member,
    )
    def decline_modification(self, *, user):
        self._decide(Outcome.REJECTED, self.decided_by)

    @transition(
        field=state,
        source=DECIDING_FROM,
        target=State.ACCEPTED,
        permission=is_lead_decision_maker,
    )
    def accept(self, *, user, reasons="", wellbeing=""):
        self.grounds = []
        self.decision_reasons = reasons
        self.wellbeing_consideration = wellbeing
        self._decide(Outcome.ACCEPTED, user)

    @transition(
        field=state,
        source=DECIDING_FROM,
        target=State.REJECTED,
        permission=is_lead_decision_maker,
    )
    def reject(self, *, user, grounds, reasons, wellbeing="", nhs_ground_confirmed=False):
        """s.83(8): a rejection, too, records how the area's well-being was considered."""
        self.grounds = list(grounds)
        self.decision_reasons = reasons
        self.wellbeing_consideration = wellbeing
        self._decide(Outcome.REJECTED, user)

    @transition(
        field=state, source=BEFORE_DECISION, target=State.WITHDRAWN, permission=is_body_member
    )
    def withdraw(self, *, user, reason=""):
        self.withdrawn_at = timezone.now()
        self.withdrawal_reason = reason

    @transition(
        field=state,
        source=State.ACCEPTED,
        target=State.PROCUREMENT_STARTED,
        permission=is_case_officer,
    )
    def start_procurement(self, *, user, started_on, procurement_reference):
        self.procurement_started_on = started_on
        self.procurement_reference = procurement_reference

    @transition(
        field=state,
        source=State.PROCUREMENT_STARTED,
        target=State.CLOSED,
        permission=is_case_officer,
    )
    def close(self, *, user, result):
        self.procurement_result = result
        self.closed_at = timezone.now()

    def _decide(self, outcome, decided_by):
        from challenges.letters import render_decision_letter

        self.outcome = outcome
        self.decided_at = timezone.now()
        self.decided_by = decided_by
        self.decision_letter = render_decision_letter(self)
        if outcome != Outcome.REJECTED:
            self.procurement_due_by = self.latest_procurement_start()


class Partner(models.Model):
    """A consortium member or intended subcontractor, with its resources and capability."""

    CONSORTIUM_MEMBER, SUBCONTRACTOR = "consortium_member", "subcontractor"
    ROLES = [(CONSORTIUM_MEMBER, "Consortium member"), (SUBCONTRACTOR, "Subcontractor")]

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField("organisation name", max_length=200)
    role = models.CharField(max_length=20, choices=ROLES)
    partner_type = models.CharField(
        "type of organisation", max_length=32, choices=law.PARTNER_TYPES
    )
    financial_resources = models.TextField()
    capability = models.TextField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name

    @property
    def is_complete(self) -> bool:
        return bool(self.financial_resources.strip() and self.capability.strip())


class Message(models.Model):
    """One message in the clarification conversation between the authority and the body."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_authority = models.BooleanField()
    text = models.TextField()
    # The date the authority asks for an answer by (a request for clarification); the law sets
    # none, and the statutory period keeps running meanwhile.
    reply_by = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Message on {self.challenge}"


class PartnerAgreement(models.Model):
    """A partner authority's agreement to the decision on a joint challenge."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="agreements")
    authority = models.ForeignKey("portal.Authority", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["authority__nice_name"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "authority"], name="one_agreement_each")
        ]

    def __str__(self):
        return f"{self.authority} agrees: {self.get_outcome_display()}"


# --- Recommendation and sign-off (the officer's assessment; a named decision maker or committee)


class DecisionRoute(models.TextChoices):
    DELEGATED = "delegated", "A named decision maker, under delegated authority"
    COMMITTEE = "committee", "A committee"


class DelegationRule(models.Model):
    """One line of an authority's scheme of delegation: who may decide which outcomes of a
    challenge, and the reference that gives them the power (its constitution's paragraph, or the
    committee's terms of reference). Authority admins keep it (casework "Scheme of delegation");
    an authority with a scheme decides only on an officer's recommendation."""

    authority = models.ForeignKey(
        "portal.Authority", on_delete=models.CASCADE, related_name="delegation_rules"
    )
    decided_by = models.CharField(max_length=10, choices=DecisionRoute.choices)
    title = models.CharField(
        "post or committee",
        max_length=160,
        help_text="As the letter names it, for example Corporate Director of Place, or Executive "
        "Committee.",
    )
    may_accept = models.BooleanField("may accept", default=False)
    may_modify = models.BooleanField("may accept with a modification", default=False)
    may_reject = models.BooleanField("may reject", default=False)
    reference = models.CharField(
        "delegated-authority reference",
        max_length=200,
        help_text="Where the power comes from, for example Constitution Part 3, Section 5, "
        "paragraph 4.2.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["authority__nice_name", "decided_by", "title"]

    def __str__(self):
        return f"{self.title} ({self.authority})"

    def covers(self, outcome: str) -> bool:
        return {
            Outcome.ACCEPTED: self.may_accept,
            Outcome.MODIFIED: self.may_modify,
            Outcome.REJECTED: self.may_reject,
        }.get(outcome, False)

    @property
    def outcomes_label(self) -> str:
        labels = [
            label
            for allowed, label in (
                (self.may_accept, "accept"),
                (self.may_modify, "accept with a modification"),
                (self.may_reject, "reject"),
            )
            if allowed
        ]
        return ", ".join(labels) or "none"


class Recommendation(models.Model):
    """The officer's assessment of a challenge: a report, each statutory ground considered with
    reasons (SI 2012/1647 Schedule), the well-being consideration (Localism Act 2011 s.83(8)) and
    a recommended outcome, for a named decision maker or a committee; and its sign-off. Written
    only by the challenge machine's transitions (recommend, and the decisions)."""

    challenge = models.OneToOneField(
        Challenge, on_delete=models.CASCADE, related_name="recommendation"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField()
    report = models.TextField()
    # {ground slug: {"applies": bool, "reasons": str}} for every ground of law.REJECTION_GROUNDS
    grounds_considered = models.JSONField(default=dict)
    wellbeing = models.TextField()
    outcome = models.CharField("recommended outcome", max_length=10, choices=Outcome.choices)
    modification_terms = models.TextField(blank=True)
    route = models.CharField(max_length=10, choices=DecisionRoute.choices)
    decision_maker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations_to_sign",
    )
    committee = models.CharField(max_length=160, blank=True)
    # The sign-off: who decided, in what capacity, under what authority.
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_as = models.CharField(max_length=160, blank=True)  # the post or committee
    authority_reference = models.CharField(max_length=200, blank=True)
    meeting_date = models.DateField(null=True, blank=True)
    minute_reference = models.CharField(max_length=60, blank=True)
    decided_outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    departure_reasons = models.TextField(blank=True)

    def __str__(self):
        return f"Recommendation on {self.challenge}"

    @property
    def grounds_applying(self) -> list[str]:
        return [slug for slug, seen in self.grounds_considered.items() if seen.get("applies")]

    @property
    def grounds_listed(self) -> list[tuple[str, str, bool, str]]:
        """(slug, label, applies, reasons) for each statutory ground, in the Schedule's order."""
        return [
            (
                slug,
                label,
                bool(self.grounds_considered.get(slug, {}).get("applies")),
                self.grounds_considered.get(slug, {}).get("reasons", ""),
            )
            for slug, label in law.REJECTION_GROUNDS
        ]

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def as_recommended(self) -> bool | None:
        return self.decided_outcome == self.outcome if self.decided_outcome else None


# --- Verified bodies (Localism Act 2011 s.81(6)): the registers and each body's eligibility ------


class CharityRegisterEntry(models.Model):
    """A row of the Charity Commission for England and Wales's register extract (table
    `charity`, publicextract.charity), loaded by `manage.py load_charity_register`."""

    organisation_number = models.PositiveIntegerField()
    registered_charity_number = models.PositiveIntegerField()
    linked_charity_number = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=255)
    charity_type = models.CharField(max_length=60, blank=True)
    registration_status = models.CharField(max_length=20)
    date_of_registration = models.DateField(null=True, blank=True)
    date_of_removal = models.DateField(null=True, blank=True)
    company_number = models.CharField(max_length=12, blank=True)
    is_cio = models.BooleanField(default=False)
    date_of_extract = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registered_charity_number", "linked_charity_number"],
                name="one_register_row_per_charity",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.registered_charity_number})"


class CompanyRegisterEntry(models.Model):
    """A row of Companies House's basic company data (BasicCompanyData CSV), loaded by
    `manage.py load_company_register`."""

    company_number = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=160)
    category = models.CharField(max_length=100)
    status = models.CharField(max_length=70)
    incorporation_date = models.DateField(null=True, blank=True)
    dissolution_date = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=200)

    def __str__(self):
        return f"{self.name} ({self.company_number})"


class ParishCouncil(models.Model):
    """A parish or town council of a published list (no statutory register exists), loaded by
    `manage.py load_parish_councils` with the list's source."""

    name = models.CharField(max_length=160)
    normalised_name = models.CharField(max_length=160, db_index=True)
    principal_authority = models.CharField(max_length=160, blank=True)
    source = models.CharField(max_length=200)
    synthetic = models.BooleanField(
        default=False, help_text="A synthetic demonstration record, not a real council."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["normalised_name", "principal_authority"], name="one_parish_council_each"
            )
        ]

    def __str__(self):
        return self.name


class Eligibility(models.Model):
    """Whether a body is a relevant body of Localism Act 2011 s.81(6), as checked against a
    register or confirmed by an officer (its employer's, for a group of employees). Written only
    through the challenge machine (submit, check_eligibility, confirm_eligibility)."""

    CONFIRMED, NOT_CONFIRMED = "confirmed", "not_confirmed"
    organisation = models.OneToOneField(
        "portal.Organisation", on_delete=models.CASCADE, related_name="eligibility"
    )
    status = models.CharField(
        max_length=14,
        choices=[(CONFIRMED, "Eligibility confirmed"), (NOT_CONFIRMED, "Not yet confirmed")],
        default=NOT_CONFIRMED,
    )
    basis = models.CharField(max_length=40, blank=True)  # challenges.eligibility.BASES
    detail = models.TextField(blank=True)  # what the register said, or the officer's reason
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "eligibility checks"

    def __str__(self):
        return f"{self.organisation}: {self.get_status_display()}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.CONFIRMED
