"""The demo's last step: rebuild the search index from every kind's public rows.

Runs after every other app's seeder (portal.registry.demo_seeders has it last), so the index
holds the services, decisions, notices and agreements they made, with the dates the seeders set
after the transitions (backdated rows are not re-queued, so updates alone would miss them).
"""

from search import indexing
from search.backends import get_backend


def seed(stdout=None) -> int:
    count = indexing.rebuild()
    if stdout:
        stdout.write(f"Search index rebuilt ({get_backend().name}): {count} records")
    return count
