"""Password reset in the GOV.UK pattern: the same answer whether or not the address has an
account; a link that works once (the token hashes the password) and for PASSWORD_RESET_TIMEOUT
(one hour); a new password ends every session of the account (the session auth hash changes)."""

from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from accounts import rate_limits
from accounts.forms import NewPasswordForm, PasswordResetRequestForm
from messaging import outbox
from portal import audit
from portal.forms import posted
from portal.models import User


def reset_link(request, user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return request.build_absolute_uri(reverse("password-reset-confirm", args=[uid, token]))


def password_reset(request):
    form = PasswordResetRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip()
        wait = rate_limits.wait_for(request, "password-reset", email)
        if wait is not None:
            return rate_limits.too_many_attempts(request, "password-reset", wait)
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is not None and user.has_usable_password():
            outbox.queue("password_reset", [user.email], reset_url=reset_link(request, user))
        # The same page either way: it must not tell who has an account.
        return render(request, "account/password_reset_sent.html", {"email": email})
    return render(request, "account/password_reset.html", {"form": form})


def _user_for(uidb64: str) -> User | None:
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def password_reset_confirm(request, uidb64, token):
    user = _user_for(uidb64)
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "account/password_reset_failed.html", status=400)
    form = NewPasswordForm(user, posted(request))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()  # a new hash: the token and every session of the account stop working
            audit.record(
                user,
                transition="reset_password",
                from_state="",
                to_state="",
                role="account_holder",
                reason="password reset by emailed link",
            )
            outbox.queue(
                "password_changed",
                [user.email],
                reset_request_url=request.build_absolute_uri(reverse("password-reset")),
            )
        axes_reset(username=user.email.lower())  # proving the address lifts an account lockout
        messages.success(request, "Your password has been changed: sign in with the new one")
        return redirect("sign-in")
    return render(request, "account/password_reset_confirm.html", {"form": form})
