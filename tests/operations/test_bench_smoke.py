"""Every benchmark runs to its report at a tiny scale (BENCH_SMOKE=1: bench/runner.py), as
`make bench` runs it, so that a benchmark broken by a change fails `make test` instead of being
found broken at the next `make bench` (issue 25, item 0). The figures printed are not judged:
timing in a test proves nothing; `make bench` reports them."""

import os
import subprocess

import pytest

from bench.__main__ import names
from tests.operations.processes import PYTHON, ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.requires("postgresql", "s3", "elasticsearch"),
]

# What each benchmark's report says once it has measured (a line it prints last or nearly).
REPORTS = {
    "bench_alerts": "saved searches, daily:",
    "bench_audit": "verify_chain:",
    "bench_dashboard": "(c) /dashboard/ on a cold cache:",
    "bench_digest": "send_digests:",
    "bench_load": "load benchmark:",
    "bench_search": "(e) database /search/",
    "bench_transitions": "clarification round (request + answer), perform:",
    "bench_uploads": "peak memory growth of the request:",
}


def test_every_benchmark_has_a_smoke_check():
    assert sorted(REPORTS) == names([])


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_benchmark_runs_to_its_report(name):
    env = {**os.environ, "BENCH_SMOKE": "1"}
    result = subprocess.run(
        [PYTHON, "-m", "bench", name],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert REPORTS[name] in result.stdout, output[-6000:]
