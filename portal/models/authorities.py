"""Relevant authorities (Localism Act 2011 s.81(2)), their published timescales (s.84) and
challenge windows (s.82)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from portal import law


def timescales_unpublished_q(prefix: str = "") -> models.Q:
    """Authorities that have not published all their periods: the decision period (s.84(3)) and
    both periods before procurement (s.83(4)(a) minimum, (b) maximum). For querysets; the same
    test as Authority.timescales_published; `prefix` reaches them through a relation
    ("authority__")."""
    return (
        models.Q(**{f"{prefix}timescales_published_on": None})
        | models.Q(**{f"{prefix}decision_period": None})
        | models.Q(**{f"{prefix}decision_period_unit": ""})
        | models.Q(**{f"{prefix}procurement_min_period": None})
        | models.Q(**{f"{prefix}procurement_min_period_unit": ""})
        | models.Q(**{f"{prefix}procurement_max_period": None})
        | models.Q(**{f"{prefix}procurement_max_period_unit": ""})
    )


TIMESCALES_UNPUBLISHED = timescales_unpublished_q()


def relevant_authority_q(prefix: str = "") -> models.Q:
    """Authorities that can be challenged (s.81(2), SI 2012/1647 reg 3): the queryset form of
    Authority.is_relevant_authority, from the same tables of portal.law."""
    return (
        ~models.Q(**{f"{prefix}code__in": list(law.NOT_RELEVANT_AUTHORITIES)})
        & ~models.Q(**{f"{prefix}authority_type__in": list(law.NOT_RELEVANT_TYPE_REASONS)})
        & models.Q(**{f"{prefix}authority_type__in": list(law.RELEVANT_AUTHORITY_BASIS)})
        & (
            ~models.Q(**{f"{prefix}authority_type": "FRA"})
            | models.Q(**{f"{prefix}fire_basis__in": list(law.FIRE_AND_RESCUE_BASES)})
        )
    )


class Authority(models.Model):
    code = models.CharField("three-letter code", max_length=3, unique=True)
    # Null for a body the ONS register gives no code here (fire and rescue authorities).
    gss_code = models.CharField("GSS code", max_length=9, unique=True, null=True, blank=True)
    name = models.CharField("official name", max_length=200)
    nice_name = models.CharField("short name", max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    authority_type = models.CharField(max_length=3, choices=law.AUTHORITY_TYPES.items())
    fire_basis = models.CharField(
        "basis as a fire and rescue authority",
        max_length=8,
        blank=True,
        help_text="For a fire and rescue authority: the paragraph of SI 2012/1647 reg 3 that "
        "specifies it (a key of law.FIRE_AND_RESCUE_BASES); empty when none does.",
    )
    region = models.CharField(max_length=100)
    population = models.PositiveIntegerField(null=True, blank=True)

    # s.84(3) and s.83(4)(a)-(b): specified and published by each authority (s.84(5), s.83(6));
    # no national lengths exist, so none is assumed: empty until the authority publishes its own.
    decision_period = models.PositiveSmallIntegerField(
        "maximum period to notify a decision",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Localism Act 2011 s.84(3): from receiving a challenge to notifying the "
        "decision (s.84(4) allows different periods for different cases, such as from the close "
        "of a window).",
    )
    decision_period_unit = models.CharField(max_length=16, choices=law.PERIOD_UNITS, blank=True)
    procurement_min_period = models.PositiveSmallIntegerField(
        "minimum period before procurement starts",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Localism Act 2011 s.83(4)(a): from accepting a challenge to starting the "
        "procurement exercise.",
    )
    procurement_min_period_unit = models.CharField(
        max_length=16, choices=law.PERIOD_UNITS, blank=True
    )
    procurement_max_period = models.PositiveSmallIntegerField(
        "maximum period before procurement starts",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Localism Act 2011 s.83(4)(b): the longest time from accepting a challenge to "
        "starting the procurement exercise; the authority must comply with it (s.83(7)).",
    )
    procurement_max_period_unit = models.CharField(
        max_length=16, choices=law.PERIOD_UNITS, blank=True
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

    def save(self, *args, **kwargs):
        """Every save records a new PeriodVersion when the published periods changed."""
        super().save(*args, **kwargs)
        PeriodVersion.record(self)

    def get_absolute_url(self):
        return reverse("authority", args=[self.slug])

    def clean(self):
        super().clean()
        errors = {}
        for number, unit, what in (
            ("decision_period", "decision_period_unit", "maximum period for a decision"),
            (
                "procurement_min_period",
                "procurement_min_period_unit",
                "minimum period before procurement",
            ),
            (
                "procurement_max_period",
                "procurement_max_period_unit",
                "maximum period before procurement",
            ),
        ):
            if (getattr(self, number) is None) != (not getattr(self, unit)):
                errors[unit if getattr(self, number) else number] = (
                    f"Enter both the length and the unit of the {what}, or neither"
                )
        if self.timescales_published_on and not (
            self.decision_period and self.procurement_min_period and self.procurement_max_period
        ):
            errors["timescales_published_on"] = (
                "Enter the decision period and both periods before procurement (the minimum and "
                "the maximum, Localism Act 2011 s.83(4)) before giving the date they were published"
            )
        if (
            self.procurement_min_period
            and self.procurement_max_period
            and self.procurement_min_period_unit == self.procurement_max_period_unit
            and self.procurement_max_period < self.procurement_min_period
        ):
            errors["procurement_max_period"] = (
                "The maximum period before procurement cannot be shorter than the minimum"
            )
        if errors:
            raise ValidationError(errors)

    # --- s.81(2): whether it can be challenged ---------------------------------------------

    @property
    def not_relevant_reason(self) -> str:
        """Why the authority cannot be challenged, or "" (law.not_relevant_reason)."""
        return law.not_relevant_reason(self.authority_type, self.code, self.fire_basis)

    @property
    def is_relevant_authority(self) -> bool:
        return not self.not_relevant_reason

    @property
    def relevant_authority_basis(self) -> str:
        return law.relevant_authority_basis(self.authority_type, self.fire_basis)

    # --- s.84(3), s.83(4): its published periods (None when not published; never a default) -

    @property
    def decision_period_published(self) -> bool:
        return bool(
            self.decision_period and self.decision_period_unit and self.timescales_published_on
        )

    @property
    def procurement_min_period_published(self) -> bool:
        return bool(
            self.procurement_min_period
            and self.procurement_min_period_unit
            and self.timescales_published_on
        )

    @property
    def procurement_max_period_published(self) -> bool:
        return bool(
            self.procurement_max_period
            and self.procurement_max_period_unit
            and self.timescales_published_on
        )

    @property
    def timescales_published(self) -> bool:
        """Every period published: the decision period (s.84(3)) and both periods before
        procurement (s.83(4)(a) and (b)); one or two of them is not enough."""
        return (
            self.decision_period_published
            and self.procurement_min_period_published
            and self.procurement_max_period_published
        )

    @property
    def timescales_partly_published(self) -> bool:
        return not self.timescales_published and (
            self.decision_period_published
            or self.procurement_min_period_published
            or self.procurement_max_period_published
        )

    @property
    def decision_period_text(self) -> str:
        if not self.decision_period_published:
            return law.NOT_PUBLISHED
        return f"{self.decision_period} {law.label(law.PERIOD_UNITS, self.decision_period_unit)}"

    @property
    def procurement_min_period_text(self) -> str:
        if not self.procurement_min_period_published:
            return law.NOT_PUBLISHED
        unit = law.label(law.PERIOD_UNITS, self.procurement_min_period_unit)
        return f"{self.procurement_min_period} {unit}"

    @property
    def procurement_max_period_text(self) -> str:
        if not self.procurement_max_period_published:
            return law.NOT_PUBLISHED
        unit = law.label(law.PERIOD_UNITS, self.procurement_max_period_unit)
        return f"{self.procurement_max_period} {unit}"

    def open_windows(self, on: date | None = None):
        on = on or date.today()
        return self.windows.filter(opens_on__lte=on, closes_on__gte=on)

    # --- the history of its periods (PeriodVersion) ----------------------------------------

    def periods_on(self, day: date) -> "PeriodVersion | None":
        """The periods in force on `day`: the latest version that took effect on or before it
        (None when none had, or the one in force withdrew them). An authority with no version
        at all (its fields written around save(), as bulk loads do) is read from its fields,
        as one version taking effect on its publication date."""
        versions = list(self.period_versions.all())
        if not versions:
            if self.timescales_published_on and self.timescales_published_on <= day:
                return PeriodVersion.of(self)
            return None
        in_force = [v for v in versions if v.effective_on <= day]
        if not in_force:
            return None
        latest = max(in_force, key=lambda v: (v.effective_on, v.pk))
        return latest if latest.is_published else None

    def period_history(self, today: date | None = None) -> list[dict]:
        """Every version of its periods, newest first, each with its standing today: "in force",
        "replaced", "withdrawn" or "takes effect" (a date ahead)."""
        today = today or timezone.localdate()
        versions = sorted(self.period_versions.all(), key=lambda v: (v.effective_on, v.pk))
        current = [v for v in versions if v.effective_on <= today]
        in_force = current[-1] if current else None
        rows = []
        for v in reversed(versions):
            if v.effective_on > today:
                standing = "takes effect"
            elif v is in_force:
                standing = "in force" if v.is_published else "withdrawn"
            else:
                standing = "replaced" if v.is_published else "withdrawn"
            rows.append({"version": v, "standing": standing})
        return rows


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


class PeriodVersion(models.Model):
    """One publication of an authority's periods (Localism Act 2011 s.83(4)-(6), s.84(3)-(5)), kept
    with the date it took effect. A change of the periods records a new version and never
    rewrites an old one, so each challenge is judged, scheduled and lettered against the version
    in force when it was received (Authority.periods_on). A version without periods records that
    the authority withdrew them."""

    authority = models.ForeignKey(
        Authority, on_delete=models.CASCADE, related_name="period_versions"
    )
    effective_on = models.DateField("took effect on")
    decision_period = models.PositiveSmallIntegerField(null=True, blank=True)
    decision_period_unit = models.CharField(max_length=16, choices=law.PERIOD_UNITS, blank=True)
    procurement_min_period = models.PositiveSmallIntegerField(null=True, blank=True)
    procurement_min_period_unit = models.CharField(
        max_length=16, choices=law.PERIOD_UNITS, blank=True
    )
    procurement_max_period = models.PositiveSmallIntegerField(null=True, blank=True)
    procurement_max_period_unit = models.CharField(
        max_length=16, choices=law.PERIOD_UNITS, blank=True
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["authority", "effective_on", "pk"]
        indexes = [models.Index(fields=["authority", "effective_on"], name="period_version_idx")]

    def __str__(self):
        return f"{self.authority}: from {self.effective_on:%-d %B %Y}"

    PERIOD_FIELDS = (
        "decision_period",
        "decision_period_unit",
        "procurement_min_period",
        "procurement_min_period_unit",
        "procurement_max_period",
        "procurement_max_period_unit",
    )

    @classmethod
    def of(cls, authority: Authority) -> "PeriodVersion":
        """The authority's current fields as an (unsaved) version."""
        return cls(
            authority=authority,
            effective_on=authority.timescales_published_on or timezone.localdate(),
            **{name: getattr(authority, name) or cls._empty(name) for name in cls.PERIOD_FIELDS},
        )

    @staticmethod
    def _empty(name):
        return "" if name.endswith("_unit") else None

    @property
    def periods(self) -> tuple:
        return tuple(getattr(self, name) or self._empty(name) for name in self.PERIOD_FIELDS)

    @classmethod
    def record(cls, authority: Authority) -> "PeriodVersion | None":
        """After the authority is saved: a new version when its published periods differ from
        the latest version (or it withdrew them). It takes effect on the publication date given,
        unless that is not after the latest version's: then today, so that no edit ever
        reaches back over a version already in force."""
        published = bool(authority.timescales_published_on) and any(
            getattr(authority, name) for name in cls.PERIOD_FIELDS
        )
        latest = authority.period_versions.order_by("-effective_on", "-pk").first()
        current = cls.of(authority) if published else cls.withdrawal(authority)
        if latest is None:
            if not published:
                return None
        elif latest.periods == current.periods and (
            not published or latest.effective_on == authority.timescales_published_on
        ):
            return None
        if latest is not None and current.effective_on <= latest.effective_on:
            current.effective_on = max(timezone.localdate(), latest.effective_on)
        current.save()
        return current

    @classmethod
    def withdrawal(cls, authority: Authority) -> "PeriodVersion":
        return cls(
            authority=authority,
            effective_on=timezone.localdate(),
            **{name: cls._empty(name) for name in cls.PERIOD_FIELDS},
        )

    # --- the same reading as Authority's, for the version ------------------------------------

    @property
    def decision_period_published(self) -> bool:
        return bool(self.decision_period and self.decision_period_unit)

    @property
    def procurement_min_period_published(self) -> bool:
        return bool(self.procurement_min_period and self.procurement_min_period_unit)

    @property
    def procurement_max_period_published(self) -> bool:
        return bool(self.procurement_max_period and self.procurement_max_period_unit)

    @property
    def is_published(self) -> bool:
        return (
            self.decision_period_published
            or self.procurement_min_period_published
            or self.procurement_max_period_published
        )

    @property
    def decision_period_text(self) -> str:
        if not self.decision_period_published:
            return law.NOT_PUBLISHED
        return f"{self.decision_period} {law.label(law.PERIOD_UNITS, self.decision_period_unit)}"

    @property
    def procurement_min_period_text(self) -> str:
        if not self.procurement_min_period_published:
            return law.NOT_PUBLISHED
        unit = law.label(law.PERIOD_UNITS, self.procurement_min_period_unit)
        return f"{self.procurement_min_period} {unit}"

    @property
    def procurement_max_period_text(self) -> str:
        if not self.procurement_max_period_published:
            return law.NOT_PUBLISHED
        unit = law.label(law.PERIOD_UNITS, self.procurement_max_period_unit)
        return f"{self.procurement_max_period} {unit}"
