"""Officers run procurement exercises: the list, opening one, each stage, assessing interests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from challenges.models import Challenge
from challenges.models import State as ChallengeState
from portal import audit, law, permissions
from portal.forms import posted
from portal.models import ServiceSpecificationPage
from portal.params import object_id
from portal.workflow import Refused, allowed, available, perform
from procurement import attachments, exercise_workflow
from procurement.forms import EXERCISE_FORMS, AssessForm, OpenExerciseForm, ProposeAwardForm
from procurement.models import ExpressionOfInterest, InterestState, ProcurementExercise, State
from procurement.regimes import stage_notice
from procurement.views_common import run_action


def _staff_only(request):
    if not permissions.is_staff_anywhere(request.user):
        raise PermissionDenied


def _exercise(request, reference) -> ProcurementExercise:
    _staff_only(request)
    return get_object_or_404(
        ProcurementExercise.objects.for_officer(request.user).select_related(
            "authority", "service", "challenge", "supplier"
        ),
        reference=reference,
    )


@login_required
def exercise_list(request):
    _staff_only(request)
    exercises = ProcurementExercise.objects.for_officer(request.user).select_related(
        "authority", "service"
    )
    state = request.GET.get("state", "")
    if state in State.values:
        exercises = exercises.filter(state=state)
    # cases whose exercise this officer may open: those of a service of the officer's authority
    accepted = Challenge.objects.for_officer(request.user).filter(state=ChallengeState.ACCEPTED)
    if not permissions.is_site_admin(request.user):
        accepted = accepted.filter(
            service__authority_id__in=permissions.authority_ids(request.user)
        )
    return render(
        request,
        "procurement/officer/list.html",
        {
            "page_obj": Paginator(exercises, 25).get_page(request.GET.get("page")),
            "states": State.choices,
            "selected": state,
            # earliest_procurement_start reads the authority's minimum period.
            "accepted": accepted.select_related(
                "service", "organisation", "authority"
            ).prefetch_related("authority__period_versions"),  # the periods in force (s.84)
        },
    )


@login_required
def exercise_new(request):
    _staff_only(request)
    challenge = None
    challenge_id, service_id = (object_id(request.GET.get(n)) for n in ("challenge", "service"))
    if challenge_id:
        challenge = get_object_or_404(Challenge.objects.for_officer(request.user), pk=challenge_id)
        service = challenge.service
    elif service_id:
        service = get_object_or_404(ServiceSpecificationPage.objects.live(), pk=service_id)
    else:
        services = ServiceSpecificationPage.objects.live().filter(
            authority__in=permissions.authorities(request.user)
        )
        return render(request, "procurement/officer/choose_service.html", {"services": services})
    if not permissions.is_officer(request.user, service.authority_id):
        raise PermissionDenied
    initial = {"title": service.title, "description": service.summary}
    form = OpenExerciseForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            exercise = exercise_workflow.open_exercise(
                request.user, service=service, challenge=challenge, **form.cleaned_data
            )
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, f"Procurement exercise {exercise.reference} is open")
            return redirect(exercise.get_absolute_url())
    return render(
        request,
        "procurement/officer/new.html",
        {"form": form, "service": service, "challenge": challenge},
    )


@login_required
def exercise_detail(request, reference):
    exercise = _exercise(request, reference)
    return render(
        request,
        "procurement/officer/exercise.html",
        {
            "exercise": exercise,
            "actions": [
                (name, exercise_workflow.LABELS[name])
                for name in available("exercise", exercise, request.user)
            ],
            "notices": exercise.notices.all(),
            "interests": exercise.interests.exclude(state=InterestState.DRAFT).select_related(
                "organisation"
            ),
            "events": audit.events_for(exercise),
        },
    )


@login_required
def exercise_action(request, reference, name):
    exercise = _exercise(request, reference)
    if name not in EXERCISE_FORMS:
        raise Http404
    form_class = EXERCISE_FORMS[name]
    form_kwargs = {"exercise": exercise} if form_class is ProposeAwardForm else {}
    return run_action(
        request,
        exercise,
        name,
        form_class,
        machine="exercise",
        template="procurement/officer/action.html",
        context={"exercise": exercise, **stage_facts(exercise, name)},
        form_kwargs=form_kwargs,
    )


def stage_facts(exercise, name) -> dict:
    """What the officer is shown on a stage's form: the notice it publishes under the exercise's
    regime, the rows of the s.54(4) table for a tender, the standstill rule."""
    code = stage_notice(exercise, name)
    return {
        "stage_notice": f"{code}: {law.label(law.FIND_A_TENDER_NOTICES, code)}" if code else "",
        "stage_notice_source": law.NOTICE_SOURCES.get(code, "") if code else "",
        "notice_stage": name in law.STAGE_NOTICES,
        "tendering_rows": (
            law.TENDERING_PERIOD_ROWS if exercise.regime in law.TENDERING_PERIOD_REGIMES else None
        ),
        "minimum_standstill": exercise.minimum_standstill,
    }


@login_required
def assess(request, pk):
    _staff_only(request)
    interest = get_object_or_404(
        ExpressionOfInterest.objects.for_officer(request.user).select_related(
            "exercise__authority", "organisation"
        ),
        pk=pk,
    )
    form = AssessForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        name = data.pop("decision")
        try:
            perform("interest", interest, name, request.user, **data)
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, f"The assessment of {interest.reference} is recorded")
            return redirect(interest.exercise.get_absolute_url())
    return render(
        request,
        "procurement/officer/assess.html",
        {
            "interest": interest,
            "exercise": interest.exercise,
            "form": form,
            "documents": attachments.for_interest(interest),
            "allowed": interest.state == InterestState.UNDER_EVALUATION
            and allowed("interest", interest, "shortlist", request.user),
        },
    )
