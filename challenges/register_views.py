"""The public register of decisions (s.83(5)): decided challenges only, and no personal data."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render

from portal import audit, law
from portal.models import Authority

from . import evidence
from .models import Challenge, Outcome

PAGE_SIZE = 20
DRAFT_EDITS = ("document_added", "document_removed", "section_edited")


def _published():
    return Challenge.objects.published().select_related("authority", "service", "organisation")


def decision_list(request):
    decisions = _published().order_by("-decided_at")
    authority = request.GET.get("authority", "")
    outcome = request.GET.get("outcome", "")
    ground = request.GET.get("ground", "")
    year = request.GET.get("year", "")
    if authority:  # the lead authority, or a partner in a joint service
        decisions = decisions.filter(
            Q(authority__slug=authority) | Q(service__partner_authorities__slug=authority)
        ).distinct()
    if outcome in Outcome.values:
        decisions = decisions.filter(outcome=outcome)
    if ground in dict(law.REJECTION_GROUNDS):
        decisions = decisions.filter(grounds__icontains=f'"{ground}"')
    years = sorted({d.year for d in _published().dates("decided_at", "year")}, reverse=True)
    if year.isdigit():  # a year without decisions (0, 10000 too) lists none
        in_range = int(year) in years
        decisions = decisions.filter(decided_at__year=int(year)) if in_range else decisions.none()
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "challenges/register/list.html",
        {
            "page_obj": page,
            "authorities": Authority.objects.filter(
                Q(pk__in=_published().values("authority_id"))
                | Q(joint_services__challenges__in=_published())
            )
            .distinct()
            .order_by("nice_name"),
            "outcomes": Outcome.choices,
            "grounds": law.REJECTION_GROUNDS,
            "years": years,
            "selected": {
                "authority": authority,
                "outcome": outcome,
                "ground": ground,
                "year": year,
            },
        },
    )


def decision_detail(request, reference):
    challenge = _published().filter(reference=reference).first()
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
                for stage in audit.public_timeline(challenge)
                if stage["transition"] not in DRAFT_EDITS
            ],
            "partners": challenge.partner_authorities,
            "letter_document": evidence.decision_letter(challenge),
            "agreements": challenge.agreements.select_related("authority"),
        },
    )
