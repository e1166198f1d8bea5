"""Draw every registered workflow machine into docs/<machine>-states.dot (and .svg)."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.workflow import machines
from portal.workflow.drawing import write


class Command(BaseCommand):
    help = "Write docs/<machine>-states.dot (and .svg with Graphviz) from the declarations."

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder",
            default=str(Path(settings.BASE_DIR) / "docs"),
            help="Where to write the drawings (default: docs/).",
        )
        parser.add_argument("--no-svg", action="store_true", help="Write only the .dot files.")

    def handle(self, *args, folder, no_svg, **options):
        declared = machines()
        problems = [p for machine in declared for p in machine.check()]
        if problems:
            raise CommandError("The declarations disagree with the models:\n" + "\n".join(problems))
        for machine in declared:
            for path in write(machine, Path(folder), svg=not no_svg):
                self.stdout.write(f"Wrote {path}")
        if not no_svg and not shutil.which("dot"):
            self.stdout.write("Graphviz's dot is not installed: only the .dot files were written.")
