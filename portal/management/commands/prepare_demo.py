"""Everything `make demo` does before it starts its processes, in one process (each Django start
costs seconds): migrate, the demo content (first run only), the search index, and the static
files (collected again only when a source file changed: collecting hashes and compresses every
file, which takes half a minute)."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal import registry

FINGERPRINT = ".sources-fingerprint"


def static_sources_fingerprint() -> str:
    """A hash of every static source file's name, size and modification time."""
    entries = []
    for finder in finders.get_finders():
        for path, storage in finder.list(None):
            stat = Path(storage.path(path)).stat()
            entries.append(
                f"{getattr(storage, 'prefix', '') or ''}/{path}:{stat.st_size}:{stat.st_mtime_ns}"
            )
    entries.append(settings.STORAGES["staticfiles"]["BACKEND"])
    return hashlib.sha256("\n".join(sorted(entries)).encode()).hexdigest()


class Command(BaseCommand):
    help = "Prepare the embedded demo: migrate, seed (once), index, collect static files."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)  # the processes' shared cache
        call_command("seed_demo", if_empty=True, stdout=self.stdout)
        for command, command_options in registry.demo_commands:
            call_command(command, stdout=self.stdout, **command_options)
        call_command("search_index", rebuild=True, stdout=self.stdout)
        self.collect_static()

    def collect_static(self):
        root = Path(settings.STATIC_ROOT)
        stamp = root / FINGERPRINT
        fingerprint = static_sources_fingerprint()
        manifest = root / "staticfiles.json"
        if manifest.exists() and stamp.exists() and stamp.read_text() == fingerprint:
            self.stdout.write("Static files unchanged.")
            return
        self.stdout.write("Collecting static files (hashed and compressed; about half a minute)")
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(fingerprint)
