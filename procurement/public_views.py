"""Public pages: published procurement notices with their OCDS release packages, and published
transfer agreements. Fields come from procurement.publication (no personal data, nothing
commercially confidential)."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response, set_response_etag

from portal import permissions
from portal.models import Authority
from procurement import ocds
from procurement.models import ExpressionOfInterest, ProcurementExercise, State
from procurement.publication import (
    exercise_public_fields,
    published_exercises,
)

PAGE_SIZE = 20


def authority_filter(request, queryset, lookup):
    slug = request.GET.get("authority", "")
    if slug:
        queryset = queryset.filter(**{f"{lookup}__slug": slug})
    return queryset, slug


def exercise_list(request):
    exercises, authority = authority_filter(request, published_exercises(), "authority")
    state = request.GET.get("state", "")
    if state in State.values:
        exercises = exercises.filter(state=state)
    page = Paginator(exercises.order_by("-started_on", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = [exercise_public_fields(e) for e in page.object_list]
    return render(
        request,
        "procurement/public/list.html",
        {
            "page_obj": page,
            "authorities": Authority.objects.filter(
                procurement_exercises__notices__isnull=False
            ).distinct(),
            "states": State.choices,
            "selected": {"authority": authority, "state": state},
        },
    )


def exercise_detail(request, reference):
    exercise = get_object_or_404(published_exercises(), reference=reference)
    organisations = list(permissions.organisations(request.user))
    # One expression of interest per organisation and exercise: those it has are shown as theirs,
    # and only the other organisations are offered a new one.
    theirs = list(
        ExpressionOfInterest.objects.filter(
            exercise=exercise, organisation__in=organisations
        ).select_related("organisation")
    )
    started = {interest.organisation_id for interest in theirs}
    return render(
        request,
        "procurement/public/detail.html",
        {
            "exercise": exercise,
            "fields": exercise_public_fields(exercise),
            "tender_is_open": exercise.tender_is_open,
            "organisations": [o for o in organisations if o.pk not in started],
            "signed_in_member": bool(organisations),
            "interests": theirs,
        },
    )


def exercise_ocds(request, reference):
    # The package is made of the stored releases only: no related rows to select with it.
    exercise = get_object_or_404(
        ProcurementExercise.objects.published().only("pk", "reference"), reference=reference
    )
    response = JsonResponse(
        ocds.release_package(exercise), json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Access-Control-Allow-Origin"] = "*"
    # As the API's packages: anyone's cache may keep it, asking again each time (ETag, 304).
    response["Cache-Control"] = "public, no-cache"
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)
