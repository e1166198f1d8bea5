"""Relevant authorities (Localism Act 2011 s.81(2)), their published timescales (s.84) and
challenge windows (s.82)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from portal import law


class Authority(models.Model):
    code = models.CharField("three-letter code", max_length=3, unique=True)
    gss_code = models.CharField("GSS code", max_length=9, unique=True)
    name = models.CharField("official name", max_length=200)
    nice_name = models.CharField("short name", max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    authority_type = models.CharField(max_length=3, choices=law.RELEVANT_AUTHORITY_TYPES.items())
    region = models.CharField(max_length=100)
    population = models.PositiveIntegerField(null=True, blank=True)

    # s.84: published by each authority; no national lengths exist.
    decision_period = models.PositiveSmallIntegerField(
        "maximum period to notify a decision",
        default=law.DEFAULT_DECISION_PERIOD[0],
        validators=[MinValueValidator(1)],
        help_text="Localism Act 2011 s.84(b): from receiving a challenge (or the close of the "
        "window) to notifying the decision.",
    )
    decision_period_unit = models.CharField(
        max_length=16, choices=law.PERIOD_UNITS, default=law.DEFAULT_DECISION_PERIOD[1]
    )
    procurement_min_period = models.PositiveSmallIntegerField(
        "minimum period before procurement starts",
        default=law.DEFAULT_PROCUREMENT_MIN_PERIOD[0],
        validators=[MinValueValidator(1)],
        help_text="Localism Act 2011 s.84(a): from accepting a challenge to starting the "
        "procurement exercise.",
    )
    procurement_min_period_unit = models.CharField(
        max_length=16, choices=law.PERIOD_UNITS, default=law.DEFAULT_PROCUREMENT_MIN_PERIOD[1]
    )
    separate_decision_maker = models.BooleanField(
        "the officer who assessed a challenge may not decide it", default=False
    )
    timescales_published_on = models.DateField(null=True, blank=True)
    # When the row last changed (the open data API's ?since= change feed).
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["nice_name"]
        verbose_name_plural = "authorities"

    def __str__(self):
        return self.nice_name

    def get_absolute_url(self):
        return reverse("authority", args=[self.slug])

    @property
    def decision_period_text(self):
        return f"{self.decision_period} {law.label(law.PERIOD_UNITS, self.decision_period_unit)}"

    @property
    def procurement_min_period_text(self):
        unit = law.label(law.PERIOD_UNITS, self.procurement_min_period_unit)
        return f"{self.procurement_min_period} {unit}"

    def open_windows(self, on: date | None = None):
        on = on or date.today()
        return self.windows.filter(opens_on__lte=on, closes_on__gte=on)


class ChallengeWindowQuerySet(models.QuerySet):
    def open_on(self, on: date):
        return self.filter(opens_on__lte=on, closes_on__gte=on)

    def for_service(self, service):
        """Windows that apply to a service: those for all the authority's services, and its own."""
        return self.filter(authority_id=service.authority_id).filter(
            models.Q(service__isnull=True) | models.Q(service=service)
        )


class ChallengeWindow(models.Model):
    """A period in which challenges may be submitted (s.82), for all services or for one."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="windows")
    service = models.ForeignKey(
        "portal.ServiceSpecificationPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_windows",
        help_text="Leave empty for a window that applies to all of the authority's services.",
    )
    opens_on = models.DateField()
    closes_on = models.DateField()
    notes = models.CharField(max_length=300, blank=True)

    objects = ChallengeWindowQuerySet.as_manager()

    class Meta:
        ordering = ["authority", "opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="window_closes_after_it_opens",
            )
        ]

    def __str__(self):
        scope = self.service.title if self.service_id else "all services"
        return f"{self.authority}: {scope}, {self.opens_on:%-d %B %Y} to {self.closes_on:%-d %B %Y}"

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError(
                {"closes_on": "The window must close on or after the day it opens"}
            )
        if self.service_id and self.authority_id and self.service.authority_id != self.authority_id:
            raise ValidationError({"service": "Choose a service of the same authority"})

    def is_open(self, on: date | None = None) -> bool:
        on = on or date.today()
        return self.opens_on <= on <= self.closes_on
