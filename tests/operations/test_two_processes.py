"""Nothing lives in one process: two gunicorn processes over the same PostgreSQL, search engine and
S3, and the task worker as a third.

A session started on one continues on the other; a file uploaded through one downloads through
the other; index updates and emails queued by either (the database task backend: queued in the
request, never run there) are applied by the worker: the index is seen through both, and the
emails reach a real SMTP server on loopback, each once.
"""

import hashlib
import os
import urllib.request
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from accounts import second_factor
from documents.models import StoredDocument
from messaging.models import OutboxMessage
from portal.models import Role
from search.backends import get_backend
from search.models import PendingUpdate
from tests import builders, components, otp
from tests.dates import date_input
from tests.documents import samples
from tests.email.servers import SmtpServer
from tests.operations.portal_processes import (
    WebProcess,
    collect_static,
    production_environment,
    run_worker_once,
)
from tests.operations.web_client import Browser

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@dataclass
class Portal:
    a: WebProcess
    b: WebProcess
    env: dict
    index_prefix: str
    smtp: SmtpServer


@pytest.fixture(scope="module")
def portal(django_db_setup, tmp_path_factory):
    """Processes A and B, started once for the module and stopped whatever happens."""
    prefix = f"{django_settings.SEARCH_INDEX_PREFIX}-two-processes"
    smtp = SmtpServer().start()
    env = production_environment(prefix)
    env["EMAIL_URL"] = smtp.url  # the worker delivers the outbox to a real SMTP server
    env["VAR_DIR"] = str(tmp_path_factory.mktemp("var"))  # collected static files live here
    collect_static(env)
    logs = tmp_path_factory.mktemp("gunicorn")
    started: list[WebProcess] = []
    try:
        started.append(WebProcess("a", env, logs))
        started.append(WebProcess("b", env, logs))
        for process in started:
            process.wait_until_serving()
        yield Portal(*started, env=env, index_prefix=prefix, smtp=smtp)
    finally:
        for process in started:
            process.stop()
        smtp.stop()
        if django_settings.ELASTICSEARCH_URL:
            from search.backends.elastic import ElasticsearchBackend

            index = ElasticsearchBackend(django_settings.ELASTICSEARCH_URL, prefix)
            for name in index.current_indices():
                index.client.indices.delete(index=name, ignore_unavailable=True)


def usable_in_production(person):
    """The test settings hash passwords with MD5, which production does not accept: hash it with
    production's PBKDF2 instead (few iterations: signing in upgrades the hash)."""
    person.password = PBKDF2PasswordHasher().encode(builders.PASSWORD, "twoprocesses", 1000)
    person.save(update_fields=["password"])
    return person


def sign_in(browser: Browser, process: WebProcess, person):
    usable_in_production(person)
    response = browser.submit(
        process.url, "/account/sign-in/", {"email": person.email, "password": builders.PASSWORD}
    )
    assert response.status == 302, process.log_tail()
    if second_factor.requires_second_factor(person):  # staff: the authenticator's code too
        code = otp.next_code(otp.device_for(person))
        response = browser.submit(process.url, "/account/two-factor/", {"code": code})
        assert response.status == 302, process.log_tail()
    return response


def test_a_session_started_on_one_process_continues_on_the_other(portal):
    person, organisation = builders.provider("Two Rivers Trust")
    browser = Browser()
    assert browser.get(portal.b.url, "/account/").status == 302  # not signed in yet

    signed_in = sign_in(browser, portal.a, person)
    session_cookie = next(c for c in signed_in.set_cookies if c.startswith("sessionid="))
    assert "Secure" in session_cookie and "HttpOnly" in session_cookie

    account = browser.get(portal.b.url, "/account/")
    assert account.status == 200
    assert "Two Rivers Trust" in account.text

    # Signing out through B ends the session for A too.
    signed_out = browser.post_form(
        portal.b.url, "/account/sign-out/", {"csrfmiddlewaretoken": account.csrf_token()}
    )
    assert signed_out.status == 302
    after = browser.get(portal.a.url, "/account/")
    assert after.status == 302 and after.location.startswith("/account/sign-in/")


def test_a_file_uploaded_through_one_process_downloads_through_the_other(portal):
    components.require("s3")
    person, organisation = builders.provider("Two Rivers Trust")
    browser = Browser()
    sign_in(browser, portal.a, person)
    _name, data = samples.ALLOWED["pdf"]
    path = f"/account/organisations/{organisation.slug}/documents/"

    uploaded = browser.submit(
        portal.a.url,
        path,
        {"title": "Constitution", "file": SimpleUploadedFile("Our constitution.pdf", data)},
        multipart=True,
    )
    assert uploaded.status == 302, portal.a.log_tail()
    document = StoredDocument.objects.get(owner_id=organisation.pk)
    assert document.sha256 == hashlib.sha256(data).hexdigest()

    listing = browser.get(portal.b.url, path)
    assert listing.status == 200 and document.get_absolute_url() in listing.text
    download = browser.get(portal.b.url, document.get_absolute_url())
    assert download.status == 302, portal.b.log_tail()
    assert download.location.startswith(os.environ["S3_ENDPOINT_URL"])
    with urllib.request.urlopen(download.location, timeout=10) as fetched:
        assert fetched.read() == data


def open_exercise(browser: Browser, process: WebProcess, service, title: str) -> str:
    """Open a procurement exercise through the officer's form; it publishes its first notice."""
    response = browser.submit(
        process.url,
        f"/procurement/manage/new/?service={service.pk}",
        {
            "title": title,
            "description": "Mowing, hedges and litter picking.",
            "contract_kind": "light_touch_services",
            "cpv_code": "77310000-6",
            "regime": "below_threshold",
            "estimated_value": "100000",
            **date_input("started_on", date.today() - timedelta(days=1)),
        },
    )
    assert response.status == 302, process.log_tail()
    reference = response.location.rstrip("/").rsplit("/", 1)[-1]
    exercise = browser.get(process.url, response.location)  # shows (and uses up) the message
    assert exercise.status == 200 and f"{reference} is open" in exercise.text
    return reference


def search_page(browser: Browser, process: WebProcess) -> str:
    page = browser.get(process.url, "/search/?q=quillwort+upkeep")
    assert page.status == 200, process.log_tail()
    return page.text


def test_index_updates_queued_by_either_process_are_applied_by_the_worker(portal, settings):
    settings.SEARCH_INDEX_PREFIX = portal.index_prefix
    backend = get_backend()
    if backend.name == "elasticsearch":
        backend.ensure_index()  # so that searching before the worker runs finds nothing
    trafford = builders.authority("TRF")
    meadows = builders.service(trafford, "Quillwort meadows")
    towpaths = builders.service(trafford, "Quillwort towpaths")
    officer = builders.staff(Role.OFFICER, trafford)
    browser = Browser()
    sign_in(browser, portal.a, officer)

    through_a = open_exercise(browser, portal.a, meadows, "Quillwort meadows upkeep")
    through_b = open_exercise(browser, portal.b, towpaths, "Quillwort towpath upkeep")

    # Queued, not applied in the request: an outbox row each, a task waiting for the worker.
    waiting = PendingUpdate.objects.filter(kind="procurement_notice", applied_at__isnull=True)
    assert waiting.count() == 2
    assert DBTaskResult.objects.ready().exists()
    for process in (portal.a, portal.b):
        page = search_page(browser, process)
        assert through_a not in page and through_b not in page

    run_worker_once(portal.env)

    assert not waiting.exists()
    assert not DBTaskResult.objects.ready().exists()
    assert not DBTaskResult.objects.failed().exists()
    for process in (portal.a, portal.b):
        page = search_page(browser, process)
        assert through_a in page and through_b in page


def register(browser: Browser, process: WebProcess, email: str):
    response = browser.submit(
        process.url,
        "/account/register/",
        {
            "first_name": "Ada",
            "last_name": "Quillwort",
            "email": email,
            "password": "a long and unusual passphrase 7",
        },
    )
    assert response.status == 200 and "Check your email" in response.text, process.log_tail()


def test_emails_queued_by_either_process_are_delivered_by_the_worker_once(portal):
    addresses = {"ada.a@example.org": portal.a, "ada.b@example.org": portal.b}
    for address, process in addresses.items():
        register(Browser(), process, address)

    # Queued in the request, in the same transaction as the account: nothing sent yet.
    queued = OutboxMessage.objects.filter(recipient__in=addresses, kind="confirm_email")
    assert queued.filter(status=OutboxMessage.Status.QUEUED).count() == 2
    assert portal.smtp.handler.received == []

    run_worker_once(portal.env)
    run_worker_once(portal.env)  # a second run finds nothing more to send

    received = sorted(rcpt for rcpt, _message in portal.smtp.handler.received)
    assert received == [["ada.a@example.org"], ["ada.b@example.org"]]
    assert queued.filter(status=OutboxMessage.Status.SENT).count() == 2
    for _rcpt, message in portal.smtp.handler.received:
        assert "/account/confirm/" in message.get_body(("plain",)).get_content()
