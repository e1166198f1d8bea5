"""The provider journey: choose a service, answer each statutory section of the task list, check
the answers and submit; then follow the case, answer clarifications, reply to a modification,
withdraw."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from documents import stored as documents
from portal import permissions
from portal.forms import posted, posted_files
from portal.models import ServiceSpecificationPage
from portal.params import object_id
from portal.workflow import Refused, act, available, perform, public_timeline

from . import eligibility, evidence, workflow
from .forms import (
    SECTIONS,
    SECTIONS_BY_SLUG,
    AnswerForm,
    ModificationReplyForm,
    PartnerForm,
    WithdrawForm,
    section_form_class,
    start_form_class,
)
from .models import Challenge, State, is_body_member


def _own_challenge(request, pk, draft_only=False) -> Challenge:
    challenge = get_object_or_404(
        Challenge.objects.select_related("service", "authority", "organisation"), pk=pk
    )
    if not permissions.is_member(request.user, challenge.organisation_id):
        raise Http404
    if draft_only and challenge.state != State.DRAFT:
        raise NotADraft(challenge)
    return challenge


class NotADraft(Exception):
    """The page edits a draft, and this challenge has been submitted (or withdrawn) since."""

    def __init__(self, challenge):
        super().__init__(challenge.pk)
        self.challenge = challenge


def drafts_only(view):
    """A second click on "Submit", or an old bookmark, lands on the case instead of an error."""

    @wraps(view)
    def wrapped(request, pk, *args, **kwargs):
        try:
            return view(request, pk, *args, **kwargs)
        except NotADraft as exc:
            messages.info(request, f"This challenge is {exc.challenge.get_state_display().lower()}")
            return redirect("challenges:case", pk=exc.challenge.pk)

    return wrapped


RETURN_TO_CHECK = "check"


def _return_to(request, challenge) -> tuple[str, str]:
    """Where a question page goes back to, and the query string that keeps it there: the
    check-answers page when its "Change" link opened the page (`?return=check`; no other value
    is used, so the parameter cannot send anyone elsewhere), else the task list."""
    if request.GET.get("return") == RETURN_TO_CHECK:
        return reverse("challenges:check", args=[challenge.pk]), f"?return={RETURN_TO_CHECK}"
    return reverse("challenges:case", args=[challenge.pk]), ""


def _sections(challenge: Challenge):
    status = challenge.contents_status()
    return [
        {"section": s, "done": status[s.slug]}
        for s in SECTIONS
        if not (s.employee_only and not challenge.is_employee_group)
    ]


@login_required
def mine(request):
    challenges = (
        Challenge.objects.for_body_member(request.user)
        .select_related("service", "authority", "organisation")
        .order_by("-updated_at")
    )
    return render(
        request,
        "challenges/mine.html",
        {"challenges": challenges, "organisations": permissions.organisations(request.user)},
    )


@login_required
def new(request):
    service = (
        ServiceSpecificationPage.objects.live()
        .public()
        .select_related("authority")
        .filter(pk=object_id(request.GET.get("service")))
        .first()
        if object_id(request.GET.get("service"))
        else None
    )
    if service is None:
        return render(request, "challenges/choose_service.html", status=404 if request.GET else 200)
    if service.excluded:  # a draft that could never be submitted helps nobody (SI 2012/1313)
        return render(request, "challenges/cannot_challenge.html", {"service": service}, status=403)
    organisations = permissions.organisations(request.user)
    if not organisations.exists():
        return render(request, "challenges/no_organisation.html", {"service": service})
    form = start_form_class(organisations, service)(
        posted(request),
        initial={"organisation": organisations.first()} if organisations.count() == 1 else None,
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        existing = Challenge.objects.filter(
            service=service, organisation=organisation, state=State.DRAFT
        ).first()
        if existing:
            messages.info(request, "You already have a draft challenge to this service: here it is")
            return redirect("challenges:case", pk=existing.pk)
        challenge = Challenge.objects.create(
            service=service,
            authority=service.authority,
            organisation=organisation,
            created_by=request.user,
        )
        return redirect("challenges:case", pk=challenge.pk)
    return render(
        request,
        "challenges/new.html",
        {
            "form": form,
            "service": service,
            "accepting": service.accepting_challenges(),
            "window": service.open_window(),
        },
    )


@login_required
def case(request, pk):
    challenge = _own_challenge(request, pk)
    if challenge.state == State.DRAFT:
        sections = _sections(challenge)
        return render(
            request,
            "challenges/task_list.html",
            {
                "challenge": challenge,
                "sections": sections,
                "completed": sum(1 for s in sections if s["done"]),
            },
        )
    return render(
        request,
        "challenges/case.html",
        {
            "challenge": challenge,
            "thread": challenge.messages.all(),
            "timeline": public_timeline(challenge),
            "can": set(available("challenge", challenge, request.user))
            | ({"withdraw"} if _may_withdraw_after_decision(challenge, request.user) else set()),
            "answer_form": AnswerForm(),
            "reply_form": ModificationReplyForm(),
            "documents": evidence.for_challenge(challenge),
            "letter_document": evidence.decision_letter(challenge),
            "eligibility_text": eligibility.described(challenge.organisation),
        },
    )


@login_required
@drafts_only
def section(request, pk, slug):
    challenge = _own_challenge(request, pk, draft_only=True)
    spec = SECTIONS_BY_SLUG.get(slug)
    if spec is None or (spec.employee_only and not challenge.is_employee_group):
        raise Http404
    back_url, keep_return = _return_to(request, challenge)
    form = section_form_class(spec)(posted(request), posted_files(request), instance=challenge)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("evidence")
        try:
            act(
                "challenge",
                challenge,
                "section_edited",
                request.user,
                form=form,
                section=spec.slug,
                upload=upload,
                kind=evidence.SECTION_KINDS.get(spec.slug, ""),
            )
        except documents.StorageUnavailable as exc:
            form.add_error("evidence", exc.message)
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            if spec.slug == "consortium_members":
                if challenge.has_partners:
                    partners_url = reverse("challenges:partners", args=[challenge.pk])
                    return redirect(partners_url + keep_return)
                for partner in challenge.partners.all():  # "No": those listed before are not part
                    evidence.remove_partner(partner)
            if upload:
                messages.success(request, f"{upload.name} is uploaded")
            return redirect(back_url)
    kind = evidence.SECTION_KINDS.get(spec.slug)
    return render(
        request,
        "challenges/section.html",
        {
            "challenge": challenge,
            "spec": spec,
            "form": form,
            "back_url": back_url,
            "returning": bool(keep_return),
            "documents": documents.for_owner(challenge).filter(kind=kind) if kind else [],
        },
    )


@login_required
@drafts_only
def partners(request, pk):
    challenge = _own_challenge(request, pk, draft_only=True)
    back_url, keep_return = _return_to(request, challenge)
    form = PartnerForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        partner = form.save(commit=False)
        partner.challenge = challenge
        upload = form.cleaned_data.get("evidence")
        try:
            with documents.atomic():
                partner.save()
                if upload:
                    evidence.add_to_draft(
                        upload, challenge, evidence.PARTNER, request.user, owner=partner
                    )
        except documents.StorageUnavailable as exc:
            partner.pk = None
            form.add_error("evidence", exc.message)
        else:
            messages.success(request, f"{partner.name} is added")
            return redirect(reverse("challenges:partners", args=[challenge.pk]) + keep_return)
    partners = challenge.partners.all()
    return render(
        request,
        "challenges/partners.html",
        {
            "challenge": challenge,
            "form": form,
            "partners": [(p, documents.for_owner(p)) for p in partners],
            "back_url": back_url,
            "returning": bool(keep_return),
        },
    )


@login_required
@require_POST
@drafts_only
def partner_remove(request, pk, partner_pk):
    challenge = _own_challenge(request, pk, draft_only=True)
    partner = get_object_or_404(challenge.partners, pk=partner_pk)
    evidence.remove_partner(partner)
    messages.success(request, f"{partner.name} is removed")
    return redirect("challenges:partners", pk=challenge.pk)


@login_required
@require_POST
@drafts_only
def document_remove(request, pk, document_pk):
    challenge = _own_challenge(request, pk, draft_only=True)
    document = evidence.of_draft(challenge, document_pk)
    if document is None:
        raise Http404
    evidence.remove_from_draft(document, challenge, request.user)
    messages.success(request, f"{document.name} is removed")
    if document.kind == evidence.PARTNER:
        return redirect("challenges:partners", pk=challenge.pk)
    slug = {kind: slug for slug, kind in evidence.SECTION_KINDS.items()}[document.kind]
    return redirect("challenges:section", pk=challenge.pk, slug=slug)


def _answers(challenge: Challenge):
    rows = []
    for item in _sections(challenge):
        spec = item["section"]
        if spec.slug == "consortium_members":
            value = {True: "Yes", False: "No", None: ""}[challenge.has_partners]
        else:
            value = getattr(challenge, spec.fields[0])
        rows.append({"section": spec, "value": value, "done": item["done"]})
    return rows


@login_required
@drafts_only
def check(request, pk):
    challenge = _own_challenge(request, pk, draft_only=True)
    problems = []
    if request.method == "POST":
        try:
            perform("challenge", challenge, "submit", request.user)
        except Refused as refused:
            problems = refused.problems
        else:
            return redirect("challenges:submitted", pk=challenge.pk)
    return render(
        request,
        "challenges/check.html",
        {
            "challenge": challenge,
            "answers": _answers(challenge),
            "partners": challenge.partners.all(),
            "documents": evidence.for_challenge(challenge),
            "problems": [(p, _problem_link(challenge, p)) for p in problems],
        },
    )


@login_required
def submitted(request, pk):
    """The GOV.UK confirmation page after submitting: the reference and what happens next."""
    challenge = _own_challenge(request, pk)
    if not challenge.reference:
        return redirect("challenges:case", pk=challenge.pk)
    return render(request, "challenges/submitted.html", {"challenge": challenge})


def _problem_link(challenge, problem: str) -> str:
    """Send each problem of the error summary to the page where it can be put right."""
    for slug, text in workflow.SECTION_PROBLEMS:
        if text == problem:
            return reverse("challenges:section", args=[challenge.pk, slug])
    return "#main-content"


def _may_withdraw_after_decision(challenge, user) -> bool:
    """s.84(10): a member of the body may withdraw an accepted challenge too (an action)."""
    return (
        challenge.state in (State.ACCEPTED, State.PROCUREMENT_STARTED)
        and not challenge.withdrawn_at
        and is_body_member(challenge, user)
    )


@login_required
def withdraw(request, pk):
    challenge = _own_challenge(request, pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if challenge.is_decided:  # s.84(10)-(11): after the decision the state stays
                act("challenge", challenge, "withdraw_after_decision", request.user, reason=reason)
            else:
                perform("challenge", challenge, "withdraw", request.user, reason=reason)
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, "Your challenge is withdrawn")
            return redirect("challenges:case", pk=challenge.pk)
    return render(request, "challenges/withdraw.html", {"challenge": challenge, "form": form})


@login_required
def answer(request, pk):
    challenge = _own_challenge(request, pk)
    form = AnswerForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        attachment = form.cleaned_data.get("attachment")
        try:
            perform(
                "challenge",
                challenge,
                "answer_clarification",
                request.user,
                answer=form.cleaned_data["answer"],
                attachments=[attachment] if attachment else [],
            )
        except Refused as refused:
            challenge = _own_challenge(request, pk)  # as it is now, not as the attempt left it
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, "Your answer is sent")
            return redirect("challenges:case", pk=challenge.pk)
    return render(request, "challenges/answer.html", {"challenge": challenge, "form": form})


@login_required
def modification(request, pk):
    challenge = _own_challenge(request, pk)
    form = ModificationReplyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        name = f"{form.cleaned_data['reply']}_modification"
        try:
            perform("challenge", challenge, name, request.user)
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(
                request,
                "You agreed to the modification: the challenge is accepted"
                if name == "agree_modification"
                else "You declined the modification: the challenge is rejected",
            )
            return redirect("challenges:case", pk=challenge.pk)
    return render(request, "challenges/modification.html", {"challenge": challenge, "form": form})
