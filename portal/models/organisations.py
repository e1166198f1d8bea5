"""Registered organisations (the relevant bodies of s.81(6) challenge; any may make an innovation
offer), and the NHS bodies that are party to agreements."""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.text import slugify

from portal import law

# Charity Commission (England and Wales, with an optional subsidiary suffix), OSCR (Scotland) and
# the Charity Commission for Northern Ireland.
charity_number_validator = RegexValidator(
    r"^(\d{6,7}(-\d{1,2})?|SC\d{6}|NIC\d{6})$",
    "Enter a charity number like 1234567, 1234567-1, SC012345 or NIC100001",
)
# Companies House: eight digits, or two letters (such as SC, NI, CE, IP) and six digits.
company_number_validator = RegexValidator(
    r"^(\d{8}|[A-Z]{2}\d{6})$", "Enter a company number like 01234567 or SC123456"
)


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    body_type = models.CharField(
        "type of body",
        max_length=32,
        choices=law.ORGANISATION_TYPES,
        help_text="Only the bodies of Localism Act 2011 s.81(6) may challenge; any may make an "
        "innovation offer.",
    )
    charity_number = models.CharField(
        max_length=12, blank=True, validators=[charity_number_validator]
    )
    company_number = models.CharField(
        max_length=8, blank=True, validators=[company_number_validator]
    )
    employer = models.ForeignKey(
        "portal.Authority",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="For a group of employees: the authority that employs them (Localism Act "
        "2011 s.81(6)(d)); the only authority the group can challenge.",
    )
    employee_count = models.PositiveIntegerField(
        "number of employees in the group",
        null=True,
        blank=True,
        validators=[MinValueValidator(law.EMPLOYEE_GROUP_MIN_MEMBERS)],
        help_text="For a group of employees: two or more (Localism Act 2011 s.81(6)(d)).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # s.81(6)(d): a group of employees has its employer and two or more members.
            models.CheckConstraint(
                condition=~models.Q(body_type="employee_group")
                | models.Q(
                    employer__isnull=False,
                    employee_count__gte=law.EMPLOYEE_GROUP_MIN_MEMBERS,
                ),
                name="employee_group_has_employer_and_members",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.name)[:200] or "organisation"
            slug, n = base, 1
            while Organisation.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                n += 1
                slug = f"{base}-{n}"
            self.slug = slug
        super().save(*args, **kwargs)

    @property
    def body_type_label(self):
        return law.label(law.ORGANISATION_TYPES, self.body_type)


class Membership(models.Model):
    """A person's place in an organisation. Joining needs an organisation admin's approval."""

    ADMIN, MEMBER = "admin", "member"
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        max_length=8, choices=[(ADMIN, "Organisation admin"), (MEMBER, "Member")], default=MEMBER
    )
    approved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_each")
        ]

    def __str__(self):
        return f"{self.user} in {self.organisation}"


class NhsBody(models.Model):
    name = models.CharField(max_length=200)
    ods_code = models.CharField("ODS code", max_length=5, unique=True)
    kind = models.CharField(max_length=20, choices=law.NHS_BODY_TYPES)

    class Meta:
        ordering = ["name"]
        verbose_name = "NHS body"
        verbose_name_plural = "NHS bodies"

    def __str__(self):
        return self.name
