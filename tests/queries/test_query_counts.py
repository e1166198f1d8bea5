"""Queries stay flat: every public page and each role's main list runs the same number of SQL
statements with 10 rows as with 1,000 (pagination bounds what is shown, so an N+1 shows up as
a difference).

The rows are built once for the module, inside one transaction that is rolled back at the end:
first 10 of everything, each page is measured, then 990 more, and each page is measured again.
Each measurement is the second of two identical requests, so caches are equally warm. A failure
lists the statements that ran more often with more rows: the N+1 to fix.
"""

import contextlib
import os
import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from elasticsearch import Elasticsearch
from wagtail.models import Site

from accounts.session_limits import SEEN
from agreements.models import AgreementParty, Contribution, StaffArrangement, TransferAgreement
from challenges.models import Challenge
from portal import audit, public_lists
from portal.models import AuthorityServicesPage
from search import labels
from search.backends import backend_named
from search.registry import SearchRecord
from tests import builders, components
from tests.challenges.conftest import CONTENTS, advance, draft
from tests.procurement import agreements_helpers
from tests.queries import bulk

# The mark makes pytest-django create the test database; the rows live in `measured`.
pytestmark = pytest.mark.django_db
SIZES = (10, 1000)
ES_URL = os.environ.get("ELASTICSEARCH_URL", "")
RESULTS = f"<strong>{SIZES[-1]}</strong> results"


@dataclass(frozen=True)
class Page:
    name: str
    url: object  # str, or a function of the world
    user: str = ""  # the world's attribute of the person signed in; blank: nobody
    search: str = ""  # the search backend the page uses: "database" or "elasticsearch"
    shows: object = ""  # text (or a function of the world giving it) the page shows at 1,000

    def address(self, world) -> str:
        return self.url(world) if callable(self.url) else self.url

    def marker(self, world) -> str:
        return self.shows(world) if callable(self.shows) else self.shows


PAGES = [
    # public
    Page("home", "/", shows="1002 published service specifications"),
    Page("service directory", "/services/", shows="1002 services"),
    Page(
        "service directory, filtered",
        "/services/?authority=trafford&category=libraries",
        shows="1002 services",
    ),
    Page("service directory, page 2", "/services/?page=2", shows="Service 0020"),
    Page("service directory, open now", "/services/?open=yes", shows="Open for challenges"),
    Page("an authority's services", "/services/trafford/", shows="Service 0999"),
    Page(
        "a service specification",
        lambda w: w.main_service.url,
        shows=f"{date(2000, 1, 1) + timedelta(days=7 * 999):%-d %B %Y}",
    ),
    Page(
        "a joint service specification",
        lambda w: w.joint_service.url,
        shows="Partner 0999",
    ),
    Page("register of decisions", "/decisions/", shows="751 decisions"),
    Page(
        "register of decisions, filtered",
        f"/decisions/?authority=trafford&outcome=rejected&ground=body_unsuitable&year={date.today().year}",
        shows="govuk-tag--red",
    ),
    Page("register of decisions, page 2", "/decisions/?page=2", shows="751 decisions"),
    Page(
        "a decision",
        lambda w: f"/decisions/{w.case.reference}/",
        shows="A partner council agreed to the proposed decision",
    ),
    Page("procurement notices", "/procurement/", shows="1000 exercises"),
    Page(
        "procurement notices, filtered",
        "/procurement/?authority=trafford&state=tender_open",
        shows="1000 exercises",
    ),
    Page("a procurement notice", lambda w: f"/procurement/{w.exercise.reference}/", shows="UK4: "),
    Page(
        "a procurement notice, for a provider of many organisations",
        lambda w: f"/procurement/{w.exercise.reference}/",
        "provider",
        shows="Community body 0999",
    ),
    Page(
        "OCDS release package",
        lambda w: f"/procurement/{w.exercise.reference}.json",
        shows=lambda w: f'"{w.exercise.reference}-989"',
    ),
    Page("transfer agreements", "/agreements/", shows="1000 agreements"),
    Page(
        "transfer agreements, filtered",
        "/agreements/?authority=trafford&type=pooled_fund",
        shows="1000 agreements",
    ),
    Page(
        "a transfer agreement",
        lambda w: f"/agreements/{w.agreement.reference}/",
        shows="NHS trust 0999",
    ),
    Page("search (database)", "/search/?q=service", search="database", shows=RESULTS),
    Page(
        "search with facets (database)",
        "/search/?q=service&kind=service&authority=trafford&category=libraries",
        search="database",
        shows=RESULTS,
    ),
    Page("search (Elasticsearch)", "/search/?q=service", search="elasticsearch", shows=RESULTS),
    Page(
        "search with facets (Elasticsearch)",
        "/search/?q=service&kind=service&authority=trafford&category=libraries",
        search="elasticsearch",
        shows=RESULTS,
    ),
    # signed in
    Page("provider: their challenges", "/challenges/", "provider", shows="TRF-CH-2019-0999"),
    Page(
        "provider: a case with its clarifications",
        lambda w: f"/challenges/{w.case.pk}/",
        "provider",
        shows="Message 999",
    ),
    Page("officer: work queue", "/casework/", "officer", shows="1002 challenges"),
    Page(
        "officer: work queue, filtered",
        lambda w: (
            f"/casework/?state=under_assessment&service={w.main_service.pk}"
            f"&officer={w.officer.pk}&overdue=yes"
        ),
        "officer",
        shows="250 challenges",
    ),
    Page(
        "officer: a case with its audit trail",
        lambda w: f"/casework/{w.case.pk}/",
        "officer",
        shows="Event 999",
    ),
    Page(
        "decision maker: a joint case",
        lambda w: f"/casework/{w.joint_case.pk}/",
        "decider",
        shows="Partner 0999",
    ),
    Page(
        "officer: procurement exercises", "/procurement/manage/", "officer", shows="1000 exercises"
    ),
    Page(
        "officer: a procurement exercise with its interests",
        lambda w: f"/procurement/manage/{w.exercise.reference}/",
        "officer",
        shows="Community body 0999",
    ),
    Page(
        "provider: expressions of interest",
        "/procurement/interests/",
        "provider",
        shows="Community body 0999",
    ),
    Page(
        "officer: transfer agreements", "/agreements/manage/", "officer", shows="TRF-TA-2019-0999"
    ),
    Page(
        "officer: a transfer agreement",
        lambda w: f"/agreements/manage/{w.agreement.reference}/",
        "officer",
        shows="NHS trust 0999",
    ),
    Page(
        "NHS partner: an agreement waiting for their approval",
        lambda w: f"/agreements/manage/{w.pending_agreement.reference}/",
        "nhs_partner",
        shows="Approve the agreement",
    ),
    Page(
        "NHS partner: transfer agreements",
        "/agreements/manage/",
        "nhs_partner",
        shows="TRF-TA-2019-0999",
    ),
    Page("officer: tasks", "/tasks/", "officer", shows="See all"),
    Page("decision maker: tasks", "/tasks/", "decider", shows="See all"),
    Page("provider: tasks", "/tasks/", "provider", shows="See all"),
    Page(
        "NHS partner: tasks",
        "/tasks/",
        "nhs_partner",
        shows=lambda w: w.pending_agreement.reference,
    ),
    Page("provider: account", "/account/", "provider", shows="Community body 0999"),
    Page("officer: account", "/account/", "officer", shows="Trafford"),
    Page(
        "provider: organisation with members",
        lambda w: f"/account/organisations/{w.organisation.slug}/",
        "provider",
        shows="Member 0999",
    ),
]


def build_world(search_prefix: str) -> SimpleNamespace:
    """The people, one authority's site and the case, exercise and agreement whose own rows grow."""
    builders.site_tree()
    authority = builders.authority(
        "TRF", nice_name="Trafford", slug="trafford", name="Trafford Council"
    )
    main_service = builders.service(authority, "Youth clubs and detached youth work")
    builders.open_window(authority, main_service)
    provider, organisation = builders.provider()
    nhs_body = agreements_helpers.nhs_body()
    world = SimpleNamespace(
        size=0,
        authority=authority,
        category=main_service.category,
        main_service=main_service,
        services=[main_service],
        workspace=AuthorityServicesPage.objects.get(authority=authority),
        provider=provider,
        organisation=organisation,
        officer=builders.staff("officer", authority),
        decider=builders.staff("decision_maker", authority),
        nhs_body=nhs_body,
        nhs_partner=agreements_helpers.nhs_partner(nhs_body),
        search_prefix=search_prefix,
    )
    # A joint service (its partners grow) and a case about it waiting for a decision.
    world.joint_service = builders.service(authority, "Joint youth service")
    world.joint_case = Challenge.objects.create(
        reference=f"{authority.code}-CH-{bulk.YEAR}-9999",
        state="under_assessment",
        service=world.joint_service,
        authority=authority,
        organisation=organisation,
        created_by=provider,
        received_at=timezone.now(),
        decision_due=timezone.localdate() + timedelta(days=30),
        assessing_officer=world.officer,
        **CONTENTS,
    )
    # An agreement waiting for its parties' approval: the NHS partner may give one of them.
    world.pending_agreement = TransferAgreement.objects.create(
        reference=f"{authority.code}-TA-{bulk.YEAR}-9999",
        state="approval",
        lead_authority=authority,
        title="Integrated provision waiting for approval",
        agreement_type="integrated_provision",
        created_by=world.officer,
    )
    AgreementParty.objects.create(agreement=world.pending_agreement, authority=authority)
    AgreementParty.objects.create(agreement=world.pending_agreement, nhs_body=nhs_body)
    world.case = draft(main_service, organisation, provider)
    advance(
        world.case,
        world,
        "submit",
        "start_assessment",
        "request_clarification",
        "answer_clarification",
        "accept",
    )
    return world


def grow(world, size: int) -> None:
    """Add rows until the world has `size` of each thing a page lists."""
    start, stop = world.size, size
    # bulk_create sends no signals: start the new generation of the public lists' cache (their
    # options and totals) that saving the rows one by one would have started.
    public_lists.changed()
    world.services += bulk.services(world.workspace, world.authority, world.category, start, stop)
    bulk.windows(world.authority, world.main_service, start, stop)
    bulk.partners_of(world.joint_service, bulk.authorities(start, stop))
    bulk.members(world.organisation, bulk.users("member", start, stop))
    bodies = bulk.organisations_of(world.provider, start, stop)
    bulk.challenges(world, start, stop)
    bulk.messages(world.case, world, start, stop)
    # Rows for the audit trail's page to list, not changes to the case: written as the engine
    # writes its events, a thousand at a time being too slow through act().
    with audit.engine_step():
        for n in range(start, stop):
            clarifying = n % 2 == 0
            audit.record(
                world.case,
                # an event the public timeline has words for, and one it leaves out (a draft's edit)
                transition="record_agreement" if clarifying else "document_added",
                from_state="accepted",
                to_state="accepted",
                actor=world.officer if clarifying else world.provider,
                role="officer" if clarifying else "body_member",
                reason=f"Event {n}",
            )

    exercises = bulk.exercises(world, start, stop)
    world.exercise = getattr(world, "exercise", exercises[0])
    bulk.notices([world.exercise] * (stop - start), date(2025, 6, 1), code="UK4")
    bulk.interests(world.exercise, bodies, world.provider, start)

    agreements = bulk.agreements(world, start, stop)
    world.agreement = getattr(world, "agreement", agreements[0])
    lead = AgreementParty.objects.get(agreement=world.agreement, authority=world.authority)
    nhs_bodies = bulk.nhs_bodies(start, stop)
    parties = AgreementParty.objects.bulk_create(
        AgreementParty(agreement=world.agreement, nhs_body=body) for body in nhs_bodies
    )
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=world.pending_agreement, nhs_body=body) for body in nhs_bodies
    )
    Contribution.objects.bulk_create(
        Contribution(agreement=world.agreement, party=p, financial_year=bulk.YEAR, amount=1000)
        for p in parties
    )
    StaffArrangement.objects.bulk_create(
        StaffArrangement(
            agreement=world.agreement,
            from_party=lead,
            to_party=p,
            arrangement="tupe_transfer",
            staff_group="Youth workers",
            headcount=2,
        )
        for p in parties
    )
    bulk.versions([(world.agreement, number) for number in range(start + 2, stop + 2)])

    records = [
        SearchRecord(
            kind="service",
            object_id=f"q{n}",
            title=f"Service {n:04d}",
            url=f"/services/trafford/service-{n:04d}/",
            summary="A service run by Trafford.",
            date=date(2025, 1, 1 + n % 28),
            authority=["trafford"],
            authority_names=["Trafford"],
            region=["North West"],
            category=["libraries"],
        )
        for n in range(start, stop)
    ]
    backend_named("database").upsert(records)
    if ES_URL:
        with override_settings(ELASTICSEARCH_URL=ES_URL, SEARCH_INDEX_PREFIX=world.search_prefix):
            backend_named("elasticsearch").upsert(records)
    world.size = size


def search_settings(page: Page, world):
    if page.search == "elasticsearch":
        return override_settings(ELASTICSEARCH_URL=ES_URL, SEARCH_INDEX_PREFIX=world.search_prefix)
    if page.search == "database":
        return override_settings(ELASTICSEARCH_URL="")
    return contextlib.nullcontext()


def measure(client: Client, url: str, marker: str) -> list[str]:
    """The SQL of the second of two requests (the first warms the caches); the page must show
    the marker, so that a page that lost its rows cannot pass."""
    client.get(url)
    if SEEN in client.session:  # a staff session records when it was seen once a minute at most
        session = client.session  # (accounts.session_limits): not during the measured request
        session[SEEN] = int(time.time())
        session.save()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        raise AssertionError(f"{url} answered {response.status_code}")
    if marker and marker not in response.content.decode():
        raise AssertionError(f"{url} does not show {marker!r} with {SIZES[-1]} rows")
    return [q["sql"] for q in captured.captured_queries]


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """{(page name, size): list of SQL statements, or the error that page raised}."""
    results = {}
    search_prefix = f"test-queries-{uuid.uuid4().hex[:8]}"
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            world = build_world(search_prefix)
            clients = {"": Client()}
            for who in {p.user for p in PAGES if p.user}:
                clients[who] = Client()
                clients[who].force_login(getattr(world, who))
            for size in SIZES:
                grow(world, size)
                if connection.vendor == "postgresql":
                    # The rows are uncommitted, so autovacuum never counts them: without fresh
                    # statistics the planner may take 1,000 rows for none and pick plans that
                    # run for minutes on a busy machine. (Counts are unaffected; only time.)
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
                for page in PAGES:
                    if page.search == "elasticsearch" and not ES_URL:
                        continue
                    try:
                        with transaction.atomic(), search_settings(page, world):
                            marker = page.marker(world) if size == SIZES[-1] else ""
                            results[page.name, size] = measure(
                                clients[page.user], page.address(world), marker
                            )
                    except Exception as exc:  # reported by the page's own test
                        results[page.name, size] = exc
            transaction.set_rollback(True)
    finally:
        # The rows are gone: so must be what was cached or indexed about them.
        Site.clear_site_root_paths_cache()
        labels._cache.clear()  # names of authorities that are gone
        if ES_URL:
            Elasticsearch(ES_URL.split(",")).indices.delete(  # one node's address or several
                index=f"{search_prefix}-public*", ignore_unavailable=True
            )
    return results


def normalise(sql: str) -> str:
    """The statement with its values blanked, so per-row repeats count as one statement."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return re.sub(r"\((?:\?, )+\?\)", "(?...)", sql)


def explain(small: list[str], large: list[str], top: int = 5) -> str:
    """The statements that ran more often with more rows, most repeated first."""
    more = Counter(map(normalise, large))
    more.subtract(Counter(map(normalise, small)))
    grown = [(n, sql) for sql, n in more.most_common() if n > 0][:top]
    repeated = [(n, sql) for sql, n in Counter(map(normalise, large)).most_common(top) if n > 1]
    lines = ["statements run more often with more rows:"]
    lines += [f"  +{n} x {sql[:400]}" for n, sql in grown] or ["  (none)"]
    lines.append(f"most repeated statements with {SIZES[-1]} rows:")
    lines += [f"  {n} x {sql[:400]}" for n, sql in repeated] or ["  (none)"]
    return "\n".join(lines)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_query_count_does_not_grow_with_rows(measured, page):
    if page.search == "elasticsearch":
        components.require("elasticsearch")
    small, large = (measured[page.name, size] for size in SIZES)
    for result in (small, large):
        if isinstance(result, Exception):
            raise result
    with_few, with_many = len(small), len(large)
    assert with_many == with_few, (
        f"{page.name}: {with_few} queries with {SIZES[0]} rows, {with_many} with "
        f"{SIZES[-1]}\n{explain(small, large)}"
    )
