"""Section-75-style partnership and transfer agreements (NHS Act 2006 s.75; SI 2000/617).

Each party's approval is a row of its own, recorded by that party's own people; the agreement is
signed only when every party has approved (agreements.workflow checks it under a lock).
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from portal import law, permissions, roles
from portal.models.provenance import Provenanced
from portal.working_days import add_months
from procurement.models.common import ConfidentialFieldsMixin
from procurement.models.exercises import ImmutableError

# The models live in this app's code but keep procurement's app label: their tables, migrations
# and content types stay, and so does the audit chain, whose events name "procurement.<model>"
# and can never be rewritten (the trail is append-only).
APP_LABEL = "procurement"


class AgreementState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONSULTATION = "consultation", "Consultation"
    NEGOTIATION = "negotiation", "Negotiation"
    APPROVAL = "approval", "Approval"
    SIGNED = "signed", "Signed"
    IN_FORCE = "in_force", "In force"
    UNDER_REVIEW = "under_review", "Under review"
    TERMINATED = "terminated", "Terminated"
    ABANDONED = "abandoned", "Abandoned"


BEFORE_SIGNING = [
    AgreementState.PROPOSED,
    AgreementState.CONSULTATION,
    AgreementState.NEGOTIATION,
    AgreementState.APPROVAL,
]
PUBLISHED_STATES = [
    AgreementState.SIGNED,
    AgreementState.IN_FORCE,
    AgreementState.UNDER_REVIEW,
    AgreementState.TERMINATED,
]
# The seven things the written agreement must specify (regs 7(3), 9(3)): law slug -> field.
CONTENT_FIELDS = {
    "aims_outcomes": "aims_outcomes",
    "contributions": "contributions_terms",
    "functions": "functions_description",
    "client_groups_services": "client_groups_services",
    "resources": "resources",
    "term_review_variation_termination": "term_review_variation_termination",
    "monitoring": "monitoring",
}
# The agreement's terms, each named once: what the terms form edits, and what a version keeps
# (snapshot()) and a variation compares.
TERMS = (
    "council_functions",
    "nhs_functions",
    *CONTENT_FIELDS.values(),
    "pool_manager_role",
    "governance_board",
    "exit_plan",
    "improvement_expected",
    "starts_on",
    "ends_on",
)


@roles.acts_as(roles.OFFICER)
def is_lead_officer(agreement, user) -> bool:
    return permissions.is_officer(user, agreement.lead_authority_id)


@roles.acts_as(roles.DECISION_MAKER)
def is_lead_decision_maker(agreement, user) -> bool:
    return permissions.is_decision_maker(user, agreement.lead_authority_id)


def _as_data(value):
    """A term as JSON keeps it: lists sorted, dates as ISO text."""
    if isinstance(value, list):
        return sorted(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


class AgreementQuerySet(models.QuerySet):
    def for_officer(self, user):
        """Agreements the user's authorities lead or are party to."""
        return permissions.scope_to_authorities(self, user, "lead_authority", "parties__authority")

    def for_nhs_partner(self, user):
        return self.filter(parties__nhs_body__in=permissions.nhs_body_ids(user)).distinct()

    def published(self):
        return self.filter(state__in=PUBLISHED_STATES)


class TransferAgreement(ConcurrentTransitionMixin, ConfidentialFieldsMixin, Provenanced):
    CONFIDENTIAL_CHOICES = [
        ("resources", "Resources each partner provides"),
        ("exit_plan", "Exit plan"),
        ("contributions_terms", "How contributions may vary"),
    ]

    reference = models.CharField(max_length=20, unique=True)
    state = FSMField(
        default=AgreementState.PROPOSED,
        choices=AgreementState.choices,
        protected=True,
        db_index=True,
    )
    lead_authority = models.ForeignKey(
        "portal.Authority", on_delete=models.PROTECT, related_name="led_agreements"
    )
    title = models.CharField(max_length=200)
    agreement_type = models.CharField(max_length=24, choices=law.AGREEMENT_TYPES)
    council_functions = models.JSONField(default=list, blank=True)
    nhs_functions = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The seven required contents (CONTENT_FIELDS).
    aims_outcomes = models.TextField("the agreed aims and outcomes", blank=True)
    contributions_terms = models.TextField(
        "each partner's contributions and how they may vary", blank=True
    )
    functions_description = models.TextField(
        "the NHS and health-related functions covered", blank=True
    )
    client_groups_services = models.TextField(
        "who is served and which kinds of service", blank=True
    )
    resources = models.TextField(
        "staff, goods, services and accommodation each partner provides", blank=True
    )
    term_review_variation_termination = models.TextField(
        "duration, review, variation and termination", blank=True
    )
    monitoring = models.TextField(
        "monitoring arrangements, or the management of the pooled fund", blank=True
    )

    pool_manager_role = models.CharField(
        "pool manager (job title, not a name)",
        max_length=200,
        blank=True,
        help_text="A pooled fund is run by a pool manager at the host partner.",
    )
    governance_board = models.TextField("governance board", blank=True)
    exit_plan = models.TextField(blank=True)
    consultation_summary = models.TextField("who was consulted and what they said", blank=True)
    # SI 2000/617 reg 4 (law.AGREEMENT_CONDITIONS): what the partners found and did.
    improvement_expected = models.TextField(
        "how the arrangements are likely to improve the way the functions are exercised",
        blank=True,
        help_text="Required before the agreement is signed (SI 2000/617 reg 4).",
    )
    consulted_jointly = models.BooleanField(
        "the partners consulted those affected jointly", default=False
    )
    review_date = models.DateField(null=True, blank=True, db_index=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    signed_on = models.DateField(null=True, blank=True)
    in_force_from = models.DateField(null=True, blank=True)
    last_reviewed_on = models.DateField(null=True, blank=True)
    review_reminder_sent_for = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        app_label = APP_LABEL
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self):
        return reverse("agreements:manage", args=[self.reference])

    def get_public_url(self):
        return reverse("agreements:detail", args=[self.reference])

    # --- facts ------------------------------------------------------------------------------

    @property
    def type_label(self) -> str:
        return law.label(law.AGREEMENT_TYPES, self.agreement_type)

    @property
    def is_pooled_fund(self) -> bool:
        return self.agreement_type == "pooled_fund"

    def authority_parties(self):
        return self.parties.filter(authority__isnull=False).select_related("authority")

    def nhs_parties(self):
        return self.parties.filter(nhs_body__isnull=False).select_related("nhs_body")

    def missing_contents(self) -> list[str]:
        return [slug for slug, name in CONTENT_FIELDS.items() if not getattr(self, name).strip()]

    def missing_conditions(self) -> list[str]:
        """The conditions of SI 2000/617 reg 4 not yet recorded (law.AGREEMENT_CONDITIONS)."""
        missing = []
        if not self.improvement_expected.strip():
            missing.append("improvement_expected")
        if not (self.consulted_jointly and self.consultation_summary.strip()):
            missing.append("joint_consultation")
        return missing

    def out_of_scope_functions(self) -> list[str]:
        excluded = {slug for slug, _ in law.AGREEMENT_OUT_OF_SCOPE}
        return [slug for slug in self.nhs_functions if slug in excluded]

    def contribution_table(self):
        """{year: {party: amount}}, year totals and party totals (decimal pounds)."""
        table = defaultdict(dict)
        party_totals = defaultdict(Decimal)
        year_totals = defaultdict(Decimal)
        contributions = (
            self.contributions.all()  # prefetched with their parties (publication.py)
            if "contributions" in getattr(self, "_prefetched_objects_cache", {})
            else self.contributions.select_related("party__authority", "party__nhs_body")
        )
        for c in contributions:
            table[c.financial_year][c.party] = c.amount
            party_totals[c.party] += c.amount
            year_totals[c.financial_year] += c.amount
        return dict(table), dict(year_totals), dict(party_totals), sum(year_totals.values())

    def next_review_after(self, day):
        return add_months(day, law.AGREEMENT_REVIEW_INTERVAL_MONTHS)

    def all_parties_approved(self) -> bool:
        parties = list(self.parties.all())
        return bool(parties) and all(p.approved_at for p in parties)

    def snapshot(self) -> dict:
        """The agreement's terms as data: what a version keeps, and what variations compare."""
        return {
            "title": self.title,
            "agreement_type": self.agreement_type,
            **{name: _as_data(getattr(self, name)) for name in TERMS},
            "parties": sorted(p.name for p in self.parties.all()),
            "contributions": sorted(
                [c.party.name, c.financial_year, str(c.amount)]
                for c in self.contributions.select_related("party__authority", "party__nhs_body")
            ),
            "staff": sorted(
                [s.from_party.name, s.to_party.name, s.arrangement, s.staff_group, s.headcount]
                for s in self.staff.select_related(
                    "from_party__authority",
                    "from_party__nhs_body",
                    "to_party__authority",
                    "to_party__nhs_body",
                )
            ),
        }

    # --- transitions (state changes in memory; see agreements.workflow) ----------

    @transition(
        field=state,
        source=AgreementState.PROPOSED,
        target=AgreementState.CONSULTATION,
        permission=is_lead_officer,
    )
    def start_consultation(self, *, user):
        pass

    @transition(
        field=state,
        source=AgreementState.CONSULTATION,
        target=AgreementState.NEGOTIATION,
        permission=is_lead_officer,
    )
    def start_negotiation(self, *, user, consultation_summary, consulted_jointly=False):
        self.consultation_summary = consultation_summary
        self.consulted_jointly = bool(consulted_jointly)

    @transition(
        field=state,
        source=AgreementState.NEGOTIATION,
        target=AgreementState.APPROVAL,
        permission=is_lead_officer,
    )
    def seek_approval(self, *, user):
        pass

    @transition(
        field=state,
        source=AgreementState.APPROVAL,
        target=AgreementState.NEGOTIATION,
        permission=is_lead_officer,
    )
    def return_to_negotiation(self, *, user, reason):
        pass

    @transition(
        field=state,
        source=AgreementState.APPROVAL,
        target=AgreementState.SIGNED,
        permission=is_lead_decision_maker,
    )
    def sign(self, *, user, signed_on):
        self.signed_on = signed_on

    @transition(
        field=state,
        source=AgreementState.SIGNED,
        target=AgreementState.IN_FORCE,
        permission=is_lead_officer,
    )
    def bring_into_force(self, *, user, in_force_from):
        self.in_force_from = in_force_from
        if not self.review_date:
            self.review_date = self.next_review_after(in_force_from)

    @transition(
        field=state,
        source=AgreementState.IN_FORCE,
        target=AgreementState.UNDER_REVIEW,
        permission=is_lead_officer,
    )
    def start_review(self, *, user):
        pass

    @transition(
        field=state,
        source=AgreementState.UNDER_REVIEW,
        target=AgreementState.IN_FORCE,
        permission=is_lead_officer,
    )
    def complete_review(self, *, user, outcome, reviewed_on, ends_on=None):
        self.last_reviewed_on = reviewed_on
        self.review_date = self.next_review_after(reviewed_on)
        if outcome == "renewed" and ends_on:
            self.ends_on = ends_on

    @transition(
        field=state,
        source=[AgreementState.IN_FORCE, AgreementState.UNDER_REVIEW],
        target=AgreementState.TERMINATED,
        permission=is_lead_decision_maker,
    )
    def terminate(self, *, user, ended_on, reason):
        self.ended_on = ended_on
        self.end_reason = reason

    @transition(
        field=state,
        source=BEFORE_SIGNING,
        target=AgreementState.ABANDONED,
        permission=is_lead_officer,
    )
    def abandon(self, *, user, reason):
        self.end_reason = reason


class AgreementParty(models.Model):
    """One partner: an authority or an NHS body, with its own approval."""

    agreement = models.ForeignKey(
        TransferAgreement, on_delete=models.CASCADE, related_name="parties"
    )
    authority = models.ForeignKey(
        "portal.Authority", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nhs_body = models.ForeignKey(
        "portal.NhsBody", null=True, blank=True, on_delete=models.PROTECT, related_name="agreements"
    )
    is_host = models.BooleanField(
        "host partner", default=False, help_text="For a pooled fund: the partner that hosts it."
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approval_reference = models.CharField(
        "the decision that approved it",
        max_length=200,
        blank=True,
        help_text="For example: Executive key decision, 14 May 2026; or Board minute 26/041.",
    )

    class Meta:
        app_label = APP_LABEL
        ordering = [models.F("authority").asc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                name="party_is_authority_or_nhs_body",
                condition=(
                    models.Q(authority__isnull=False, nhs_body__isnull=True)
                    | models.Q(authority__isnull=True, nhs_body__isnull=False)
                ),
            ),
            models.UniqueConstraint(
                fields=["agreement", "authority"], name="one_party_per_authority"
            ),
            models.UniqueConstraint(
                fields=["agreement", "nhs_body"], name="one_party_per_nhs_body"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.authority.name if self.authority_id else self.nhs_body.name

    @property
    def is_nhs(self) -> bool:
        return self.nhs_body_id is not None

    def may_approve(self, user) -> bool:
        """Authority approvals by its decision makers; NHS approvals by that body's partners."""
        if self.is_nhs:
            return permissions.is_nhs_partner(user, self.nhs_body_id)
        return permissions.is_decision_maker(user, self.authority_id)


class Contribution(models.Model):
    """One partner's contribution to a pooled fund in one financial year."""

    agreement = models.ForeignKey(
        TransferAgreement, on_delete=models.CASCADE, related_name="contributions"
    )
    party = models.ForeignKey(AgreementParty, on_delete=models.CASCADE, related_name="+")
    financial_year = models.PositiveSmallIntegerField(
        help_text="The year it starts: 2026 for 2026/27."
    )
    amount = models.DecimalField("amount (£)", max_digits=12, decimal_places=0)

    class Meta:
        app_label = APP_LABEL
        ordering = ["financial_year", "party"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "party", "financial_year"], name="one_contribution_each"
            )
        ]

    def __str__(self):
        return f"{self.party}: £{self.amount} in {self.year_label}"

    @property
    def year_label(self) -> str:
        return f"{self.financial_year}/{(self.financial_year + 1) % 100:02d}"


class StaffArrangement(models.Model):
    """Staff transferring or seconded between partners: groups and numbers, never names."""

    agreement = models.ForeignKey(TransferAgreement, on_delete=models.CASCADE, related_name="staff")
    from_party = models.ForeignKey(AgreementParty, on_delete=models.CASCADE, related_name="+")
    to_party = models.ForeignKey(AgreementParty, on_delete=models.CASCADE, related_name="+")
    arrangement = models.CharField(max_length=20, choices=law.STAFF_ARRANGEMENTS)
    staff_group = models.CharField(max_length=200, help_text="For example: social workers.")
    headcount = models.PositiveIntegerField()

    class Meta:
        app_label = APP_LABEL
        ordering = ["pk"]

    def __str__(self):
        return f"{self.headcount} {self.staff_group}"


class AgreementVersion(models.Model):
    """The terms as signed, and as each variation or renewal left them. Written once."""

    agreement = models.ForeignKey(
        TransferAgreement, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(
        max_length=10,
        choices=[("signed", "Signed"), ("varied", "Varied"), ("renewed", "Renewed")],
    )
    made_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    summary = models.TextField(blank=True)
    changes = models.JSONField(default=dict)  # field -> {"before": ..., "after": ...}
    terms = models.JSONField()
    approvals = models.JSONField(default=list)  # [{party, approved_at, reference, user_id}]

    class Meta:
        app_label = APP_LABEL
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="one_version_number")
        ]

    def __str__(self):
        return f"{self.agreement.reference} version {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableError("A version of an agreement cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("A version of an agreement cannot be deleted")
