"""manage.py search_index --rebuild | --apply | --status"""

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.backends import get_backend


class Command(BaseCommand):
    help = (
        "Rebuild the public search index with no downtime (new timestamped index, bulk load, "
        "atomic alias swap, old index dropped), or apply queued updates."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--rebuild", action="store_true", help="rebuild the whole index")
        group.add_argument("--apply", action="store_true", help="apply queued (pending) updates")
        group.add_argument("--status", action="store_true", help="show the backend's state")

    def handle(self, *args, **options):
        backend = get_backend()
        try:
            if options["rebuild"]:
                count = indexing.rebuild()
                self.stdout.write(f"Rebuilt the {backend.name} search index: {count} records")
            elif options["apply"]:
                result = indexing.apply_pending()
                self.stdout.write(
                    f"Applied {result['applied']} updates; {result['pending']} still pending"
                )
                if result["failed"]:
                    raise CommandError(f"{result['failed']} updates failed and are kept")
            else:
                health = backend.health()
                health["pending_updates"] = indexing.pending_count()
                for key, value in health.items():
                    self.stdout.write(f"{key}: {value}")
        except CommandError:
            raise
        except Exception as exc:
            raise CommandError(f"The {backend.name} search backend failed: {exc}") from exc
