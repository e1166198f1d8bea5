#!/usr/bin/env bash
# make demo: the production shape on the embedded defaults. Prepares var/ (or $VAR_DIR): migrate,
# the demo content (first run only), the search index, collectstatic; then runs the web process
# (gunicorn + whitenoise, DEBUG off) and the worker (run_worker), and stops both on Ctrl+C or
# when either ends.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
ADDR=${DEMO_ADDR:-127.0.0.1:8000}
export DJANGO_SETTINGS_MODULE=portal.settings.demo
mkdir -p "${VAR_DIR:-var}"

"$PY" manage.py prepare_demo  # migrate, seed_demo (first run), search_index --rebuild, collectstatic

pids=()
stop() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

.venv/bin/gunicorn --config gunicorn.conf.py --bind "$ADDR" --workers "${WEB_CONCURRENCY:-2}" &
pids+=($!)
"$PY" manage.py run_worker &
pids+=($!)

echo "Serving the portal at http://$ADDR/ (Ctrl+C to stop)."
echo "Emails (registration confirmations, reminders) are printed on this console."
set +e
wait -n "${pids[@]}"
status=$?
echo "A demo process ended (status $status); stopping the other." >&2
exit $status
