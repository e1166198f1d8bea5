"""The public register of decisions (s.84(9)): decided challenges only, and no personal data."""

from urllib.parse import urlencode

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render

from portal import law, public_lists
from portal.models import Authority, ServiceSpecificationPage
from portal.workflow import public_timeline

from . import evidence, register_csv
from .models import Challenge, Outcome

PAGE_SIZE = 20
# What a row of the register shows (not the letter, which can be long).
LIST_FIELDS = (
    "reference", "state", "outcome", "grounds", "decided_at",
    "authority__nice_name", "service__title", "organisation__name", "provenance",
)  # fmt: skip
DRAFT_EDITS = ("document_added", "document_removed", "section_edited")


def _published():
    return Challenge.objects.published().select_related("authority", "service", "organisation")


def _partner_services(slug: str):
    """Ids of the joint services that the authority is a partner in (no join on the register)."""
    through = ServiceSpecificationPage.partner_authorities.through
    return through.objects.filter(authority__slug=slug).values("servicespecificationpage_id")


def _options() -> dict:
    """The register's filter options, the same for every visitor: worked out once per change."""
    published = Challenge.objects.published()
    years = sorted({d.year for d in published.dates("decided_at", "year")}, reverse=True)
    authorities = (
        Authority.objects.filter(
            Q(pk__in=published.values("authority_id")) | Q(joint_services__challenges__in=published)
        )
        .distinct()
        .order_by("nice_name")
        .values("slug", "nice_name")
    )
    return {"years": years, "authorities": list(authorities), "count": published.count()}


def filter_decisions(decisions, *, authority="", outcome="", ground="", year="", years=None):
    """The register's filters (also the CSV download's and the open data API's): the lead
    authority or a partner (slug), an outcome, a ground, a year (digits; `years`, when given,
    are those with decisions, so any other lists none without a query)."""
    if authority:  # the lead authority, or a partner in a joint service
        decisions = decisions.filter(
            Q(authority__slug=authority) | Q(service_id__in=_partner_services(authority))
        )
    if outcome in Outcome.values:
        decisions = decisions.filter(outcome=outcome)
    if ground in dict(law.REJECTION_GROUNDS):
        decisions = decisions.filter(grounds__icontains=f'"{ground}"')
    if year.isdigit():  # a year without decisions (0, 10000, 10,000 digits too) lists none
        in_range = year.isascii() and len(year) <= 4 and (years is None or int(year) in years)
        decisions = decisions.filter(decided_at__year=int(year)) if in_range else decisions.none()
    return decisions


def _selected(request) -> dict:
    return {name: request.GET.get(name, "") for name in ("authority", "outcome", "ground", "year")}


def decision_list(request):
    selected = _selected(request)
    unfiltered = Challenge.objects.published()
    generation = public_lists.generation()
    options = public_lists.cached("register-options", _options, generation)
    decisions = filter_decisions(unfiltered, **selected, years=options["years"])
    if request.GET.get("format") == "csv":
        return register_csv.download(decisions.order_by("-decided_at", "-pk"))
    # Pages of ids from the register's own index (challenge_published_idx), then the page's
    # twenty rows with their authority, service and body: no join over the whole register.
    ids = decisions.order_by("-decided_at", "-pk").values_list("pk", flat=True)
    paginator = public_lists.CountedPaginator(
        ids, PAGE_SIZE, count=options["count"] if decisions is unfiltered else None
    )
    page = paginator.get_page(request.GET.get("page"))
    rows = _published().order_by().only(*LIST_FIELDS).in_bulk(list(page.object_list))
    page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
    return render(
        request,
        "challenges/register/list.html",
        {
            "page_obj": page,
            "authorities": options["authorities"],
            "outcomes": Outcome.choices,
            "grounds": law.REJECTION_GROUNDS,
            "years": options["years"],
            "lists_cache": {"generation": generation, "timeout": public_lists.TIMEOUT},
            "selected": selected,
            "csv_query": urlencode({**{k: v for k, v in selected.items() if v}, "format": "csv"}),
        },
    )


def decision_detail(request, reference):
    challenge = _published().select_related("source_import").filter(reference=reference).first()
    if challenge is None:
        raise Http404("No published decision has this reference")
    return render(
        request,
        "challenges/register/detail.html",
        {
            "challenge": challenge,
            # The stages of the case; edits and documents added to the draft are not stages.
            "timeline": [
                stage
                for stage in public_timeline(challenge)
                if stage["transition"] not in DRAFT_EDITS
            ],
            "partners": challenge.partner_authorities,
            "letter_document": evidence.decision_letter(challenge),
            "agreements": challenge.agreements.select_related("authority"),
        },
    )
