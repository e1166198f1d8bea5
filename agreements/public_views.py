"""Public addresses of agreements: /agreements/ and /agreements/<reference>/."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from agreements import attachments
from agreements.models import PUBLISHED_STATES
from agreements.publication import agreement_public_fields, published_agreements
from portal.models import Authority
from procurement.public_views import PAGE_SIZE, authority_filter


def agreement_list(request):
    agreements, authority = authority_filter(request, published_agreements(), "parties__authority")
    kind = request.GET.get("type", "")
    if kind:
        agreements = agreements.filter(agreement_type=kind)
    page = Paginator(agreements.distinct().order_by("-signed_on", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = [agreement_public_fields(a) for a in page.object_list]
    return render(
        request,
        "agreements/public/list.html",
        {
            "page_obj": page,
            "authorities": Authority.objects.filter(
                led_agreements__state__in=PUBLISHED_STATES
            ).distinct(),
            "selected": {"authority": authority, "type": kind},
        },
    )


def agreement_detail(request, reference):
    agreement = get_object_or_404(published_agreements(), reference=reference)
    return render(
        request,
        "agreements/public/agreement.html",
        {
            "fields": agreement_public_fields(agreement),
            "signed_copy": attachments.public_signed_copy(agreement),
        },
    )
