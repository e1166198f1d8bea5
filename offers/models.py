"""Innovation offers: any registered organisation puts a better way of running a service to one
authority or to several partners jointly (councils, an integrated care board, a police force),
each of which answers for itself under its own published response standard.

Not statutory (law.OFFER_NOT_STATUTORY). The offer's stage and every addressee's answer change
only through the offer's machine (offers.workflow, run by portal.workflow.perform and act).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from portal import law, permissions, roles
from portal.working_days import add_working_days


class OfferState(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    UNDER_ASSESSMENT = "under_assessment", "Under assessment"
    ANSWERED = "answered", "Answered"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_STATES = [OfferState.SUBMITTED, OfferState.ACKNOWLEDGED, OfferState.UNDER_ASSESSMENT]
# The offer's parts the offeror may mark commercially confidential (law.OFFER_CONFIDENTIALITY_
# SOURCE); the title, the summary, the addressees and every answer are always public.
CONFIDENTIAL_CHOICES = [
    ("evidence", "The evidence"),
    ("costs", "The costs and who bears them"),
    ("partners_involved", "The partners involved"),
    ("safeguarding", "Safeguarding arrangements"),
    ("data_protection", "Data-protection arrangements"),
]


def _body_q(prefix=""):
    """Exactly one of authority, NHS body or organisation."""
    a, n, o = (
        f"{prefix}authority__isnull",
        f"{prefix}nhs_body__isnull",
        f"{prefix}organisation__isnull",
    )
    return (
        models.Q(**{a: False, n: True, o: True})
        | models.Q(**{a: True, n: False, o: True})
        | models.Q(**{a: True, n: True, o: False})
    )


class AnsweringBody(models.Model):
    """An authority, an NHS body or a partner organisation (a police force, say), one of them."""

    authority = models.ForeignKey(
        "portal.Authority", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nhs_body = models.ForeignKey(
        "portal.NhsBody", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "portal.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def body(self):
        return self.authority or self.nhs_body or self.organisation

    @property
    def name(self) -> str:
        body = self.body
        return getattr(body, "nice_name", None) or body.name

    @property
    def body_kind(self) -> str:
        if self.authority_id:
            return "authority"
        return "nhs_body" if self.nhs_body_id else "organisation"

    def body_filter(self) -> dict:
        return {
            "authority_id": self.authority_id,
            "nhs_body_id": self.nhs_body_id,
            "organisation_id": self.organisation_id,
        }

    def answers_for(self, user) -> bool:
        """Who answers for the body: an authority's officers and decision makers, an NHS body's
        NHS partners, a partner organisation's approved members."""
        if self.authority_id:
            return permissions.is_officer(user, self.authority_id)
        if self.nhs_body_id:
            return permissions.is_nhs_partner(user, self.nhs_body_id)
        return permissions.is_member(user, self.organisation_id)

    def acting_role(self) -> str:
        if self.authority_id:
            return roles.OFFICER
        return roles.NHS_PARTNER if self.nhs_body_id else roles.BODY_MEMBER


class ResponseStandard(AnsweringBody):
    """A body's published response standard, one version a row: written once, never changed (a
    new version takes effect from its own date, as the s.84 periods are republished). An offer is
    judged against the version in force on the day it was received."""

    acknowledge_days = models.PositiveSmallIntegerField(
        "working days to acknowledge", validators=[MinValueValidator(1)]
    )
    answer_days = models.PositiveSmallIntegerField(
        "working days to give a reasoned answer", validators=[MinValueValidator(1)]
    )
    answering_role = models.CharField(
        "the role that answers", max_length=200, help_text="A job title, not a person's name."
    )
    takes_effect_on = models.DateField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-takes_effect_on", "-pk"]
        constraints = [models.CheckConstraint(condition=_body_q(), name="standard_has_one_body")]

    def __str__(self):
        return f"{self.name}: {self.acknowledge_days}/{self.answer_days} working days"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("A published standard is not changed: publish a new version")
        super().save(*args, **kwargs)

    def clean(self):
        if self.acknowledge_days and self.answer_days and self.answer_days < self.acknowledge_days:
            raise ValidationError(
                {"answer_days": "The answer cannot be due before the acknowledgement"}
            )

    @classmethod
    def in_force(cls, *, on, authority=None, nhs_body=None, organisation=None):
        """The version in force on a day for one body (None: no standard published)."""
        return (
            cls.objects.filter(
                authority=authority,
                nhs_body=nhs_body,
                organisation=organisation,
                takes_effect_on__lte=on,
            )
            .order_by("-takes_effect_on", "-pk")
            .first()
        )


# --- who acts -------------------------------------------------------------------------------------


@roles.acts_as(roles.BODY_MEMBER)
def is_offeror(offer, user) -> bool:
    return permissions.is_member(user, offer.organisation_id)


@roles.acts_as(roles.SYSTEM)
def answers_for_an_addressee(offer, user) -> bool:
    """The portal moves the offer's stage when its addressees' own steps make it due; the person
    whose step did it must answer for one of them."""
    return any(a.answers_for(user) for a in offer.addressees.all())


class OfferQuerySet(models.QuerySet):
    def public(self):
        """Every offer is public once received (its confidential parts never are)."""
        return self.all()

    def for_offeror(self, user):
        return self.filter(organisation_id__in=permissions.organisation_ids(user))

    def for_addressee(self, user):
        """Offers made to a body the person answers for."""
        if permissions.is_site_admin(user):
            return self.all()
        q = models.Q(authority_id__in=permissions.authority_ids(user))
        q |= models.Q(nhs_body_id__in=permissions.nhs_body_ids(user))
        q |= models.Q(organisation_id__in=permissions.organisation_ids(user))
        return self.filter(pk__in=OfferAddressee.objects.filter(q).values("offer_id"))


class Offer(ConcurrentTransitionMixin, models.Model):
    reference = models.CharField(max_length=20, unique=True)
    state = FSMField(
        default=OfferState.SUBMITTED, choices=OfferState.choices, protected=True, db_index=True
    )
    organisation = models.ForeignKey(
        "portal.Organisation", on_delete=models.PROTECT, related_name="innovation_offers"
    )
    offeror_type = models.CharField(
        "kind of organisation", max_length=32, choices=law.OFFEROR_TYPE_CHOICES
    )
    sector = models.CharField(max_length=24, choices=law.OFFER_SECTORS)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField("summary for the public")
    service = models.ForeignKey(
        "portal.ServiceSpecificationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="innovation_offers",
    )
    area_of_need = models.CharField("area of need", max_length=200, blank=True)

    # What the offer must contain (law.OFFER_CONTENTS).
    problem = models.TextField("the problem")
    proposed_change = models.TextField("the change proposed")
    evidence = models.TextField("the evidence")
    evidence_kinds = models.JSONField(default=list, blank=True)
    outcomes = models.TextField("the outcomes to be measured")
    costs = models.TextField("the costs and who bears them")
    safeguarding = models.TextField("safeguarding arrangements")
    data_protection = models.TextField("data-protection arrangements")
    partners_involved = models.TextField("the partners involved")

    confidential_fields = models.JSONField(default=list, blank=True)
    confidential_reasons = models.TextField(blank=True)

    received_on = models.DateField()
    submitted_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    synthetic = models.BooleanField(
        default=False, help_text="A synthetic demonstration record, not a real offer."
    )
    # When anything public changed, the offer's or an addressee's (the open data's change feed).
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self):
        return reverse("offers:manage", args=[self.reference])

    def get_public_url(self):
        return reverse("offers:detail", args=[self.reference])

    @property
    def subject(self) -> str:
        if self.service_id:
            return self.service.title
        return self.area_of_need

    @property
    def offeror_type_label(self) -> str:
        return law.label(law.OFFEROR_TYPE_CHOICES, self.offeror_type)

    @property
    def sector_label(self) -> str:
        return law.label(law.OFFER_SECTORS, self.sector)

    def is_confidential(self, name: str) -> bool:
        return name in (self.confidential_fields or [])

    def public_contents(self) -> list[tuple[str, str]]:
        """(label, text) of the required contents the public may read: the confidential parts
        are left out, named as withheld."""
        labels = dict(law.OFFER_CONTENTS)
        return [
            (labels[slug], "" if self.is_confidential(slug) else getattr(self, slug))
            for slug, _ in law.OFFER_CONTENTS
        ]

    @staticmethod
    def content_slugs() -> list[str]:
        return [slug for slug, _ in law.OFFER_CONTENTS]

    def all_answered(self) -> bool:
        rows = list(self.addressees.all())
        return bool(rows) and all(a.answered_at for a in rows)

    # --- transitions (the state in memory; offers.workflow runs them) ----------------------------

    @transition(
        field=state,
        source=OfferState.SUBMITTED,
        target=OfferState.ACKNOWLEDGED,
        permission=answers_for_an_addressee,
    )
    def acknowledge(self, *, user):
        pass

    @transition(
        field=state,
        source=[OfferState.SUBMITTED, OfferState.ACKNOWLEDGED],
        target=OfferState.UNDER_ASSESSMENT,
        permission=answers_for_an_addressee,
    )
    def assess(self, *, user):
        pass

    @transition(
        field=state,
        source=OfferState.UNDER_ASSESSMENT,
        target=OfferState.ANSWERED,
        permission=answers_for_an_addressee,
    )
    def answer(self, *, user):
        self.answered_at = timezone.now()

    @transition(field=state, source=OPEN_STATES, target=OfferState.WITHDRAWN, permission=is_offeror)
    def withdraw(self, *, user, reason):
        self.withdrawn_at = timezone.now()
        self.withdrawal_reason = reason


class OfferAddressee(AnsweringBody):
    """One body an offer is made to, answering for itself: its own dates (from the standard in
    force when the offer was received), acknowledgement, meetings and reasoned answer."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="addressees")
    contact_role = models.CharField(
        "named contact role", max_length=200, blank=True, help_text="A job title, not a name."
    )
    standard = models.ForeignKey(
        ResponseStandard, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledge_by = models.DateField(null=True, blank=True)
    answer_by = models.DateField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    assessing_since = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answering_role = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=20, choices=law.OFFER_OUTCOMES, blank=True)
    route = models.CharField(max_length=20, choices=law.OFFER_ROUTES, blank=True)
    next_step = models.CharField(
        "what follows", max_length=300, blank=True, help_text="A reference or an address."
    )
    criteria = models.JSONField(default=list, blank=True)
    reasons = models.TextField(blank=True)
    referred_to = models.CharField(max_length=200, blank=True)
    fair_competition_steps = models.TextField(blank=True)
    supplier_summary = models.TextField(blank=True)
    reminded = models.JSONField(default=list, blank=True)  # keys of reminders already sent

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=_body_q(), name="addressee_has_one_body"),
            models.UniqueConstraint(
                fields=["offer", "authority"], name="offer_addressed_once_to_authority"
            ),
            models.UniqueConstraint(
                fields=["offer", "nhs_body"], name="offer_addressed_once_to_nhs_body"
            ),
            models.UniqueConstraint(
                fields=["offer", "organisation"], name="offer_addressed_once_to_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.offer.reference} to {self.name}"

    def apply_standard(self, received_on) -> None:
        """The standard in force on the day of receipt, and the dates it gives."""
        self.standard = ResponseStandard.in_force(on=received_on, **self.bodies())
        if self.standard:
            self.acknowledge_by = add_working_days(received_on, self.standard.acknowledge_days)
            self.answer_by = add_working_days(received_on, self.standard.answer_days)

    def bodies(self) -> dict:
        return {
            "authority": self.authority,
            "nhs_body": self.nhs_body,
            "organisation": self.organisation,
        }

    @property
    def stage(self) -> str:
        if self.answered_at:
            return "Answered"
        if self.assessing_since:
            return "Assessing"
        if self.acknowledged_at:
            return "Acknowledged"
        return "Not yet acknowledged"

    @property
    def outcome_label(self) -> str:
        return law.label(law.OFFER_OUTCOMES, self.outcome)

    @property
    def route_label(self) -> str:
        return law.label(law.OFFER_ROUTES, self.route)

    def criteria_labels(self) -> list[str]:
        return [law.label(law.OFFER_CRITERIA, c) for c in self.criteria]

    @staticmethod
    def _timing(done_at, due, today) -> str:
        """ "on time", "late", "overdue", "due" or "no standard"."""
        if due is None:
            return "no standard"
        if done_at:
            return "on time" if timezone.localdate(done_at) <= due else "late"
        return "overdue" if today > due else "due"

    def acknowledgement_timing(self, today=None) -> str:
        return self._timing(
            self.acknowledged_at, self.acknowledge_by, today or timezone.localdate()
        )

    def answer_timing(self, today=None) -> str:
        return self._timing(self.answered_at, self.answer_by, today or timezone.localdate())


class OfferMeeting(models.Model):
    """A meeting an addressee held with the offeror while assessing (who took part by role)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="meetings")
    addressee = models.ForeignKey(OfferAddressee, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    attendees = models.CharField("who took part (roles, not names)", max_length=300)
    summary = models.TextField("what was discussed", blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.offer.reference}: meeting on {self.held_on}"
