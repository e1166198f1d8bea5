"""The figures are served from the shared cache and refreshed by the worker: a transition's
event marks them stale, the sweep rebuilds them once, and the nightly job rebuilds them."""

from datetime import date

import time_machine
from django.core.management import call_command
from django.urls import reverse

from dashboard import refresh
from portal import registry
from portal.workflow import perform
from tests import builders
from tests.dashboard.conftest import at, make
from tests.dashboard.test_views import figure


def test_served_from_the_cache_until_an_event_marks_it_stale(
    client, cases, django_capture_on_commit_callbacks
):
    refresh.refresh_if_stale_now()  # the sweep after the fixture's own transitions
    url = reverse("dashboard:england")
    assert figure(client.get(url).content.decode(), "received") == "5"
    # A row written behind the workflow's back (no event) is not seen: the page is cached.
    provider, body = builders.provider("Late Trust")
    late = make(cases.c1.service, body, provider)
    type(late).objects.filter(pk=late.pk).update(received_at=at(date(2025, 6, 2)))
    assert figure(client.get(url).content.decode(), "received") == "5"
    assert refresh.refresh_if_stale_now() is False  # nothing marked it stale
    # A transition publishes an event; its receiver marks the figures stale; the sweep rebuilds.
    other = make(cases.c1.service, body, provider)
    with (
        time_machine.travel(at(date(2025, 6, 3)), tick=False),
        django_capture_on_commit_callbacks(execute=True),  # the event is delivered on commit
    ):
        perform("challenge", other, "submit", provider)
    assert refresh.refresh_if_stale_now() is True
    assert refresh.refresh_if_stale_now() is False  # once for all the changes
    assert figure(client.get(url).content.decode(), "received") == "7"


def test_the_nightly_job_rebuilds(client, cases):

    assert "refresh_dashboard" in list(registry.daily_jobs)
    assert "dashboard.refresh.refresh_if_stale" in dict(registry.worker_sweeps)
    url = reverse("dashboard:england")
    assert figure(client.get(url).content.decode(), "services_published") == "2"
    builders.service(cases.east, "Parks")  # publishing a page marks it stale as well ...
    refresh._cache().delete(refresh.STALE_KEY)  # ... but say nothing did: the nightly job runs
    call_command("refresh_dashboard")
    assert figure(client.get(url).content.decode(), "services_published") == "3"


def test_a_warm_page_reads_the_cache_only(client, cases, django_assert_max_num_queries):
    url = reverse("dashboard:england")
    client.get(url)
    with django_assert_max_num_queries(4):  # session-free: the generation and the entry
        client.get(url)
