"""`make demo`'s script (scripts/demo.sh) in a temporary var/ folder: it prepares the demo, serves
the portal through gunicorn and whitenoise with DEBUG off beside a worker, and Ctrl+C (SIGINT)
stops both processes. A first run seeds every authority and collects the static files: slow."""

import os
import re
import signal
import subprocess

import pytest

from tests.operations.processes import (
    PYTHON,
    ROOT,
    alive,
    children,
    fetch,
    free_port,
    start,
    stop,
    wait_until,
)

pytestmark = pytest.mark.slow
COMPONENT_VARIABLES = {
    "DATABASE_URL",
    "ELASTICSEARCH_URL",
    "S3_BUCKET",
    "S3_ENDPOINT_URL",
    "SEARCH_INDEX_PREFIX",
    "DJANGO_SETTINGS_MODULE",
}


def test_the_demo_serves_the_production_shape_and_stops_on_ctrl_c(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in COMPONENT_VARIABLES}
    address = f"127.0.0.1:{free_port()}"
    env.update(VAR_DIR=str(tmp_path / "var"), DEMO_ADDR=address, WEB_CONCURRENCY="1")
    base = f"http://{address}"
    demo = start(["bash", "scripts/demo.sh"], env, tmp_path / "demo.log")
    try:
        wait_until(
            lambda: fetch(base + "/healthz")[0] == 200 if _up(demo) else None, 600, "the demo"
        )
        status, _, home = fetch(base + "/")
        assert status == 200
        stylesheet = re.search(
            rb'href="(/static/govuk/govuk-frontend\.min\.[0-9a-f]{12}\.css)"', home
        )
        assert stylesheet, "the home page links the hashed stylesheet"
        status, headers, _ = fetch(base + stylesheet[1].decode())
        assert status == 200 and "immutable" in headers["Cache-Control"]

        status, _, missing = fetch(base + "/no-such-page/")
        assert status == 404
        assert b"Page not found" in missing and b"URLconf" not in missing

        ready = wait_until(
            lambda: fetch(base + "/readyz")[0] == 200, 60, "the worker's heartbeat in /readyz"
        )
        assert ready
        processes = children(demo.pid)
        assert len(processes) == 2, processes  # gunicorn and the worker
    finally:
        status = stop(demo, signal.SIGINT, timeout=60)
    log = (tmp_path / "demo.log").read_text()
    assert status == 130, log
    assert not [pid for pid in processes if alive(pid)]
    assert "Emails" in log and "printed on this console" in log

    again = subprocess.run(
        [PYTHON, "manage.py", "prepare_demo"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.demo"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    assert "The demo content is already there." in again.stdout
    assert "Static files unchanged." in again.stdout


def _up(process) -> bool:
    if process.poll() is not None:
        raise AssertionError(f"the demo ended early with status {process.returncode}")
    return True
