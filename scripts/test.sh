#!/usr/bin/env bash
# Starts the real components (a throw-away PostgreSQL cluster, an S3 server (moto), and the
# others as they arrive), runs lint and every test (or, with --bench, the benchmarks), and stops
# what it started even when something fails. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
MODE=test
if [ "${1:-}" = "--bench" ]; then
  MODE=--bench
  shift
fi
OUT=$ROOT/test-output
mkdir -p "$OUT"
RUN_DIR=$(mktemp -d /tmp/portal-test.XXXXXX)
PG_BIN=/usr/lib/postgresql/15/bin

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cleanup() {
  status=$?
  # --- S3 (moto) ---
  if [ -f "$RUN_DIR/moto.pid" ]; then
    kill "$(cat "$RUN_DIR/moto.pid")" 2>/dev/null || true
    wait "$(cat "$RUN_DIR/moto.pid")" 2>/dev/null || true
  fi
  # --- Elasticsearch (stop): the suite's node, and any cluster a test left running ---
  for es_dir in "$RUN_DIR/es" "$RUN_DIR"/es-own/*; do
    if [ -f "$es_dir/cluster.env" ]; then
      bash "$ROOT/scripts/search-node.sh" stop-cluster "$es_dir" >/dev/null 2>&1 || true
    fi
  done
  # --- PostgreSQL (stop) ---
  if [ -f "$RUN_DIR/pg/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$RUN_DIR"
  exit $status
}
trap cleanup EXIT INT TERM

echo "== starting PostgreSQL"
PG_PORT=$(free_port)
mkdir -p "$RUN_DIR/pg"
chown postgres:postgres "$RUN_DIR" "$RUN_DIR/pg"
chmod 700 "$RUN_DIR/pg"
runuser -u postgres -- "$PG_BIN/initdb" -D "$RUN_DIR/pg" -A trust -U postgres >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg" -l "$RUN_DIR/pg.log" -w \
  -o "-p $PG_PORT -k $RUN_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" portal
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/portal"
export DJANGO_SETTINGS_MODULE=portal.settings.test

# The test databases' schema: migrated once, into a template, while the other components start
# (about half a minute of Django rendering its migration states); each pytest worker's database
# is then a copy of it (--reuse-db finds it there), instead of every worker migrating its own.
# The benchmarks' scratch databases are copies of it too (bench/runner.py).
TEMPLATE_DB=test_portal_template
echo "== migrating the template test database (in the background)"
runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" "$TEMPLATE_DB"
(
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/$TEMPLATE_DB"
  "$PY" manage.py migrate --run-syncdb --noinput -v0 && "$PY" manage.py createcachetable
) >"$RUN_DIR/migrate.log" 2>&1 &
MIGRATE_PID=$!
template_migrated() {
  if ! wait "$MIGRATE_PID"; then
    cat "$RUN_DIR/migrate.log" >&2
    echo "migrating the template test database failed" >&2
    exit 1
  fi
  export BENCH_TEMPLATE_DB=$TEMPLATE_DB
}

# --- S3 (moto in server mode on loopback) -----------------------------------------------------
# A real S3 API for the documents: a private bucket, created here so that tests and benchmarks
# both find it. Stopped by cleanup() whatever happens.
echo "== starting the S3 server (moto)"
S3_PORT=$(free_port)
"$ROOT/.venv/bin/moto_server" -H 127.0.0.1 -p "$S3_PORT" >"$RUN_DIR/moto.log" 2>&1 &
echo $! >"$RUN_DIR/moto.pid"
export S3_ENDPOINT_URL="http://127.0.0.1:$S3_PORT"
export S3_BUCKET=portal-test-documents
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=eu-west-2
unset AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_PROFILE
"$PY" - <<'PYEOF'
import os, time, urllib.request

import boto3

url = os.environ["S3_ENDPOINT_URL"]
for _ in range(100):
    try:
        urllib.request.urlopen(url + "/moto-api/", timeout=1)
        break
    except OSError:
        time.sleep(0.1)
else:
    raise SystemExit(f"the S3 server did not answer at {url}")
s3 = boto3.client("s3", endpoint_url=url)
bucket = os.environ["S3_BUCKET"]
s3.create_bucket(
    Bucket=bucket,
    CreateBucketConfiguration={"LocationConstraint": os.environ["AWS_DEFAULT_REGION"]},
)
s3.put_public_access_block(
    Bucket=bucket,
    PublicAccessBlockConfiguration={
        "BlockPublicAcls": True,
        "IgnorePublicAcls": True,
        "BlockPublicPolicy": True,
        "RestrictPublicBuckets": True,
    },
)
PYEOF
# --- end S3 -----------------------------------------------------------------------------------
# --- Elasticsearch -----------------------------------------------------------------------------
# A real Elasticsearch 8.19 node (SEARCH_NODES of them if set), built from Maven Central artefacts
# (search/node/), on free loopback ports, with an index prefix of its own (each xdist worker adds
# its name); ELASTICSEARCH_URL lists every node. Tests that stop nodes (tests/search/test_cluster.py
# and the search-down test) start a cluster of their own under SEARCH_CLUSTER_DIR with
# scripts/search-node.sh and stop it after them, so the suite's node serves the other tests all
# along. SEARCH_NODE=0 skips it (search then uses the database backend).
if [ "${SEARCH_NODE:-1}" != "0" ]; then
  SEARCH_CLUSTER_NODES=${SEARCH_NODES:-1}
  echo "== starting Elasticsearch ($SEARCH_CLUSTER_NODES node(s))"
  bash "$ROOT/scripts/search-node.sh" build
  ELASTICSEARCH_URL=$(bash "$ROOT/scripts/search-node.sh" start-cluster "$SEARCH_CLUSTER_NODES" "$RUN_DIR/es")
  SEARCH_CLUSTER_DIR=$RUN_DIR/es-own
  mkdir -p "$SEARCH_CLUSTER_DIR"
  export SEARCH_CLUSTER_DIR SEARCH_CLUSTER_NODES ELASTICSEARCH_URL
  export SEARCH_INDEX_PREFIX="test-$$-$(date +%s)"
fi
# --- end Elasticsearch -------------------------------------------------------------------------

if [ "$MODE" = "--bench" ]; then
  template_migrated
  "$PY" -m bench "$@"
  exit 0
fi

echo "== lint"
"$ROOT/.venv/bin/ruff" check .
"$ROOT/.venv/bin/ruff" format --check .
"$PY" manage.py makemigrations --check --dry-run

template_migrated
WORKERS=${TEST_WORKERS:-2}
for name in test_portal $(for i in $(seq 0 $((WORKERS - 1))); do echo "test_portal_gw$i"; done); do
  runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -T "$TEMPLATE_DB" "$name"
done

# Two pytest-xdist workers (the machine's two cores), each with a test database, index prefix,
# S3 bucket and media folder of its own; tests marked with an xdist_group (browser, processes,
# the search cluster: tests/conftest.py) run on one worker, one at a time.
echo "== tests"
# Every component above is running: a test that finds one missing fails with the reason instead
# of skipping (tests/components.py). With SEARCH_NODE=0 the Elasticsearch tests therefore fail.
export PORTAL_REQUIRE_COMPONENTS=1
set +e
"$PY" -m pytest -p no:cacheprovider -n "$WORKERS" --dist loadgroup --reuse-db --durations=30 \
  --junitxml="$OUT/junit.xml" "$@"
status=$?
set -e
if [ $status -eq 5 ]; then
  echo "pytest collected no tests" >&2
fi
exit $status
