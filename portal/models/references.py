"""Case references: `<authority code>-<kind>-<year>-<4 digits>`, one locked counter per authority,
kind and year. Each app names its own kinds (CH, PR, EI, TA, ...): the kernel names none."""

from django.db import models, transaction


class ReferenceCounter(models.Model):
    """The last number given to an authority's cases of one kind in a year."""

    authority = models.ForeignKey("portal.Authority", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=4)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "kind", "year"], name="one_reference_counter_each"
            )
        ]

    def __str__(self):
        return f"{self.authority_id}/{self.kind}/{self.year}: {self.last}"

    @classmethod
    def next_reference(cls, authority, kind: str, year: int) -> str:
        """The next reference; two callers at once wait for each other's lock."""
        with transaction.atomic():
            cls.objects.get_or_create(authority=authority, kind=kind, year=year)
            counter = cls.objects.select_for_update().get(authority=authority, kind=kind, year=year)
            counter.last += 1
            counter.save(update_fields=["last"])
        return f"{authority.code}-{kind}-{year}-{counter.last:04d}"
