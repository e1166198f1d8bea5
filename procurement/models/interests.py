"""A provider's expression of interest in (tender for) a procurement exercise."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from portal import permissions, roles


class InterestState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    UNDER_EVALUATION = "under_evaluation", "Under evaluation"
    SHORTLISTED = "shortlisted", "Shortlisted"
    NOT_SHORTLISTED = "not_shortlisted", "Not shortlisted"
    SUCCESSFUL = "successful", "Successful"
    UNSUCCESSFUL = "unsuccessful", "Unsuccessful"
    WITHDRAWN = "withdrawn", "Withdrawn"


WITHDRAWABLE = [
    InterestState.DRAFT,
    InterestState.SUBMITTED,
    InterestState.UNDER_EVALUATION,
    InterestState.SHORTLISTED,
]
ASSESSED = [InterestState.SHORTLISTED, InterestState.NOT_SHORTLISTED]


@roles.acts_as(roles.BODY_MEMBER)
def is_interest_member(interest, user) -> bool:
    return permissions.is_member(user, interest.organisation_id)


@roles.acts_as(roles.OFFICER)
def is_interest_officer(interest, user) -> bool:
    return permissions.is_officer(user, interest.exercise.authority_id)


class InterestQuerySet(models.QuerySet):
    def for_body_member(self, user):
        return self.filter(organisation__in=permissions.organisations(user))

    def for_officer(self, user):
        """Officers never see drafts."""
        return permissions.scope_to_authorities(
            self.exclude(state=InterestState.DRAFT), user, "exercise__authority"
        )


class ExpressionOfInterest(ConcurrentTransitionMixin, models.Model):
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    state = FSMField(
        default=InterestState.DRAFT, choices=InterestState.choices, protected=True, db_index=True
    )
    exercise = models.ForeignKey(
        "procurement.ProcurementExercise", on_delete=models.PROTECT, related_name="interests"
    )
    organisation = models.ForeignKey(
        "portal.Organisation", on_delete=models.PROTECT, related_name="procurement_interests"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    proposal = models.TextField("how you would deliver the contract", blank=True)
    price = models.DecimalField(
        "your price including VAT (£)", max_digits=12, decimal_places=0, null=True, blank=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    score = models.PositiveSmallIntegerField(null=True, blank=True)
    assessment_summary = models.TextField(blank=True)
    assessed_at = models.DateTimeField(null=True, blank=True)
    summary_sent_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    objects = InterestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "organisation"], name="one_interest_per_organisation"
            )
        ]

    def __str__(self):
        return self.reference or f"Draft interest in {self.exercise.reference}"

    def get_absolute_url(self):
        return reverse("procurement:interest", args=[self.pk])

    @transition(
        field=state,
        source=InterestState.DRAFT,
        target=InterestState.SUBMITTED,
        permission=is_interest_member,
    )
    def submit(self, *, user):
        self.submitted_at = timezone.now()

    @transition(
        field=state,
        source=InterestState.SUBMITTED,
        target=InterestState.UNDER_EVALUATION,
        permission=is_interest_officer,
    )
    def start_evaluation(self, *, user):
        pass

    @transition(
        field=state,
        source=InterestState.UNDER_EVALUATION,
        target=InterestState.SHORTLISTED,
        permission=is_interest_officer,
    )
    def shortlist(self, *, user, score, assessment_summary):
        self._assess(score, assessment_summary)

    @transition(
        field=state,
        source=InterestState.UNDER_EVALUATION,
        target=InterestState.NOT_SHORTLISTED,
        permission=is_interest_officer,
    )
    def reject(self, *, user, score, assessment_summary):
        self._assess(score, assessment_summary)

    @transition(
        field=state,
        source=InterestState.SHORTLISTED,
        target=InterestState.SUCCESSFUL,
        permission=is_interest_officer,
    )
    def mark_successful(self, *, user):
        pass

    @transition(
        field=state,
        source=[InterestState.SHORTLISTED, InterestState.NOT_SHORTLISTED],
        target=InterestState.UNSUCCESSFUL,
        permission=is_interest_officer,
    )
    def mark_unsuccessful(self, *, user):
        pass

    @transition(
        field=state,
        source=WITHDRAWABLE,
        target=InterestState.WITHDRAWN,
        permission=is_interest_member,
    )
    def withdraw(self, *, user, reason=""):
        self.withdrawn_at = timezone.now()
        self.withdrawal_reason = reason

    def _assess(self, score, summary):
        self.score = score
        self.assessment_summary = summary
        self.assessed_at = timezone.now()
