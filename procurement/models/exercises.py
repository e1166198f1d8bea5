"""A procurement exercise and the notices it publishes (DOMAIN.md §2).

Transition methods change the state in memory only; procurement.exercise_workflow runs each one
with its permission and condition checks, one transaction, one audit event and the notice.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from portal import law, permissions, roles
from portal.models.provenance import Provenanced
from procurement import cpv, time_limits
from procurement.models.common import ConfidentialFieldsMixin


def validate_cpv_code(value):
    if value and value not in cpv.CODES:
        raise ValidationError(f"{value} is not a CPV code the portal knows")


class State(models.TextChoices):
    PLANNED = "planned", "Planned"
    MARKET_ENGAGEMENT = "market_engagement", "Market engagement"
    TENDER_OPEN = "tender_open", "Open for tenders"
    EVALUATION = "evaluation", "Evaluation"
    AWARD_PROPOSED = "award_proposed", "Award proposed"
    STANDSTILL = "standstill", "Standstill"
    AWARDED = "awarded", "Awarded"
    IN_DELIVERY = "in_delivery", "In delivery"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


BEFORE_AWARD = [
    State.PLANNED,
    State.MARKET_ENGAGEMENT,
    State.TENDER_OPEN,
    State.EVALUATION,
    State.AWARD_PROPOSED,
    State.STANDSTILL,
]


@roles.acts_as(roles.OFFICER)
def is_exercise_officer(exercise, user) -> bool:
    return permissions.is_officer(user, exercise.authority_id)


@roles.acts_as(roles.DECISION_MAKER)
def is_exercise_decision_maker(exercise, user) -> bool:
    return permissions.is_decision_maker(user, exercise.authority_id)


class ExerciseQuerySet(models.QuerySet):
    def for_officer(self, user):
        return permissions.scope_to_authorities(self, user, "authority")

    def published(self):
        """Exercises with at least one published notice (the planning record counts)."""
        return self.filter(notices__isnull=False).distinct()


class ProcurementExercise(ConcurrentTransitionMixin, ConfidentialFieldsMixin, Provenanced):
    CONFIDENTIAL_CHOICES = [
        ("estimated_value", "Estimated value"),
        ("award_value", "Value of the award"),
    ]

    reference = models.CharField(max_length=20, unique=True)
    state = FSMField(default=State.PLANNED, choices=State.choices, protected=True, db_index=True)
    authority = models.ForeignKey(
        "portal.Authority", on_delete=models.PROTECT, related_name="procurement_exercises"
    )
    service = models.ForeignKey(
        "portal.ServiceSpecificationPage",
        on_delete=models.PROTECT,
        related_name="procurement_exercises",
    )
    challenge = models.OneToOneField(
        "challenges.Challenge",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="procurement_exercise",
    )
    title = models.CharField(max_length=200)
    description = models.TextField()
    cpv_code = models.CharField(
        "CPV code",
        max_length=10,
        blank=True,
        validators=[validate_cpv_code],
        help_text="What is bought, in the Common Procurement Vocabulary (OCDS tender items).",
    )
    contract_kind = models.CharField(max_length=24, choices=law.CONTRACT_KINDS)
    regime = models.CharField(max_length=24, choices=law.PROCUREMENT_REGIMES)
    psr_process = models.CharField(
        "Provider Selection Regime process", max_length=24, choices=law.PSR_PROCESSES, blank=True
    )
    estimated_value = models.DecimalField(
        "estimated value including VAT (£)", max_digits=12, decimal_places=0
    )
    threshold_value = models.DecimalField(
        max_digits=12, decimal_places=0, null=True, blank=True, editable=False
    )
    started_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    tender_deadline = models.DateTimeField(null=True, blank=True)
    # The tender's circumstances and the row of s.54(4) applied to its deadline.
    tender_procedure = models.CharField(max_length=24, choices=law.TENDERING_PROCEDURES, blank=True)
    tenders_electronic = models.BooleanField(null=True, blank=True)
    documents_with_notice = models.BooleanField(null=True, blank=True)
    urgency_reason = models.TextField(blank=True)
    planned_notice_on = models.DateField(null=True, blank=True)
    # s.54(4) rows that turn on who may tender, and s.54(3) the participation period of a
    # competitive flexible procedure's requests to participate (the day they are due).
    tender_submission = models.CharField(
        max_length=20, choices=law.TENDER_SUBMISSIONS, blank=True, default=""
    )
    participation_deadline = models.DateField(null=True, blank=True)
    tender_period_row = models.CharField(max_length=40, blank=True)
    tender_period_days = models.PositiveSmallIntegerField(null=True, blank=True)
    standstill_days = models.PositiveSmallIntegerField(null=True, blank=True)
    standstill_starts_on = models.DateField(null=True, blank=True)
    standstill_ends_on = models.DateField(null=True, blank=True)

    winning_interest = models.OneToOneField(
        "procurement.ExpressionOfInterest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="won_exercise",
    )
    supplier = models.ForeignKey(
        "portal.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts_won",
    )
    award_value = models.DecimalField(
        "value of the award including VAT (£)",
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
    )
    challenger_won = models.BooleanField(null=True, blank=True)
    award_proposed_on = models.DateField(null=True, blank=True)
    awarded_on = models.DateField(null=True, blank=True)
    contract_signed_on = models.DateField(null=True, blank=True)
    contract_starts_on = models.DateField(null=True, blank=True)
    contract_ends_on = models.DateField(null=True, blank=True)
    contract_details_due = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    cancelled_on = models.DateField(null=True, blank=True)
    cancellation_reason = models.TextField(blank=True)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self):
        return reverse("procurement:exercise", args=[self.reference])

    def get_public_url(self):
        return reverse("procurement-public:exercise", args=[self.reference])

    # --- facts ------------------------------------------------------------------------------

    @property
    def regime_label(self) -> str:
        return law.label(law.PROCUREMENT_REGIMES, self.regime)

    @property
    def psr_process_label(self) -> str:
        return law.label(law.PSR_PROCESSES, self.psr_process) if self.psr_process else ""

    @property
    def standstill_optional(self) -> bool:
        return self.regime in law.STANDSTILL_OPTIONAL_REGIMES

    @property
    def minimum_standstill(self) -> int:
        return time_limits.standstill_minimum(self.regime, self.psr_process)

    @property
    def standstill_source(self) -> str:
        return time_limits.standstill_source(self.regime)

    @property
    def earliest_award_on(self):
        if self.standstill_starts_on is None:
            return None
        return time_limits.earliest_award(
            self.regime, self.standstill_starts_on, self.standstill_days or 0
        )

    @property
    def tendering_period(self):
        """The row of s.54(4) recorded when the tender notice was published (None if none)."""
        if not self.tender_period_row:
            return None
        return time_limits.TenderingPeriod(
            self.tender_period_row,
            self.tender_period_days,
            *self._normal_row(),
        )

    def _normal_row(self):
        normal = time_limits.tendering_period(
            "competitive",
            electronic=bool(self.tenders_electronic),
            documents_provided=bool(self.documents_with_notice),
        )
        return normal.normal_row, normal.normal_days

    @property
    def contract_notice_code(self) -> str:
        return time_limits.contract_notice_code(self.regime)

    @property
    def contract_notice_label(self) -> str:
        return law.label(law.FIND_A_TENDER_NOTICES, self.contract_notice_code)

    @property
    def contract_notice_overdue(self) -> bool:
        return bool(
            self.state == State.AWARDED
            and self.contract_details_due
            and self.contract_details_due < timezone.localdate()
        )

    @property
    def tender_is_open(self) -> bool:
        return bool(
            self.state == State.TENDER_OPEN
            and self.tender_deadline
            and timezone.now() < self.tender_deadline
        )

    @property
    def challenge_organisation_id(self):
        return self.challenge.organisation_id if self.challenge_id else None

    def standstill_end(self, starts_on, days: int):
        """The last day of the standstill (s.51, or reg 12 under the Provider Selection
        Regime)."""
        return time_limits.standstill_end(self.regime, starts_on, days)

    def contract_details_deadline(self, entered_on):
        return time_limits.contract_notice_due(self.regime, entered_on)

    def clean(self):
        from procurement.regimes import regime_problems

        problems = regime_problems(
            self.contract_kind, self.regime, self.estimated_value, self.started_on
        )
        if problems:
            raise ValidationError(problems)

    # --- transitions (state changes in memory; see procurement.exercise_workflow) -----------

    @transition(
        field=state,
        source=State.PLANNED,
        target=State.MARKET_ENGAGEMENT,
        permission=is_exercise_officer,
    )
    def begin_market_engagement(self, *, user, published_on):
        pass

    @transition(
        field=state,
        source=[State.PLANNED, State.MARKET_ENGAGEMENT],
        target=State.TENDER_OPEN,
        permission=is_exercise_officer,
    )
    def open_tender(
        self,
        *,
        user,
        published_on,
        tender_deadline,
        procedure="",
        electronic=None,
        documents_provided=None,
        urgency_reason="",
        planned_notice_on=None,
        submission="",
        participation_deadline=None,
    ):
        self.tender_deadline = tender_deadline
        self.tender_submission = submission or ""
        self.participation_deadline = participation_deadline
        self.tender_procedure = procedure or ""
        self.tenders_electronic = electronic
        self.documents_with_notice = documents_provided
        self.urgency_reason = urgency_reason or ""
        self.planned_notice_on = planned_notice_on
        period = time_limits.tendering_period(
            self.regime,
            electronic=bool(electronic),
            documents_provided=bool(documents_provided),
            urgency=bool((urgency_reason or "").strip()),
            planned_on=planned_notice_on,
            published_on=published_on,
            submission=submission or "any_supplier",
        )
        self.tender_period_row = period.row if period else ""
        self.tender_period_days = period.days if period else None

    @transition(
        field=state,
        source=State.TENDER_OPEN,
        target=State.EVALUATION,
        permission=is_exercise_officer,
    )
    def close_tender(self, *, user):
        pass

    @transition(
        field=state,
        source=State.EVALUATION,
        target=State.AWARD_PROPOSED,
        permission=is_exercise_officer,
    )
    def propose_award(self, *, user, interest, award_value):
        self.winning_interest = interest
        self.supplier_id = interest.organisation_id
        self.award_value = award_value
        self.award_proposed_on = timezone.localdate()
        org = self.challenge_organisation_id
        self.challenger_won = (org == interest.organisation_id) if org else None

    @transition(
        field=state,
        source=State.AWARD_PROPOSED,
        target=State.EVALUATION,
        permission=is_exercise_decision_maker,
    )
    def return_to_evaluation(self, *, user):
        self.winning_interest = None
        self.supplier = None
        self.award_value = None
        self.challenger_won = None
        self.award_proposed_on = None

    @transition(
        field=state,
        source=State.AWARD_PROPOSED,
        target=State.STANDSTILL,
        permission=is_exercise_decision_maker,
    )
    def confirm_award(self, *, user, published_on, standstill_days):
        self.standstill_days = standstill_days
        self.standstill_starts_on = published_on
        self.standstill_ends_on = (
            self.standstill_end(published_on, standstill_days) if standstill_days else published_on
        )

    @transition(
        field=state,
        source=State.STANDSTILL,
        target=State.AWARDED,
        permission=is_exercise_decision_maker,
    )
    def award(self, *, user, awarded_on):
        self.awarded_on = awarded_on
        self.contract_details_due = self.contract_details_deadline(awarded_on)

    @transition(
        field=state,
        source=State.AWARDED,
        target=State.IN_DELIVERY,
        permission=is_exercise_officer,
    )
    def start_delivery(self, *, user, published_on, signed_on, starts_on, ends_on):
        self.contract_signed_on = signed_on
        self.contract_starts_on = starts_on
        self.contract_ends_on = ends_on

    @transition(
        field=state,
        source=State.IN_DELIVERY,
        target=State.CLOSED,
        permission=is_exercise_officer,
    )
    def close(self, *, user, closed_on):
        self.closed_on = closed_on

    @transition(
        field=state,
        source=State.IN_DELIVERY,
        target=State.CLOSED,
        permission=is_exercise_decision_maker,
    )
    def terminate_contract(self, *, user, published_on, reason):
        self.closed_on = published_on

    @transition(
        field=state,
        source=BEFORE_AWARD,
        target=State.CANCELLED,
        permission=is_exercise_decision_maker,
    )
    def cancel(self, *, user, published_on, reason):
        self.cancelled_on = published_on
        self.cancellation_reason = reason


class ImmutableError(Exception):
    pass


class Notice(models.Model):
    """A notice published at one stage (its Find a Tender code and date) and the OCDS release
    made from the exercise at that moment. Written once: neither changed nor deleted."""

    exercise = models.ForeignKey(
        ProcurementExercise, on_delete=models.PROTECT, related_name="notices"
    )
    code = models.CharField(max_length=8, blank=True, choices=law.FIND_A_TENDER_NOTICES)
    transition = models.CharField(max_length=40)
    published_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    tag = models.CharField(max_length=30)
    release = models.JSONField()

    class Meta:
        ordering = ["published_on", "pk"]

    def __str__(self):
        return f"{self.exercise.reference} {self.code or 'planning'} {self.published_on}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableError("A published notice cannot be changed")
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        if not self.code:
            return "Procurement planned"
        return law.label(law.FIND_A_TENDER_NOTICES, self.code)

    def delete(self, *args, **kwargs):
        raise ImmutableError("A published notice cannot be deleted")
