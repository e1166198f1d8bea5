"""The database backend's simpler SQLite match: the same contract, run on SQLite.

scripts/test.sh runs the suite on PostgreSQL; this runs the contract's database cases again in
a child pytest with no DATABASE_URL (SQLite, as `make demo` has) and no Elasticsearch.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(os.environ.get("SEARCH_SQLITE_CHILD") == "1", reason="already the child")
def test_contract_passes_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": "",
        "ELASTICSEARCH_URL": "",
        "SEARCH_SQLITE_CHILD": "1",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/search/test_contract.py",
            "-k",
            "database or snippet",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout
