"""Helpers for the tests that start the portal's real processes (manage.py, gunicorn, demo.sh)."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(**extra) -> dict:
    """The environment of a production process over the test database and components."""
    # Not the test run's own switches (the browser tests allow Django's ORM inside Playwright's
    # event loop): a deployment never sets them, and check --deploy refuses them.
    ignored = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    db = connection.settings_dict
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="false",
        OCDS_PREFIX="ocds-t3st01",
        OCDS_PUBLISHER_ID="GB-COH-01234567",
        ALLOWED_HOSTS="portal.example.org",
        # A deployment always names its email provider (check --deploy warns otherwise).
        EMAIL_URL="smtp://127.0.0.1:1025",
        DATABASE_URL=(
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
    )
    env.pop("ELASTICSEARCH_URL", None)  # database search: these tests are about the processes
    env.update(extra)
    return env


def manage(*args, env, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start(args, env, log_path: Path) -> subprocess.Popen:
    """A process in a session of its own (so that stop() can end it and its children)."""
    log = open(log_path, "wb")  # noqa: SIM115  (closed with the process, in stop())
    process = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    process.log_file = log
    return process


def stop(process: subprocess.Popen, sig=signal.SIGTERM, timeout=30) -> int:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
    process.log_file.close()
    return process.returncode


def wait_until(predicate, timeout: float, what: str, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def fetch(url: str, headers: dict | None = None):
    """(status, headers, body) of a GET; status 0 when nothing answers."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    except OSError:  # not listening (yet)
        return 0, {}, b""


def children(pid: int) -> list[int]:
    """The ids of a process's direct children (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
