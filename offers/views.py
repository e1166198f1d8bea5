"""Signed-in pages: an organisation's members make, follow and withdraw its offers; the people
who answer for an addressee (an authority's officers and decision makers, an NHS body's partners,
a partner organisation's members) acknowledge, meet, and answer with reasons. Object-level
permission: a person sees an offer here only as its offeror or as one of its addressees."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from offers import publication
from offers import workflow as ow
from offers.forms import AnswerForm, MeetingForm, OfferForm, StandardForm, WithdrawForm
from offers.models import Offer, OfferAddressee, ResponseStandard
from portal import law, permissions
from portal.forms import posted
from portal.models import NhsBody, Role
from portal.workflow import Refused, allowed


def _context(offer, **extra) -> dict:
    return {
        "offer": offer,
        "fields": publication.offer_public_fields(offer),
        "law": law,
        "addressees": list(
            offer.addressees.select_related("authority", "nhs_body", "organisation", "standard")
        ),
        "meetings": offer.meetings.select_related(
            "addressee__authority", "addressee__nhs_body", "addressee__organisation"
        ),
        # Every part, the confidential ones marked: for the offeror and the addressees only.
        "offer_contents": [
            (label, getattr(offer, slug), offer.is_confidential(slug))
            for slug, label in law.OFFER_CONTENTS
        ],
        **extra,
    }


# --- the offeror ----------------------------------------------------------------------------------


@login_required
def offer_new(request):
    organisations = permissions.organisations(request.user)
    if not organisations.exists():
        return render(request, "offers/no_organisation.html", {"law": law}, status=403)
    form = OfferForm(
        posted(request),
        organisations=organisations,
        initial={"organisation": organisations.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            offer = ow.submit(request.user, **form.submission())
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, f"Your offer {offer.reference} was received")
            return redirect("offers:yours", reference=offer.reference)
    return render(request, "offers/new.html", {"form": form, "law": law})


@login_required
def my_offers(request):
    offers = Offer.objects.for_offeror(request.user).select_related("organisation")
    return render(request, "offers/mine.html", {"offers": offers, "law": law})


def _own(request, reference) -> Offer:
    return get_object_or_404(Offer.objects.for_offeror(request.user), reference=reference)


@login_required
def my_offer(request, reference):
    offer = _own(request, reference)
    return render(
        request,
        "offers/yours.html",
        _context(
            offer,
            can_withdraw=allowed("offer", offer, "withdraw", request.user),
            confidential_shown=True,
        ),
    )


@login_required
def withdraw(request, reference):
    offer = _own(request, reference)
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            ow.withdraw(offer, request.user, reason=form.cleaned_data["reason"])
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, f"Offer {offer.reference} is withdrawn")
            return redirect("offers:yours", reference=offer.reference)
    return render(request, "offers/withdraw.html", {"offer": offer, "form": form})


# --- the addressees -------------------------------------------------------------------------------


@login_required
def manage_list(request):
    offers = Offer.objects.for_addressee(request.user).select_related("organisation")
    return render(request, "offers/manage_list.html", {"offers": offers})


def _addressed(request, reference) -> Offer:
    return get_object_or_404(Offer.objects.for_addressee(request.user), reference=reference)


def _addressee(request, offer, pk) -> OfferAddressee:
    row = get_object_or_404(
        offer.addressees.select_related("authority", "nhs_body", "organisation"), pk=pk
    )
    if not row.answers_for(request.user):
        raise PermissionDenied
    return row


@login_required
def manage(request, reference):
    offer = _addressed(request, reference)
    context = _context(offer, confidential_shown=True)
    context["mine"] = {a.pk for a in context["addressees"] if a.answers_for(request.user)}
    context["open"] = offer.state in ow.ADDRESSEE_STATES
    return render(request, "offers/manage.html", context)


@login_required
@require_POST
def addressee_step(request, reference, addressee, step):
    offer = _addressed(request, reference)
    row = _addressee(request, offer, addressee)
    run = ow.acknowledge if step == "acknowledge" else ow.start_assessment
    try:
        run(offer, row, request.user)
    except Refused as refused:
        for problem in refused.problems:
            messages.error(request, problem)
    else:
        done = "acknowledged the offer" if step == "acknowledge" else "started assessing"
        messages.success(request, f"{row.name} has {done}")
    return redirect("offers:manage", reference=offer.reference)


def _addressee_form(request, reference, addressee, form_class, run, template, done):
    offer = _addressed(request, reference)
    row = _addressee(request, offer, addressee)
    form = form_class(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            run(offer, row, request.user, **form.cleaned_data)
        except Refused as refused:
            for problem in refused.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, done.format(name=row.name))
            return redirect("offers:manage", reference=offer.reference)
    return render(request, template, {"offer": offer, "addressee": row, "form": form, "law": law})


@login_required
def meeting(request, reference, addressee):
    return _addressee_form(
        request,
        reference,
        addressee,
        MeetingForm,
        ow.record_meeting,
        "offers/meeting.html",
        "The meeting with the offeror is recorded for {name}",
    )


@login_required
def answer(request, reference, addressee):
    return _addressee_form(
        request,
        reference,
        addressee,
        AnswerForm,
        ow.give_answer,
        "offers/answer.html",
        "{name}'s answer is recorded and published",
    )


# --- response standards ---------------------------------------------------------------------------


def _standard_bodies(user) -> dict:
    """The bodies whose standard this person may publish: their authorities (authority admins),
    their NHS bodies (NHS partners), their organisations (organisation admins)."""
    bodies = {}
    for a in permissions.authorities(user, (Role.AUTHORITY_ADMIN,)):
        bodies[f"authority-{a.pk}"] = (a.nice_name, {"authority": a})
    for n in NhsBody.objects.filter(pk__in=permissions.nhs_body_ids(user)):
        bodies[f"nhs-{n.pk}"] = (n.name, {"nhs_body": n})
    for o in permissions.organisations(user, admin_only=True):
        bodies[f"organisation-{o.pk}"] = (o.name, {"organisation": o})
    return bodies


@login_required
def standards(request):
    bodies = _standard_bodies(request.user)
    if not bodies:
        raise PermissionDenied
    form = StandardForm(posted(request), bodies=bodies)
    if request.method == "POST" and form.is_valid():
        standard = form.make(request.user)
        messages.success(request, f"The response standard of {standard.name} is published")
        return redirect("offers:standards")
    history = [(name, ResponseStandard.objects.filter(**body)) for name, body in bodies.values()]
    return render(request, "offers/standards.html", {"form": form, "history": history})
