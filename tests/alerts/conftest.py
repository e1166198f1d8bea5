"""Alerts: the challenges world (a Trafford service open for challenge, its staff and a provider),
a search backend per test (the database, and Elasticsearch when the node runs), and helpers to
read the outbox."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from messaging.models import OutboxMessage
from tests.challenges.conftest import advance, challenge, draft  # noqa: F401
from tests.search.conftest import index_prefix, needs_es, use_backend  # noqa: F401


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=needs_es)])
def search_backend(request, settings, index_prefix, db):  # noqa: F811
    return use_backend(settings, request.param)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block's after-commit work (search indexing, email delivery) as a commit would."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def emails(kind, to=None):
    rows = OutboxMessage.objects.filter(kind=kind).order_by("pk")
    if to:
        rows = rows.filter(recipient=to)
    return list(rows)


def path_of(url: str) -> str:
    return urlsplit(url).path


def send_alerts(*args):
    call_command("send_alerts", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def new_case(committed, world, body_name, *steps):  # noqa: F811
    """A challenge by a new body: submitted by its own member, then taken through `steps` by
    the authority's staff (after each commit, as in production)."""
    from challenges.models import Challenge
    from portal.workflow import perform
    from tests import builders

    person, organisation = builders.provider(body_name)
    case = draft(world.service, organisation, person)
    committed(perform, "challenge", case, "submit", person)
    if steps:
        committed(advance, case, world, *steps)
    return Challenge.objects.get(pk=case.pk)
