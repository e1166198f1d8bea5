"""People and the roles they hold. Authority roles are scoped to one authority."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from portal import roles


class User(AbstractUser):
    """Signs in with an email address (kept as the username too, for Wagtail's admin)."""

    email = models.EmailField("email address", unique=True)
    email_confirmed = models.BooleanField(default=False)

    def __str__(self):
        return self.get_full_name() or self.email


class Role(models.TextChoices):
    """The roles people are given; their values are portal.roles' (one spelling)."""

    OFFICER = roles.OFFICER, "Officer"
    DECISION_MAKER = roles.DECISION_MAKER, "Decision maker"
    AUTHORITY_ADMIN = roles.AUTHORITY_ADMIN, "Authority admin"
    NHS_PARTNER = roles.NHS_PARTNER, "NHS partner"
    SITE_ADMIN = roles.SITE_ADMIN, "Site admin"


AUTHORITY_ROLES = (Role.OFFICER, Role.DECISION_MAKER, Role.AUTHORITY_ADMIN)


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    authority = models.ForeignKey(
        "portal.Authority", null=True, blank=True, on_delete=models.CASCADE, related_name="staff"
    )
    nhs_body = models.ForeignKey(
        "portal.NhsBody", null=True, blank=True, on_delete=models.CASCADE, related_name="staff"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "authority", "nhs_body"],
                name="one_role_each",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                name="role_has_its_scope",
                condition=(
                    models.Q(
                        role__in=[r.value for r in AUTHORITY_ROLES],
                        authority__isnull=False,
                        nhs_body__isnull=True,
                    )
                    | models.Q(
                        role=Role.NHS_PARTNER, authority__isnull=True, nhs_body__isnull=False
                    )
                    | models.Q(role=Role.SITE_ADMIN, authority__isnull=True, nhs_body__isnull=True)
                ),
            ),
        ]

    def __str__(self):
        scope = self.authority or self.nhs_body or "the whole site"
        return f"{self.user}: {self.get_role_display()} for {scope}"

    def clean(self):
        if self.role in AUTHORITY_ROLES and not self.authority_id:
            raise ValidationError({"authority": "This role belongs to one authority: choose it"})
        if self.role == Role.NHS_PARTNER and not self.nhs_body_id:
            raise ValidationError({"nhs_body": "Choose the NHS body this partner acts for"})
