"""What the procurement workflows share: locked reference counters, confidentiality."""

from django.db import models, transaction

KINDS = {"exercise": "PR", "interest": "EI", "agreement": "TA"}


class ReferenceCounter(models.Model):
    """The last number given to an authority's exercises, interests or agreements in a year."""

    authority = models.ForeignKey("portal.Authority", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=2, choices=[(v, k) for k, v in KINDS.items()])
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "kind", "year"], name="one_procurement_counter_each"
            )
        ]

    def __str__(self):
        return f"{self.authority_id}/{self.kind}/{self.year}: {self.last}"

    @classmethod
    def next_reference(cls, authority, kind: str, year: int) -> str:
        """`<code>-<PR|EI|TA>-<year>-<4 digits>`; two callers at once wait for each other's lock."""
        code = KINDS[kind]
        with transaction.atomic():
            cls.objects.get_or_create(authority=authority, kind=code, year=year)
            counter = cls.objects.select_for_update().get(authority=authority, kind=code, year=year)
            counter.last += 1
            counter.save(update_fields=["last"])
        return f"{authority.code}-{code}-{year}-{counter.last:04d}"


class ConfidentialFieldsMixin(models.Model):
    """Lets officers mark some fields commercially confidential: public pages, search and OCDS
    leave them out."""

    CONFIDENTIAL_CHOICES: list[tuple[str, str]] = []
    confidential_fields = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True

    def is_confidential(self, name: str) -> bool:
        return name in (self.confidential_fields or [])
