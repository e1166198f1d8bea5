"""Providers register interest in an open exercise and follow their own expressions of interest."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from documents import stored as documents
from portal import permissions
from portal.forms import posted, posted_files
from portal.params import object_id
from portal.workflow import Refused, allowed, perform
from procurement import attachments, interest_workflow
from procurement.forms import InterestForm, WithdrawForm
from procurement.models import ExpressionOfInterest, InterestState, ProcurementExercise


@login_required
def mine(request):
    interests = ExpressionOfInterest.objects.for_body_member(request.user).select_related(
        "exercise__authority", "organisation"
    )
    return render(request, "procurement/provider/mine.html", {"interests": interests})


@login_required
@require_POST
def start(request, reference):
    exercise = get_object_or_404(ProcurementExercise.objects.published(), reference=reference)
    organisations = permissions.organisations(request.user)
    organisation_id = object_id(request.POST.get("organisation"))
    organisation = organisations.filter(pk=organisation_id).first() if organisation_id else None
    if organisation is None:
        organisation = organisations.first()
    if organisation is None:
        messages.error(request, "Register or join an organisation before expressing interest")
        return redirect("account")
    had_one = ExpressionOfInterest.objects.filter(
        exercise=exercise, organisation=organisation
    ).exists()
    try:
        interest = interest_workflow.start(request.user, exercise, organisation)
    except Refused as refused:
        for problem in refused.problems:
            messages.error(request, problem)
        return redirect(exercise.get_public_url())
    if had_one:
        messages.info(
            request,
            f"{organisation.name} already has an expression of interest in {exercise.reference}: "
            "an organisation makes one per exercise, so this is it.",
        )
    return redirect(interest.get_absolute_url())


def _interest(request, pk) -> ExpressionOfInterest:
    interest = get_object_or_404(
        ExpressionOfInterest.objects.select_related("exercise__authority", "organisation"), pk=pk
    )
    member = permissions.is_member(request.user, interest.organisation_id)
    officer = interest.state != InterestState.DRAFT and permissions.is_officer(
        request.user, interest.exercise.authority_id
    )
    if not (member or officer):
        raise PermissionDenied
    interest.viewer_is_member = member
    return interest


def _restore_draft(interest) -> None:
    """The rolled-back answers are gone from the row; the form still shows them."""
    stored = ExpressionOfInterest.objects.filter(pk=interest.pk).values("proposal", "price").get()
    interest.proposal, interest.price = stored["proposal"], stored["price"]


@login_required
def detail(request, pk):
    interest = _interest(request, pk)
    form = None
    if interest.viewer_is_member and interest.state == InterestState.DRAFT:
        initial = {"proposal": interest.proposal, "price": interest.price}
        form = InterestForm(posted(request), posted_files(request), initial=initial)
        if request.method == "POST" and form.is_valid():
            answers = dict(form.cleaned_data)
            upload = answers.pop("document", None)
            try:
                with documents.atomic():  # the answers and the document stand or fall together
                    interest_workflow.save_draft(interest, request.user, **answers)
                    if upload:
                        attachments.add_to_interest(upload, interest, request.user)
                if "submit" in request.POST:
                    perform("interest", interest, "submit", request.user)
            except Refused as refused:
                for problem in refused.problems:
                    form.add_error(None, problem)
            except documents.StorageUnavailable as exc:
                _restore_draft(interest)
                form.add_error("document", exc.message)
            else:
                if interest.state == InterestState.SUBMITTED:
                    return redirect("procurement:interest-submitted", pk=interest.pk)
                messages.success(request, "Your draft is saved")
                return redirect(interest.get_absolute_url())
    return render(
        request,
        "procurement/provider/interest.html",
        {
            "interest": interest,
            "exercise": interest.exercise,
            "form": form,
            "documents": attachments.for_interest(interest),
            "can_withdraw": interest.viewer_is_member
            and allowed("interest", interest, "withdraw", request.user),
            "summary_visible": interest.viewer_is_member and interest.summary_sent_at,
        },
    )


@login_required
def submitted(request, pk):
    """The GOV.UK confirmation page after submitting: the reference and what happens next."""
    interest = _interest(request, pk)
    if not (interest.viewer_is_member and interest.reference):
        return redirect(interest.get_absolute_url())
    return render(request, "procurement/provider/submitted.html", {"interest": interest})


@login_required
def withdraw(request, pk):
    interest = _interest(request, pk)
    if not interest.viewer_is_member:
        raise PermissionDenied
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            perform("interest", interest, "withdraw", request.user, **form.cleaned_data)
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, "Your expression of interest is withdrawn")
            return redirect(interest.get_absolute_url())
    return render(
        request, "procurement/provider/withdraw.html", {"interest": interest, "form": form}
    )
