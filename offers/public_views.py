"""Public addresses of offers: /offers/ (with filters: addressee, sector, outcome, year) and
/offers/<reference>/ (every addressee's answer and timing side by side; never the confidential
parts)."""

from django.core.paginator import Paginator
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404, render

from offers import publication
from offers.models import OfferAddressee, OfferState
from portal import law
from portal.models import Authority, NhsBody, Organisation, ServiceCategory

PAGE_SIZE = 20


def _addressee_choices():
    """The bodies offers have been made to, as filter values ("a-<slug>", "n-<ODS>", "o-<slug>")."""
    rows = OfferAddressee.objects.all()
    choices = [
        (f"a-{a.slug}", a.nice_name)
        for a in Authority.objects.filter(pk__in=rows.values("authority_id"))
    ]
    choices += [
        (f"n-{n.ods_code}", n.name)
        for n in NhsBody.objects.filter(pk__in=rows.values("nhs_body_id"))
    ]
    choices += [
        (f"o-{o.slug}", o.name)
        for o in Organisation.objects.filter(pk__in=rows.values("organisation_id"))
    ]
    return sorted(choices, key=lambda c: c[1])


def _filter_addressee(offers, value):
    kind, _, key = value.partition("-")
    lookup = {
        "a": "addressees__authority__slug",
        "n": "addressees__nhs_body__ods_code",
        "o": "addressees__organisation__slug",
    }.get(kind)
    return offers.filter(**{lookup: key}) if lookup and key else offers


def offer_list(request):
    offers = publication.public_offers()
    selected = {
        k: request.GET.get(k, "") for k in ("addressee", "sector", "theme", "outcome", "year")
    }
    if selected["addressee"]:
        offers = _filter_addressee(offers, selected["addressee"])
    if selected["sector"] in dict(law.OFFER_SECTORS):
        offers = offers.filter(sector=selected["sector"])
    if selected["theme"]:
        offers = offers.filter(service__category__slug=selected["theme"])
    if selected["outcome"] in dict(law.OFFER_OUTCOMES):
        offers = offers.filter(addressees__outcome=selected["outcome"])
    elif selected["outcome"] in OfferState.values:
        offers = offers.filter(state=selected["outcome"])
    if selected["year"].isdigit():
        offers = offers.filter(received_on__year=int(selected["year"]))
    page = Paginator(offers.distinct().order_by("-received_on", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = [publication.offer_public_fields(o) for o in page.object_list]
    years = (
        publication.public_offers()
        .annotate(y=ExtractYear("received_on"))
        .values_list("y", flat=True)
        .distinct()
        .order_by("-y")
    )
    return render(
        request,
        "offers/public/list.html",
        {
            "page_obj": page,
            "selected": selected,
            "addressees": _addressee_choices(),
            "sectors": law.OFFER_SECTORS,
            "themes": ServiceCategory.objects.filter(
                services__innovation_offers__isnull=False
            ).distinct(),
            "outcomes": [*law.OFFER_OUTCOMES, *OfferState.choices],
            "years": [str(y) for y in years],
            "law": law,
        },
    )


def offer_detail(request, reference):
    offer = get_object_or_404(publication.public_offers(), reference=reference)
    return render(
        request,
        "offers/public/offer.html",
        {
            "offer": offer,
            "fields": publication.offer_public_fields(offer),
            "timeline": publication.timeline(offer),
            "law": law,
        },
    )
