"""/healthz is liveness (no component is called); /readyz checks the components, the worker's
heartbeat and the backlogs, and answers 503 when something is not ready."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal import health
from portal.models import WorkerHeartbeat
from search.indexing import apply_pending_updates
from search.models import PendingUpdate
from tests import builders

pytestmark = pytest.mark.django_db


def heartbeat(seconds_ago: float, worker_id: str = "w1"):
    seen = timezone.now() - timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"hostname": "h", "pid": 1, "started_at": seen, "last_seen": seen},
    )


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ELASTICSEARCH_URL = ""


def test_healthz_is_ok_without_touching_any_component(client, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "no.such.Storage"}}
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(queries) == 0


def test_readyz_is_not_ready_without_a_worker(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["components"]["worker"]["reason"] == "no worker has reported"


def test_readyz_is_not_ready_with_a_stale_heartbeat(client, settings):
    settings.WORKER_HEARTBEAT_MAX_AGE = 60
    heartbeat(seconds_ago=90)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    worker = body["components"]["worker"]
    assert worker["status"] == "not ready" and worker["last_heartbeat_seconds"] >= 90
    assert body["components"]["database"]["status"] == "ok"


def test_readyz_is_ready_with_a_fresh_heartbeat(client):
    heartbeat(seconds_ago=90, worker_id="old")
    heartbeat(seconds_ago=2)
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert body["components"]["worker"]["workers"] == 1
    assert body["components"]["worker"]["last_heartbeat_seconds"] < 60
    assert set(body["components"]) >= {
        "database",
        "storage",
        "search",
        "search_outbox",
        "worker",
        "task_queue",
    }


def test_readyz_reports_the_backlogs(client, database_tasks, trafford):
    heartbeat(seconds_ago=1)
    builders.service(trafford, "Meals on wheels")  # an outbox row, and its task queued
    apply_pending_updates.enqueue()
    body = client.get("/readyz").json()["components"]
    assert (
        body["search"]["pending_updates"]
        == PendingUpdate.objects.filter(applied_at__isnull=True).count()
        >= 1
    )
    assert body["task_queue"]["waiting"] == DBTaskResult.objects.ready().count() >= 1
    assert body["task_queue"]["oldest_waiting_seconds"] >= 0


def test_a_component_plugs_in_with_register_ready(client):
    heartbeat(seconds_ago=1)

    @health.register_ready("outbox")
    def outbox():
        raise health.NotReady("too many failed messages", failed=12)

    try:
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["components"]["outbox"] == {
            "status": "not ready",
            "reason": "too many failed messages",
            "failed": 12,
            "ms": response.json()["components"]["outbox"]["ms"],
        }
    finally:
        del health.READY_CHECKS["outbox"]
    assert client.get("/readyz").status_code == 200


def test_readyz_is_not_ready_while_an_event_was_given_up(client):
    """Found walking the demo: three award events had failed every attempt and /readyz said ok."""
    from messaging.events import MAX_ATTEMPTS
    from messaging.models import EventRecord

    heartbeat(1)
    trafford = builders.authority("TRF")
    EventRecord.objects.create(
        kind="exercise.confirm_award",
        subject_type_id=ContentType.objects.get_for_model(trafford).pk,
        subject_id=trafford.pk,
        attempts=MAX_ATTEMPTS,
    )
    report = client.get("/readyz").json()["components"]["events"]
    assert report["status"] == "not ready" and report["given_up"] == 1
