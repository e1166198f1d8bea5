"""Second-factor helpers for tests: one place that signs staff in past the TOTP step.

`Client.force_login` is wrapped (tests/conftest.py) so a staff user's session is also marked
verified with their authenticator (made for them if they have none): tests about case work need
not repeat the second step. Tests of the second step itself sign in through the form instead
(tests/portal/test_accounts_security.py proves a password-only session is refused everywhere).
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor


def device_for(user) -> TOTPDevice:
    """The user's confirmed authenticator, made now if they have none."""
    return second_factor.totp_device(user) or TOTPDevice.objects.create(
        user=user, name="Test authenticator", confirmed=True
    )


def next_code(device: TOTPDevice) -> str:
    """A code the device accepts now: this time step's, or the next one's when this step's was
    spent by an earlier sign-in (TOTP codes are single-use; the device allows one step of
    drift)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if totp.t() <= device.last_t:
        totp.drift += device.last_t + 1 - totp.t()
    return f"{totp.token():0{device.digits}d}"


def verify_session(client, user) -> None:
    """Mark the client's session as having passed the second factor, if the user needs one."""
    user.__dict__.pop("_portal_requires_second_factor", None)
    if not second_factor.requires_second_factor(user):
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device_for(user).persistent_id
    session.save()
