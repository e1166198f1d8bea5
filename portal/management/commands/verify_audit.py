"""Recompute the audit chain and name the first broken event (exit status 1 when broken)."""

from django.core.management.base import BaseCommand, CommandError

from portal.audit import verify_chain


class Command(BaseCommand):
    help = "Check every audit event's hash and its link to the one before it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=5000, help="Events read from the database at once."
        )

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        count, broken, message = verify_chain(batch_size=batch_size)
        if broken is not None:
            raise CommandError(f"Audit chain broken at event {broken} ({message})")
        self.stdout.write(message)
