"""Every view of Wagtail's admin that shows or acts on one page reaches only the pages of the
user's own authority (issue 23): move and its confirmation, copy, preview, draft view, compare,
revisions, history, usage, workflow pages, privacy, locks, the admin API's page detail and form
submissions.

Wagtail checks what a person may *do* to a page, but several of its views show a page (its title,
a draft's title) before or without that check: another authority's move confirmation opened. This
middleware decides by the page tree, before any view runs: a page is within reach when it lies
under a page one of the user's groups holds a page permission on (their authority's services
page). The explorer may also open the ancestors of those pages, to walk down to them. Site admins
reach every page.
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import GroupPagePermission, Page

from portal import permissions
from portal.params import object_id

# URL namespaces (or names) whose views take a page; the keyword arguments that name one.
SCOPED = ("wagtailadmin_pages", "wagtailadmin_api:pages", "wagtailforms", "wagtailadmin_workflows")
EXPLORER = {"wagtailadmin_explore", "wagtailadmin_explore_results"}
PAGE_KWARGS = ("page_id", "page_to_move_id", "destination_id", "parent_page_id", "page_pk")
# Where "pk" names a page (elsewhere, a workflow's or a task's).
PK_IS_A_PAGE = ("wagtailadmin_pages:revisions_compare", "wagtailadmin_api:pages:")


def _roots(request) -> list[str]:
    """Tree paths of the pages the user's groups hold permissions on (once per request)."""
    if not hasattr(request, "_cms_page_roots"):
        request._cms_page_roots = list(
            GroupPagePermission.objects.filter(group__user=request.user)
            .values_list("page__path", flat=True)
            .distinct()
        )
    return request._cms_page_roots


def within_reach(request, path: str, explorer: bool = False) -> bool:
    roots = _roots(request)
    if any(path.startswith(root) for root in roots):
        return True
    return explorer and any(root.startswith(path) for root in roots)


class CmsPageScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not getattr(request, "user", None):
            return None
        name = match.view_name
        explorer = name in EXPLORER
        if not (explorer or match.namespace in SCOPED):
            return None
        if not request.user.is_authenticated or permissions.is_site_admin(request.user):
            return None  # the admin's door turns the anonymous away itself
        keys = (*PAGE_KWARGS, "pk") if name.startswith(PK_IS_A_PAGE) else PAGE_KWARGS
        for key in keys:
            if key not in view_kwargs:
                continue
            pk = object_id(str(view_kwargs[key]))
            path = Page.objects.filter(pk=pk).values_list("path", flat=True).first() if pk else None
            if path is not None and not within_reach(request, path, explorer):
                raise PermissionDenied
        return None
