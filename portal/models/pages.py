"""The CMS: home, the service directory, each authority's services, specifications and guidance."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from portal import law, public_lists

from .authorities import Authority, ChallengeWindow, relevant_authority_q

BODY_BLOCKS = [
    ("heading", blocks.CharBlock(form_classname="title", icon="title")),
    ("paragraph", blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])),
    (
        "inset",
        blocks.TextBlock(help_text="Text set apart from the content around it", icon="openquote"),
    ),
    (
        "details",
        blocks.StructBlock(
            [("summary", blocks.CharBlock()), ("text", blocks.RichTextBlock())], icon="doc-full"
        ),
    ),
    (
        "document",
        DocumentChooserBlock(
            icon="doc-full-inverse",
            help_text="A PDF, DOCX, XLSX, ODT, ODS, CSV, PNG or JPEG file, checked when uploaded",
        ),
    ),
]


@register_snippet
class ServiceCategory(models.Model):
    """The managed taxonomy of services (children's social care, libraries, ...)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "service categories"

    def __str__(self):
        return self.name


class HomePage(Page):
    intro = models.TextField(blank=True)
    body = StreamField(BODY_BLOCKS, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["portal.ServiceDirectoryPage", "portal.GuidancePage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["directory"] = ServiceDirectoryPage.objects.live().first()
        context["guidance"] = GuidancePage.objects.live().public().child_of(self)
        context["service_count"] = ServiceSpecificationPage.objects.live().public().count()
        context["authority_count"] = (
            ServiceSpecificationPage.objects.live().public().values("authority").distinct().count()
        )
        return context


class ServiceDirectoryPage(Page):
    """/services/: every published specification, filtered by authority and category."""

    intro = models.TextField(blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["portal.AuthorityServicesPage"]
    parent_page_types = ["portal.HomePage"]
    max_count = 1
    PAGE_SIZE = 20

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        services = (
            ServiceSpecificationPage.objects.live()
            .public()
            .order_by("authority__nice_name", "title")
        )
        authority = request.GET.get("authority", "")
        category = request.GET.get("category", "")
        open_now = request.GET.get("open") == "yes"
        if authority:  # the lead authority, or a partner in a joint service (no join, no DISTINCT)
            partner_of = ServiceSpecificationPage.partner_authorities.through.objects.filter(
                authority__slug=authority
            ).values("servicespecificationpage_id")
            services = services.filter(
                models.Q(authority__slug=authority) | models.Q(pk__in=partner_of)
            )
        if category:
            services = services.filter(category__slug=category)
        if open_now:
            services = services.filter(open_for_challenges_q())
        generation = public_lists.generation()
        count = None
        if not (authority or category or open_now):
            count = public_lists.cached("directory-count", services.count, generation)
        # A page of ids, sorted without the wide rows (the body is a StreamField), then the
        # page's twenty specifications with their authority and category.
        ids = services.values_list("pk", flat=True)
        paginator = public_lists.CountedPaginator(ids, self.PAGE_SIZE, count=count)
        page = paginator.get_page(request.GET.get("page"))
        rows = ServiceSpecificationPage.objects.select_related("authority", "category").in_bulk(
            list(page.object_list)
        )
        page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
        mark_open_now(page.object_list)
        context.update(
            services=page,
            selected_authority=authority,
            selected_category=category,
            selected_open=open_now,
            # Read only when the filter form's cached fragment is missing (lazy querysets).
            authorities=Authority.objects.filter(services__live=True).distinct(),
            categories=ServiceCategory.objects.all(),
            lists_cache={"generation": generation, "timeout": public_lists.TIMEOUT},
        )
        return context


def open_for_challenges_q(on: date | None = None) -> models.Q:
    """Services that can be challenged on the day (s.82): not excluded, of a relevant authority
    (s.81(2)), and either a window that applies to them is open or no window applies at all (then
    challenges may come at any time)."""
    on = on or date.today()
    applies = ChallengeWindow.objects.filter(authority_id=models.OuterRef("authority_id")).filter(
        models.Q(service__isnull=True) | models.Q(service_id=models.OuterRef("pk"))
    )
    return (
        models.Q(excluded=False)
        & relevant_authority_q("authority__")
        & (models.Exists(applies.open_on(on)) | ~models.Exists(applies))
    )


def mark_open_now(services, on: date | None = None) -> None:
    """Sets `open_now` (and `open_window_now`, the window open today if any) on each service of
    a page, with one query for all their windows."""
    on = on or date.today()
    windows = list(
        ChallengeWindow.objects.filter(authority_id__in={s.authority_id for s in services}).filter(
            models.Q(service__isnull=True) | models.Q(service_id__in=[s.pk for s in services])
        )
    )
    for service in services:
        applies = [
            w
            for w in windows
            if w.authority_id == service.authority_id and w.service_id in (None, service.pk)
        ]
        service.open_window_now = next((w for w in applies if w.is_open(on)), None)
        service.open_now = (
            not service.excluded
            and service.authority.is_relevant_authority
            and (not applies or service.open_window_now is not None)
        )


class AuthorityServicesPage(Page):
    """One authority's services, timescales and windows; officers' page permissions attach here."""

    authority = models.OneToOneField(
        Authority, on_delete=models.PROTECT, related_name="services_page"
    )
    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("authority"), FieldPanel("intro")]
    parent_page_types = ["portal.ServiceDirectoryPage"]
    subpage_types = ["portal.ServiceSpecificationPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = (
            ServiceSpecificationPage.objects.child_of(self)
            .live()
            .public()
            .select_related("category")
        )
        context["windows"] = ChallengeWindow.objects.filter(
            authority=self.authority
        ).select_related("service")
        return context


class ServiceSpecificationPage(Page):
    """A published specification of a service the authority runs: what may be challenged."""

    DELIVERY_MODELS = [
        ("in_house", "Run by the council's own staff"),
        ("contracted", "Contracted to an external provider"),
        ("shared", "Shared service with other authorities"),
        ("nhs_partnership", "Delivered in partnership with the NHS"),
        ("arms_length", "Arm's-length company or trust"),
    ]

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="services", editable=False
    )
    partner_authorities = ParentalManyToManyField(
        Authority,
        blank=True,
        related_name="joint_services",
        help_text="Other authorities that deliver this service jointly.",
    )
    category = models.ForeignKey(ServiceCategory, on_delete=models.PROTECT, related_name="services")
    summary = models.TextField(max_length=600)
    body = StreamField(BODY_BLOCKS, blank=True)
    annual_value = models.DecimalField(
        "annual value (£)", max_digits=12, decimal_places=0, null=True, blank=True
    )
    delivery_model = models.CharField(max_length=20, choices=DELIVERY_MODELS)
    contract_end_date = models.DateField(null=True, blank=True)
    service_users = models.TextField("who uses the service", blank=True)
    outcomes = RichTextField(
        "outcomes sought", blank=True, features=["bold", "italic", "ul", "link"]
    )
    excluded = models.BooleanField(
        "excluded from challenge",
        default=False,
        help_text="SI 2012/1313 Schedule 2: a service that cannot be challenged.",
    )
    excluded_reason = models.CharField(max_length=40, blank=True, choices=law.EXCLUDED_SERVICES)
    nhs_integrated = models.BooleanField(
        "users also receive an integrated NHS service", default=False
    )
    contact_team = models.CharField("contact team", max_length=120, blank=True)
    contact_email = models.EmailField("team email address", blank=True)
    contact_phone = models.CharField("team telephone", max_length=30, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("annual_value"),
                FieldPanel("delivery_model"),
                FieldPanel("contract_end_date"),
                FieldPanel("service_users"),
                FieldPanel("outcomes"),
            ],
            heading="The service today",
        ),
        MultiFieldPanel(
            [
                FieldPanel("excluded"),
                FieldPanel("excluded_reason"),
                FieldPanel("nhs_integrated"),
                FieldPanel("partner_authorities"),
            ],
            heading="Challenge",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_team"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading="Contact",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("service_users"),
        index.SearchField("outcomes"),
        index.FilterField("authority"),
        index.FilterField("category"),
    ]
    parent_page_types = ["portal.AuthorityServicesPage"]
    subpage_types = []

    def full_clean(self, *args, **kwargs):
        # The authority is that of the services page it lives under, never typed in.
        if not self.authority_id and self.depth:
            parent = self.get_parent()
            if parent is not None and isinstance(parent.specific, AuthorityServicesPage):
                self.authority_id = parent.specific.authority_id
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.excluded and not self.excluded_reason:
            raise ValidationError({"excluded_reason": "Give the reason the service is excluded"})
        if not self.excluded and self.excluded_reason:
            raise ValidationError({"excluded": "Tick 'excluded' or clear the reason"})

    @cached_property
    def windows(self):
        return ChallengeWindow.objects.for_service(self).order_by("opens_on")

    def open_window(self, on=None):
        """The window open on the day, if any; None means closed (or no windows are specified)."""
        for window in self.windows:
            if window.is_open(on):
                return window
        return None

    def accepting_challenges(self, on=None) -> bool:
        """s.82: with no window specified, a challenge may come at any time; never for a body
        that is not a relevant authority (s.81(2))."""
        if self.excluded or not self.authority.is_relevant_authority:
            return False
        return not self.windows or self.open_window(on) is not None

    @property
    def excluded_reason_label(self):
        return law.label(law.EXCLUDED_SERVICES, self.excluded_reason)


class GuidancePage(Page):
    summary = models.TextField(max_length=400, blank=True)
    body = StreamField(BODY_BLOCKS)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["portal.HomePage", "portal.GuidancePage"]
    subpage_types = ["portal.GuidancePage"]
