"""Officers prepare transfer agreements; NHS partners and decision makers approve those their
body is party to."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from agreements import attachments
from agreements import workflow as aw
from agreements.forms import (
    AGREEMENT_FORMS,
    ApprovalForm,
    ContributionForm,
    PartyForm,
    ProposeAgreementForm,
    SignedCopyForm,
    StaffForm,
    TermsForm,
)
from agreements.models import CONTENT_FIELDS, AgreementParty, TransferAgreement
from documents import stored as documents
from portal import audit, law, permissions
from portal.forms import posted, posted_files
from portal.workflow import Refused, available
from procurement.views_common import run_action


def _visible(user):
    """Agreements of the user's authorities, and those their NHS body is party to."""
    officer = (
        TransferAgreement.objects.for_officer(user)
        if permissions.is_staff_anywhere(user)
        else TransferAgreement.objects.none()
    )
    nhs = TransferAgreement.objects.for_nhs_partner(user)
    return TransferAgreement.objects.filter(
        Q(pk__in=officer.values("pk")) | Q(pk__in=nhs.values("pk"))
    )


def _agreement(request, reference) -> TransferAgreement:
    if not (permissions.is_staff_anywhere(request.user) or permissions.nhs_body_ids(request.user)):
        raise PermissionDenied
    return get_object_or_404(
        _visible(request.user).select_related("lead_authority"), reference=reference
    )


@login_required
def agreement_list(request):
    if not (permissions.is_staff_anywhere(request.user) or permissions.nhs_body_ids(request.user)):
        raise PermissionDenied
    agreements = _visible(request.user).select_related("lead_authority").order_by("-created_at")
    return render(
        request,
        "agreements/manage/list.html",
        {
            "agreements": agreements,
            "can_propose": permissions.is_staff_anywhere(request.user),
        },
    )


@login_required
def agreement_new(request):
    authorities = permissions.authorities(request.user)
    if not authorities.exists():
        raise PermissionDenied
    form = ProposeAgreementForm(
        posted(request),
        authorities=authorities,
        initial={"lead_authority": authorities.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement = aw.propose(request.user, **form.cleaned_data)
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, f"Agreement {agreement.reference} is proposed")
            return redirect(agreement.get_absolute_url())
    return render(request, "agreements/manage/new.html", {"form": form})


@login_required
def agreement_detail(request, reference):
    agreement = _agreement(request, reference)
    table, years, party_totals, total = agreement.contribution_table()
    parties = list(agreement.parties.select_related("authority", "nhs_body", "approved_by"))
    approvable = aw.approvable_parties(agreement, request.user)
    return render(
        request,
        "agreements/manage/detail.html",
        {
            "agreement": agreement,
            "parties": parties,
            "years": sorted(years.items()),
            "rows": [
                (p, [table.get(y, {}).get(p) for y in sorted(years)], party_totals.get(p))
                for p in parties
                if p in party_totals
            ],
            "total": total,
            "staff": agreement.staff.select_related(
                "from_party__authority",
                "from_party__nhs_body",
                "to_party__authority",
                "to_party__nhs_body",
            ),
            "versions": agreement.versions.all(),
            "actions": [
                (name, aw.LABELS[name]) for name in available("agreement", agreement, request.user)
            ],
            "editable": agreement.state in aw.EDITABLE_STATES
            and permissions.is_officer(request.user, agreement.lead_authority_id),
            "parties_editable": agreement.state in aw.PARTY_STATES
            and permissions.is_officer(request.user, agreement.lead_authority_id),
            "approvable": approvable,
            "approval_form": ApprovalForm(parties=_party_qs(approvable)) if approvable else None,
            "contents": _contents(agreement),
            "functions": [
                law.label(law.AGREEMENT_COUNCIL_FUNCTIONS, s) for s in agreement.council_functions
            ]
            + [law.label(law.AGREEMENT_NHS_FUNCTIONS, s) for s in agreement.nhs_functions],
            "events": audit.events_for(agreement),
            "signed_copies": attachments.signed_copies(agreement),
            "can_upload_signed_copy": attachments.may_upload_signed_copy(agreement, request.user),
        },
    )


def _contents(agreement) -> list[tuple[str, str]]:
    """What the agreement specifies (SI 2000/617 reg 7), each with its text."""
    return [
        (label, getattr(agreement, CONTENT_FIELDS[slug])) for slug, label in law.AGREEMENT_CONTENTS
    ]


def _party_qs(parties):
    return AgreementParty.objects.filter(pk__in=[p.pk for p in parties]).select_related(
        "authority", "nhs_body"
    )


@login_required
def approve(request, reference):
    agreement = _agreement(request, reference)
    approvable = aw.approvable_parties(agreement, request.user)
    form = ApprovalForm(posted(request), parties=_party_qs(approvable))
    if request.method == "POST" and form.is_valid():
        try:
            party = aw.approve(
                agreement,
                form.cleaned_data["party"],
                request.user,
                approval_reference=form.cleaned_data["approval_reference"],
            )
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, f"{party.name}'s approval is recorded")
            return redirect(agreement.get_absolute_url())
    return render(
        request,
        "agreements/manage/approve.html",
        {
            "agreement": agreement,
            "form": form,
            "allowed": bool(approvable),
            "contents": _contents(agreement),
        },
    )


@login_required
def signed_copy(request, reference):
    """The signed copy uploaded after signing, by an officer of a party authority."""
    agreement = _agreement(request, reference)
    if not attachments.may_upload_signed_copy(agreement, request.user):
        raise PermissionDenied
    form = SignedCopyForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        try:
            attachments.add_signed_copy(
                form.cleaned_data["signed_copy"],
                agreement,
                request.user,
                confidential=form.cleaned_data["confidential"],
            )
        except documents.StorageUnavailable as exc:
            form.add_error("signed_copy", exc.message)
        else:
            messages.success(request, "The signed copy is uploaded")
            return redirect(agreement.get_absolute_url())
    return render(
        request,
        "agreements/manage/form.html",
        {
            "agreement": agreement,
            "form": form,
            "heading": "Upload the signed copy",
            "button": "Upload the signed copy",
        },
    )


@login_required
def edit_terms(request, reference):
    agreement = _agreement(request, reference)
    fields = list(TermsForm.base_fields)
    initial = {name: getattr(agreement, name) for name in fields}
    form = TermsForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            aw.update_terms(agreement, request.user, **form.cleaned_data)
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, "The terms are saved")
            return redirect(agreement.get_absolute_url())
    return render(
        request,
        "agreements/manage/form.html",
        {
            "agreement": agreement,
            "form": form,
            "heading": "Terms of the agreement",
            "button": "Save the terms",
        },
    )


def _simple(request, reference, form_class, call, heading, button, success):
    agreement = _agreement(request, reference)
    form = (
        form_class(posted(request), agreement=agreement)
        if form_class in (ContributionForm, StaffForm)
        else form_class(posted(request))
    )
    if request.method == "POST" and form.is_valid():
        try:
            call(agreement, request.user, **form.cleaned_data)
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, success)
            return redirect(agreement.get_absolute_url())
    return render(
        request,
        "agreements/manage/form.html",
        {"agreement": agreement, "form": form, "heading": heading, "button": button},
    )


@login_required
def add_party(request, reference):
    return _simple(
        request,
        reference,
        PartyForm,
        aw.add_party,
        "Add a party",
        "Add the party",
        "The party is added",
    )


@login_required
def add_contribution(request, reference):
    return _simple(
        request,
        reference,
        ContributionForm,
        aw.set_contribution,
        "Contribution to the pooled fund",
        "Save the contribution",
        "The contribution is saved",
    )


@login_required
def add_staff(request, reference):
    return _simple(
        request,
        reference,
        StaffForm,
        aw.add_staff,
        "Staff transferring or seconded",
        "Add the staff",
        "The staff arrangement is added",
    )


@login_required
def agreement_action(request, reference, name):
    agreement = _agreement(request, reference)
    if name not in AGREEMENT_FORMS:
        raise Http404
    return run_action(
        request,
        agreement,
        name,
        AGREEMENT_FORMS[name],
        machine="agreement",
        template="agreements/manage/action.html",
        context={"agreement": agreement},
    )
