"""manage.py seed_history --years 5 [--scale 1.0] [--seed 2011]: a synthetic history through the
real transitions, for the dashboard (see dashboard/history.py)."""

from django.core.management.base import BaseCommand, CommandError

from dashboard import history, refresh


class Command(BaseCommand):
    help = (
        "Make a synthetic history of challenges to every authority, through the real workflow "
        "transitions, with dates in the past. The dashboard says the figures are synthetic."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=5, help="years of history (1 to 10)")
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="how many challenges: 1.0 is about 1,500 over 5 years; 0.1 a tenth",
        )
        parser.add_argument("--seed", type=int, default=2011, help="the random seed")
        parser.add_argument(
            "--if-absent",
            action="store_true",
            help="do nothing when a synthetic history is already there (make demo)",
        )

    def handle(self, *args, **options):
        years, scale = options["years"], options["scale"]
        if not 1 <= years <= 10:
            raise CommandError("--years must be between 1 and 10")
        if not 0 < scale <= 20:
            raise CommandError("--scale must be more than 0 and at most 20")
        from dashboard.models import SyntheticHistory
        from portal.models import Authority

        if options["if_absent"] and SyntheticHistory.objects.exists():
            self.stdout.write("The synthetic history is already there.")
            return

        if not Authority.objects.exists():
            raise CommandError("Load the authorities first: manage.py load_authorities")
        history.build(years=years, scale=scale, seed=options["seed"], stdout=self.stdout)
        refresh.rebuild()
