"""The kinds `search` registers itself: service specifications (Wagtail pages in portal).

Decisions, procurement notices and transfer agreements are registered by challenges/ and
procurement/ (see search.registry for the interface).
"""

from django.db.models.signals import post_delete
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.models import ServiceSpecificationPage
from search import indexing
from search.registry import SearchKind, SearchRecord, register


def plain(html: str) -> str:
    from html import unescape

    text = unescape(strip_tags(html or ""))
    return " ".join(normalize_newlines(text).split())


class ServiceSpecificationKind(SearchKind):
    name = "service"
    label = "Service specification"
    model = "portal.ServiceSpecificationPage"

    def public_queryset(self):
        # Live (published) and public (no view restriction): never drafts or private pages.
        return (
            ServiceSpecificationPage.objects.live()
            .public()
            .select_related("authority", "category")
            .prefetch_related("partner_authorities")
        )

    def records(self, chunk_size: int = 500):
        # page.url reads the sites' root paths from the cache (a database table) unless the page
        # holds them: read them once for the whole rebuild, not once per page.
        root_paths = Site.get_site_root_paths()
        for page in self.public_queryset().iterator(chunk_size=chunk_size):
            page._wagtail_cached_site_root_paths = root_paths
            yield self.to_record(page)

    def to_record(self, page) -> SearchRecord:
        authorities = [page.authority, *page.partner_authorities.all()]
        body_parts = [
            plain(str(page.body)) if page.body else "",
            page.service_users,
            plain(page.outcomes),
        ]
        published = page.last_published_at or page.first_published_at
        # Published fields only; the contact team, email and telephone are left out.
        return SearchRecord(
            kind=self.name,
            object_id=page.pk,
            title=page.title,
            url=page.url or "",
            summary=page.summary,
            body=" ".join(p for p in body_parts if p),
            date=published.date() if published else None,
            authority=[a.slug for a in authorities],
            authority_names=[a.nice_name for a in authorities],
            region=list(dict.fromkeys(a.region for a in authorities if a.region)),
            category=[page.category.slug],
        )

    def connect(self):
        page_published.connect(_page_changed, dispatch_uid="search-page-published")
        page_unpublished.connect(_page_changed, dispatch_uid="search-page-unpublished")
        post_page_move.connect(_page_changed, dispatch_uid="search-page-moved")
        post_delete.connect(
            _page_deleted, sender=ServiceSpecificationPage, dispatch_uid="search-page-deleted"
        )


def _page_changed(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, ServiceSpecificationPage):
        indexing.queue_update(instance.specific_deferred)


def _page_deleted(sender, instance, **kwargs):
    indexing.queue_delete(ServiceSpecificationKind.name, instance.pk)


def register_builtin():
    register(ServiceSpecificationKind())
