"""Accounts and organisations: register, confirm the email address, sign in, create or join an
organisation, approve members."""

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from accounts import rate_limits, second_factor
from accounts.forms import JoinOrganisationForm, OrganisationForm, RegistrationForm, SignInForm
from messaging import outbox
from messaging import task_list as tasks
from portal import audit, permissions, roles
from portal.forms import posted
from portal.models import Membership, Organisation, User

CONFIRM_SALT = "portal.confirm-email"
CONFIRM_MAX_AGE = 3 * 24 * 3600


def safe_next(request, url: str | None) -> str:
    """`url` when it is an address on this site (where to go after signing in), else ""."""
    url = (url or "").strip()
    # A path only: redirect() would read "admin" as the name of a view.
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, {request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def requested_next(request) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


def with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def confirmation_link(request, user: User, next_url: str = "") -> str:
    """The link in the confirmation email; it carries where the person was going (signed with
    the token, so nobody can swap it for another site)."""
    payload = {"user": user.pk, "email": user.email}
    if next_url:
        payload["next"] = next_url
    token = signing.dumps(payload, salt=CONFIRM_SALT)
    return request.build_absolute_uri(reverse("confirm-email", args=[token]))


def register(request):
    """Creates an account. An address that already has one gets the same page as a new one (so
    the form reveals nothing about who has an account), and its owner an email saying so."""
    next_url = requested_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or "account")
    form = RegistrationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        wait = rate_limits.wait_for(request, "register", email)
        if wait is not None:
            return rate_limits.too_many_attempts(request, "register", wait)
        with transaction.atomic():  # the account and its confirmation email, or neither
            existing = User.objects.filter(email__iexact=email).first()
            if existing is not None:
                make_password(form.cleaned_data["password"])  # as long as making an account
                outbox.queue(
                    "account_exists",
                    [existing.email],
                    sign_in_url=request.build_absolute_uri(with_next(reverse("sign-in"), next_url)),
                    reset_url=request.build_absolute_uri(reverse("password-reset")),
                )
            else:
                user = form.save()
                outbox.queue(
                    "confirm_email",
                    [user.email],
                    confirm_url=confirmation_link(request, user, next_url),
                )
        return render(request, "account/check_email.html", {"email": email})
    return render(request, "account/register.html", {"form": form, "next": next_url})


def confirm_email(request, token):
    """Confirms the address, once: the link is valid only while the address is unconfirmed, and
    it never signs anyone in (whoever holds the link still needs the password). The link opens
    a page with a button; only its POST confirms."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        return render(request, "account/confirm_failed.html", {"reason": "expired"}, status=400)
    except signing.BadSignature:
        return render(request, "account/confirm_failed.html", {"reason": "broken"}, status=400)
    user = User.objects.filter(pk=data.get("user"), email=data.get("email")).first()
    if user is None:
        return render(request, "account/confirm_failed.html", {"reason": "broken"}, status=400)
    if user.email_confirmed:
        return render(request, "account/confirm_failed.html", {"reason": "used"}, status=400)
    if request.method != "POST":  # a mail scanner opening the link confirms nothing (issue 23)
        return render(request, "account/confirm_email.html")
    user.email_confirmed = True
    user.save(update_fields=["email_confirmed"])
    messages.success(request, "Your email address is confirmed: sign in to continue")
    return redirect(with_next(reverse("sign-in"), safe_next(request, data.get("next"))))


def sign_in(request):
    form = SignInForm(posted(request))
    next_url = requested_next(request)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=form.cleaned_data["email"], password=form.cleaned_data["password"]
        )
        if user is None:
            form.add_error(None, "Enter a correct email address and password")
        elif not user.email_confirmed and not second_factor.requires_second_factor(user):
            wait = rate_limits.wait_for(request, "confirm-email", user.email)
            if wait is not None:
                return rate_limits.too_many_attempts(request, "confirm-email", wait)
            outbox.queue(
                "confirm_email", [user.email], confirm_url=confirmation_link(request, user)
            )
            form.add_error(
                None,
                "Confirm your email address first: we have sent you a new link to confirm it",
            )
        else:
            login(request, user)
            # Everyone starts from their tasks: what is theirs to do, and what is new.
            target = next_url or reverse("tasks")
            if second_factor.requires_second_factor(user):
                return redirect(second_factor.step_url(target))
            return redirect(target)
    return render(request, "account/sign_in.html", {"form": form, "next": next_url})


@require_POST
def sign_out(request):
    logout(request)  # flushes the session on the server: the old cookie is worthless
    return redirect("/")


@login_required
def account(request):
    user = request.user
    memberships = user.memberships.select_related("organisation").order_by("organisation__name")
    pending = Membership.objects.filter(
        organisation__in=permissions.organisations(user, admin_only=True), approved=False
    ).select_related("user", "organisation")
    return render(
        request,
        "account/account.html",
        {
            "memberships": memberships,
            "pending": pending,
            "roles": user.roles.select_related("authority", "nhs_body"),
            "is_staff_anywhere": permissions.is_staff_anywhere(user),
            "is_site_admin": permissions.is_site_admin(user),
            **_waiting(user),
        },
    )


def _waiting(user) -> dict:
    """What awaits the person (the open tasks of /tasks/) and the lists their roles may open, so
    that the account page leads somewhere for every role."""
    found = tasks.sections_for(user)
    waiting = [s for s in found if isinstance(s, tasks.Section) and s.open and s.count]
    links = []
    for item in found:
        if isinstance(item, tasks.Links):
            links += [link for link in item.links if link not in links]
    return {"waiting": waiting, "work_links": links}


@login_required
def organisation_new(request):
    """Registers an organisation; then back to where the person was going (`next`), such as
    the challenge they started."""
    next_url = requested_next(request)
    form = OrganisationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organisation = form.save()
            # Its "create_organisation" event: portal.audit.privileges, from the save.
            Membership.objects.create(
                user=request.user, organisation=organisation, role=Membership.ADMIN, approved=True
            )
        messages.success(request, f"{organisation.name} is registered and you are its admin")
        return redirect(next_url or reverse("organisation", args=[organisation.slug]))
    return render(request, "account/organisation_form.html", {"form": form, "next": next_url})


@login_required
def organisation_join(request):
    form = JoinOrganisationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            with transaction.atomic():
                membership = Membership.objects.create(user=request.user, organisation=organisation)
                audit.record(
                    membership,
                    transition="ask_to_join",
                    from_state="",
                    to_state="pending",
                    actor=request.user,
                    role=roles.BODY_MEMBER,
                    changes={"organisation": organisation.pk},
                )
        except IntegrityError:
            form.add_error("organisation", "You have already asked to join this organisation")
        else:
            messages.success(
                request, f"Your request to join {organisation.name} is with its admins"
            )
            return redirect("account")
    return render(request, "account/organisation_join.html", {"form": form})


@login_required
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not (
        permissions.is_member(request.user, organisation) or permissions.is_site_admin(request.user)
    ):
        raise Http404
    members = organisation.memberships.select_related("user").order_by(
        "-approved", "user__last_name"
    )
    return render(
        request,
        "account/organisation.html",
        {
            "organisation": organisation,
            "members": members,
            "is_admin": permissions.is_organisation_admin(request.user, organisation),
        },
    )


@login_required
@require_POST
def membership_decide(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    if not permissions.is_organisation_admin(request.user, membership.organisation):
        raise Http404
    decision = request.POST.get("decision")
    if decision == "approve" or (decision == "refuse" and not membership.approved):
        with transaction.atomic():
            # The refused request is deleted: its event is written first, about the same row.
            audit.record(
                membership,
                transition="approve_member" if decision == "approve" else "refuse_member",
                from_state="member" if membership.approved else "pending",
                to_state="member" if decision == "approve" else "refused",
                actor=request.user,
                role="organisation_admin",
                changes={"organisation": membership.organisation_id, "user": membership.user_id},
            )
            if decision == "approve":
                membership.approved = True
                membership.save(update_fields=["approved"])
            else:
                membership.delete()
        if decision == "approve":
            messages.success(request, f"{membership.user} is now a member")
        else:
            messages.success(request, "The request was refused")
    return redirect("organisation", slug=membership.organisation.slug)
