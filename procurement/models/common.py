"""What the procurement workflows share: reference kinds, confidentiality."""

from django.db import models

from portal.models import ReferenceCounter

KINDS = {"exercise": "PR", "interest": "EI", "agreement": "TA"}


def next_reference(authority, kind: str, year: int) -> str:
    """`<code>-<PR|EI|TA>-<year>-<4 digits>`, from the kernel's locked counter."""
    return ReferenceCounter.next_reference(authority, KINDS[kind], year)


class ConfidentialFieldsMixin(models.Model):
    """Lets officers mark some fields commercially confidential: public pages, search and OCDS
    leave them out."""

    CONFIDENTIAL_CHOICES: list[tuple[str, str]] = []
    confidential_fields = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True

    def is_confidential(self, name: str) -> bool:
        return name in (self.confidential_fields or [])
