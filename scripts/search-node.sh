#!/usr/bin/env bash
# A throwaway Elasticsearch 8.14 node for tests, built from Maven Central (search/node/).
#
#   scripts/search-node.sh build              # mvn package, only if target/ is missing or stale
#   scripts/search-node.sh start PORT DATADIR # start in background; returns once the cluster is green
#   scripts/search-node.sh stop DATADIR       # SIGTERM via DATADIR/node.pid, wait for exit
#
# Env: JAVA_HOME (Java 17+), SEARCH_NODE_HEAP (default 1g max, 512m min), SEARCH_NODE_JAVA_OPTS (extra
# JVM flags), SEARCH_NODE_TIMEOUT (seconds to wait for green, default 120), MVN_ARGS (extra mvn flags,
# e.g. -Dmaven.repo.local=/tmp/m2 or -o).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_DIR="$ROOT/search/node"
JAR="$NODE_DIR/target/search-node.jar"
STAMP="$NODE_DIR/target/.build-ok" # written only after a successful build
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

die() { echo "search-node: $*" >&2; exit 1; }

build() {
    if [[ -f "$STAMP" && -f "$JAR" ]] \
        && [[ -z "$(find "$NODE_DIR/pom.xml" "$NODE_DIR/src" -newer "$STAMP" -print -quit)" ]]; then
        return 0
    fi
    echo "search-node: building $NODE_DIR (maven)" >&2
    rm -f "$STAMP"
    # shellcheck disable=SC2086
    mvn -q -B ${MVN_ARGS:-} -f "$NODE_DIR/pom.xml" package >&2
    touch "$STAMP"
}

http_get() { # prints the body, fails on connection errors
    if command -v curl >/dev/null; then
        curl -fsS -m 5 "$1" 2>/dev/null
    else
        python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "$1" 2>/dev/null
    fi
}

is_our_node() { # pid is alive and is this jar (guards against a recycled pid)
    [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q "search-node.jar"
}

start() {
    local port="${1:?usage: start PORT DATADIR}" data="${2:?usage: start PORT DATADIR}"
    [[ "$port" =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$port'"
    mkdir -p "$data"
    data="$(cd "$data" && pwd)"
    local pidfile="$data/node.pid" log="$data/node.log"

    if [[ -f "$pidfile" ]] && is_our_node "$(cat "$pidfile")"; then
        die "already running (pid $(cat "$pidfile")) for $data"
    fi
    if http_get "http://127.0.0.1:$port/" >/dev/null; then
        die "something is already answering on 127.0.0.1:$port"
    fi
    build

    local heap="${SEARCH_NODE_HEAP:-1g}"
    # The flags the ES distribution's jvm.options would set that matter in-process:
    # Netty without Unsafe/recycler (as ES ships it), Log4j without JMX/lookups/its own shutdown hook.
    # shellcheck disable=SC2086
    "$JAVA" -Xms512m -Xmx"$heap" -XX:+UseG1GC \
        -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0 \
        -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -Dlog4j2.formatMsgNoLookups=true \
        -Djava.locale.providers=SPI,COMPAT -Dfile.encoding=UTF-8 \
        ${SEARCH_NODE_JAVA_OPTS:-} \
        -jar "$JAR" --port "$port" --data "$data" \
        >"$log" 2>&1 </dev/null &
    local pid=$!
    echo "$pid" >"$pidfile"

    local timeout="${SEARCH_NODE_TIMEOUT:-120}" started=$SECONDS
    local url="http://127.0.0.1:$port/_cluster/health?wait_for_status=green&timeout=1s"
    while (( SECONDS - started < timeout )); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "search-node: process exited during start-up; last log lines ($log):" >&2
            tail -n 40 "$log" >&2
            rm -f "$pidfile"
            exit 1
        fi
        if http_get "$url" | grep -q '"status":"green"'; then
            echo "search-node: green on http://127.0.0.1:$port after $(( SECONDS - started ))s (pid $pid, log $log)"
            return 0
        fi
        sleep 0.5
    done
    echo "search-node: not green within ${timeout}s; last log lines ($log):" >&2
    tail -n 40 "$log" >&2
    kill "$pid" 2>/dev/null || true
    rm -f "$pidfile"
    exit 1
}

stop() {
    local data="${1:?usage: stop DATADIR}"
    local pidfile="$data/node.pid" pid
    [[ -f "$pidfile" ]] || { echo "search-node: no pid file in $data (not running?)" >&2; return 0; }
    pid="$(cat "$pidfile")"
    if is_our_node "$pid"; then
        kill -TERM "$pid"
        for _ in $(seq 1 60); do # the node closes itself via its shutdown hook; give it 30s
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "search-node: pid $pid ignored SIGTERM for 30s, killing" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$pidfile"
}

case "${1:-}" in
    build) build ;;
    start) shift; start "$@" ;;
    stop) shift; stop "$@" ;;
    *) echo "usage: $0 build | start PORT DATADIR | stop DATADIR" >&2; exit 2 ;;
esac
