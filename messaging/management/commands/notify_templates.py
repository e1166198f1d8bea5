"""Print the subject and body of each GOV.UK Notify template the portal needs, with Notify's
((field)) placeholders, and the variable that holds its id: what to paste when setting up a
Notify service."""

from django.core.management.base import BaseCommand

from messaging import email_kinds


class Command(BaseCommand):
    help = "Print the Notify template (subject, body, fields) for each kind of email."

    def handle(self, *args, **options):
        for kind in email_kinds.KINDS.values():
            subject, body = kind.notify_template()
            self.stdout.write(f"== {kind.name} ({kind.setting}): sent when {kind.when}")
            self.stdout.write(f"Subject: {subject}\n\n{body}")
