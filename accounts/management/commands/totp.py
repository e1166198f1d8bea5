"""The demo only: print the current authenticator code of a demo staff account."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor
from portal.models import User


class Command(BaseCommand):
    help = "Print the current 6-digit code of a demo staff account (demo settings only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not second_factor.demo_commands_enabled():
            raise CommandError(
                "totp is a demo command: it runs only with the demo settings "
                "(DJANGO_SETTINGS_MODULE=portal.settings.demo), never in production"
            )
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError("There is no account with this email address")
        device = TOTPDevice.objects.filter(
            user=user, name=second_factor.DEMO_DEVICE, confirmed=True
        ).first()
        if device is None or device.key != second_factor.demo_key(user.email):
            raise CommandError(
                "This account has no demo authenticator: only staff accounts seeded by "
                "`manage.py seed_demo` have one"
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
