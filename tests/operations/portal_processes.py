"""The portal's own processes for integration tests: gunicorn over portal.wsgi, and the task worker.

They run with production settings (portal.settings.production: Secure cookies, the database task
backend) against the components scripts/test.sh started, and against the test database that
pytest-django created, so that rows a transactional test commits are visible to them.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from tests.operations.web_client import PUBLIC_HOST, Browser

ROOT = Path(__file__).resolve().parent.parent.parent
START_TIMEOUT = 90  # seconds; Django and Wagtail load slowly on a busy machine
STOP_TIMEOUT = 20
WORKER_TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_environment(database_name: str, index_prefix: str) -> dict:
    """The environment scripts/test.sh exported, with production settings over the test database."""
    env = dict(os.environ)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests' switch; never in production
    url = urllib.parse.urlsplit(env["DATABASE_URL"])
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="false",
        OCDS_PREFIX="ocds-t3st01",
        OCDS_PUBLISHER_ID="GB-COH-01234567",
        ALLOWED_HOSTS=PUBLIC_HOST,
        DATABASE_URL=urllib.parse.urlunsplit(url._replace(path=f"/{database_name}")),
        SEARCH_INDEX_PREFIX=index_prefix,
        PYTHONUNBUFFERED="1",
    )
    return env


class WebProcess:
    """One gunicorn serving portal.wsgi on a free loopback port."""

    def __init__(self, name: str, env: dict, log_dir: Path):
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log_dir / f"gunicorn-{name}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "portal.wsgi:application",
                    f"--bind=127.0.0.1:{self.port}",
                    "--workers=1",
                    "--timeout=60",
                    "--graceful-timeout=5",
                    f"--name=portal-{name}",
                    "--no-control-socket",  # its default path is one per machine, not per process
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.name} exited:\n{self.log_tail()}")
            try:
                if Browser(timeout=5).get(self.url, "/account/sign-in/").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn {self.name} did not serve in {START_TIMEOUT}s")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(STOP_TIMEOUT)

    def __repr__(self) -> str:
        return f"<gunicorn {self.name} at {self.url}>"


def collect_static(env: dict) -> None:
    """Production serves hashed static files (whitenoise's manifest): collect them first, as the
    release step does, into env's VAR_DIR."""
    done = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=WORKER_TIMEOUT,
    )
    assert done.returncode == 0, f"collectstatic failed:\n{done.stdout}{done.stderr}"


def run_worker_once(env: dict) -> str:
    """`manage.py db_worker --batch`: run every queued task, then exit. Returns its output."""
    done = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=WORKER_TIMEOUT,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"the worker failed:\n{output}"
    return output
