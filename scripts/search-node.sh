#!/usr/bin/env bash
# Throwaway Elasticsearch 8.19 nodes for tests, built from Maven Central (search/node/).
#
#   scripts/search-node.sh build              # mvn package, only if target/ is missing or stale
#   scripts/search-node.sh start PORT DATADIR # one single-node cluster, in the background;
#                                             # returns once it is green
#   scripts/search-node.sh stop DATADIR       # SIGTERM via DATADIR/node.pid, wait for exit
#
# A cluster of N nodes on 127.0.0.1 (each with its own data dir, HTTP and transport port):
#
#   scripts/search-node.sh start-cluster N BASEDIR # start (or restart) it; returns once all N nodes
#                                             # have joined and it is green; prints the nodes' URLs,
#                                             # comma-separated (also in BASEDIR/urls)
#   scripts/search-node.sh stop-cluster BASEDIR  # stop every node (data and ports are kept, so
#                                             # start-cluster N BASEDIR brings the same cluster back)
#   scripts/search-node.sh stop-node BASEDIR I   # stop node I (0-based)
#   scripts/search-node.sh start-node BASEDIR I  # start node I again; returns once it has rejoined
#                                             # (the cluster may still be yellow while shards recover)
#
# The first start-cluster picks free ports and writes them to BASEDIR/cluster.env; the nodes are
# named node-0 .. node-N-1 and node I lives in BASEDIR/node-I (node.pid, node.log, data/).
#
# Env: JAVA_HOME (Java 17+), SEARCH_NODE_HEAP (max heap, at least 512m; default 1g for a single
# node, 512m for each node of a larger cluster), SEARCH_NODE_JAVA_OPTS (extra JVM flags), SEARCH_NODE_PROCESSORS (a
# cluster node's node.processors, default 1: the nodes share the machine), SEARCH_NODE_TIMEOUT
# (seconds to wait for the node or cluster, default 120), MVN_ARGS (extra mvn flags, e.g.
# -Dmaven.repo.local=/tmp/m2 or -o).
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

# launch HEAP PORT DATADIR [SearchNode args...]: start one node in the background, write its pid.
launch() {
    local heap="$1" port="$2" data="$3"
    shift 3
    local pidfile="$data/node.pid" log="$data/node.log"
    if [[ -f "$pidfile" ]] && is_our_node "$(cat "$pidfile")"; then
        die "already running (pid $(cat "$pidfile")) for $data"
    fi
    if http_get "http://127.0.0.1:$port/" >/dev/null; then
        die "something is already answering on 127.0.0.1:$port"
    fi
    # The flags the ES distribution's jvm.options would set that matter in-process:
    # Netty without Unsafe/recycler (as ES ships it), Log4j without JMX/lookups/its own shutdown hook.
    # shellcheck disable=SC2086
    "$JAVA" -Xms512m -Xmx"$heap" -XX:+UseG1GC \
        -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0 \
        -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -Dlog4j2.formatMsgNoLookups=true \
        -Djava.locale.providers=SPI,COMPAT -Dfile.encoding=UTF-8 \
        ${SEARCH_NODE_JAVA_OPTS:-} \
        -jar "$JAR" --port "$port" --data "$data" "$@" \
        >"$log" 2>&1 </dev/null &
    echo "$!" >"$pidfile"
}

start() {
    local port="${1:?usage: start PORT DATADIR}" data="${2:?usage: start PORT DATADIR}"
    [[ "$port" =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$port'"
    mkdir -p "$data"
    data="$(cd "$data" && pwd)"
    local pidfile="$data/node.pid" log="$data/node.log"
    build
    launch "${SEARCH_NODE_HEAP:-1g}" "$port" "$data"
    local pid
    pid="$(cat "$pidfile")"

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

# --- a cluster of N nodes ----------------------------------------------------------------------

free_ports() { # N distinct free loopback ports (all held open at once, so no duplicates)
    # Below the kernel's ephemeral range: a stopped node's port must still be free when the node
    # starts again, and a port from that range may meanwhile become some client's local port.
    python3 - "$1" <<'PYEOF'
import random, socket, sys
with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
    low = int(f.read().split()[0])
socks, candidates = [], random.sample(range(10000, max(low, 10001)), k=min(4000, max(low - 10000, 1)))
for port in candidates:
    if len(socks) == int(sys.argv[1]):
        break
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        s.close()
        continue
    socks.append(s)
if len(socks) < int(sys.argv[1]):
    sys.exit("search-node: no free ports below the ephemeral range")
print(" ".join(str(s.getsockname()[1]) for s in socks))
PYEOF
}

load_cluster() { # BASEDIR: reads BASEDIR/cluster.env (NODES, HTTP_PORTS, TRANSPORT_PORTS)
    [[ -f "$1/cluster.env" ]] || die "no cluster in $1 (run start-cluster N $1 first)"
    # shellcheck disable=SC1091
    source "$1/cluster.env"
}

node_index() { # BASEDIR I: checks that I names a node of the cluster
    [[ "$2" =~ ^[0-9]+$ ]] && (( $2 < NODES )) || die "node index must be 0..$(( NODES - 1 )), got '$2'"
}

launch_cluster_node() { # BASEDIR I
    local base="$1" i="$2" http transport seeds="" names="" j
    read -ra http <<<"$HTTP_PORTS"
    read -ra transport <<<"$TRANSPORT_PORTS"
    for (( j = 0; j < NODES; j++ )); do
        (( j == i )) || seeds+="${seeds:+,}127.0.0.1:${transport[j]}"
        names+="${names:+,}node-$j"
    done
    mkdir -p "$base/node-$i"
    if (( NODES == 1 )); then # a cluster of one: single-node discovery, as `start` runs it
        launch "${SEARCH_NODE_HEAP:-1g}" "${http[i]}" "$base/node-$i" \
            --name "node-$i" --transport-port "${transport[i]}"
        return
    fi
    local args=(--name "node-$i" --transport-port "${transport[i]}" --seed-hosts "$seeds"
        "-Enode.processors=${SEARCH_NODE_PROCESSORS:-1}")
    # cluster.initial_master_nodes only until the cluster has formed once (ES ignores it, with a
    # warning, on nodes that already belong to a cluster)
    [[ -f "$base/.bootstrapped" ]] || args+=(--initial-master-nodes "$names")
    launch "${SEARCH_NODE_HEAP:-512m}" "${http[i]}" "$base/node-$i" "${args[@]}"
}

# wait_cluster BASEDIR QUERY WHAT: polls each running node's _cluster/health?QUERY until one
# answers with timed_out false; fails when a node's process dies or SEARCH_NODE_TIMEOUT passes.
wait_cluster() {
    local base="$1" query="$2" what="$3" http i pid
    read -ra http <<<"$HTTP_PORTS"
    local timeout="${SEARCH_NODE_TIMEOUT:-120}" started=$SECONDS
    while (( SECONDS - started < timeout )); do
        for (( i = 0; i < NODES; i++ )); do
            [[ -f "$base/node-$i/node.pid" ]] || continue
            pid="$(cat "$base/node-$i/node.pid")"
            if ! kill -0 "$pid" 2>/dev/null; then
                echo "search-node: node-$i exited; last log lines ($base/node-$i/node.log):" >&2
                tail -n 40 "$base/node-$i/node.log" >&2
                rm -f "$base/node-$i/node.pid"
                return 1
            fi
            if http_get "http://127.0.0.1:${http[i]}/_cluster/health?$query&timeout=1s" \
                | grep -q '"timed_out":false'; then
                echo "search-node: $what after $(( SECONDS - started ))s" >&2
                return 0
            fi
        done
        sleep 0.5
    done
    echo "search-node: not $what within ${timeout}s; last log lines of each node:" >&2
    for (( i = 0; i < NODES; i++ )); do
        echo "--- node-$i" >&2
        tail -n 15 "$base/node-$i/node.log" >&2 || true
    done
    return 1
}

start_cluster() {
    local n="${1:?usage: start-cluster N BASEDIR}" base="${2:?usage: start-cluster N BASEDIR}" i
    [[ "$n" =~ ^[0-9]+$ ]] && (( n >= 1 )) || die "N must be a positive number, got '$n'"
    mkdir -p "$base"
    base="$(cd "$base" && pwd)"
    if [[ -f "$base/cluster.env" ]]; then # a restart: same nodes, same ports, same data
        load_cluster "$base"
        (( n == NODES )) || die "$base holds a cluster of $NODES nodes, not $n"
    else
        local ports
        read -ra ports <<<"$(free_ports $(( 2 * n )))"
        {
            echo "NODES=$n"
            echo "HTTP_PORTS=\"${ports[*]:0:n}\""
            echo "TRANSPORT_PORTS=\"${ports[*]:n}\""
        } >"$base/cluster.env"
        load_cluster "$base"
    fi
    build
    local http urls=""
    read -ra http <<<"$HTTP_PORTS"
    for (( i = 0; i < NODES; i++ )); do
        if [[ -f "$base/node-$i/node.pid" ]] && is_our_node "$(cat "$base/node-$i/node.pid")"; then
            continue # already up: after stop-node, start-cluster brings back only the stopped ones
        fi
        launch_cluster_node "$base" "$i"
    done
    for (( i = 0; i < NODES; i++ )); do urls+="${urls:+,}http://127.0.0.1:${http[i]}"; done
    echo "$urls" >"$base/urls"
    if ! wait_cluster "$base" "wait_for_nodes=$NODES&wait_for_status=green" \
        "green with $NODES nodes on $urls"; then
        stop_cluster "$base"
        exit 1
    fi
    touch "$base/.bootstrapped"
    echo "$urls"
}

stop_cluster() {
    local base="${1:?usage: stop-cluster BASEDIR}" i
    load_cluster "$base"
    for (( i = 0; i < NODES; i++ )); do
        [[ -f "$base/node-$i/node.pid" ]] && stop "$base/node-$i" &
    done
    wait
}

start_node() {
    local base="${1:?usage: start-node BASEDIR I}" i="${2:?usage: start-node BASEDIR I}"
    load_cluster "$base"
    node_index "$base" "$i"
    build
    launch_cluster_node "$base" "$i"
    wait_cluster "$base" "wait_for_nodes=$NODES&wait_for_status=yellow" \
        "node-$i back, $NODES nodes in the cluster"
}

stop_node() {
    local base="${1:?usage: stop-node BASEDIR I}" i="${2:?usage: stop-node BASEDIR I}"
    load_cluster "$base"
    node_index "$base" "$i"
    stop "$base/node-$i"
}

case "${1:-}" in
    build) build ;;
    start) shift; start "$@" ;;
    stop) shift; stop "$@" ;;
    start-cluster) shift; start_cluster "$@" ;;
    stop-cluster) shift; stop_cluster "$@" ;;
    start-node) shift; start_node "$@" ;;
    stop-node) shift; stop_node "$@" ;;
    *)
        echo "usage: $0 build | start PORT DATADIR | stop DATADIR | start-cluster N BASEDIR" \
            "| stop-cluster BASEDIR | start-node BASEDIR I | stop-node BASEDIR I" >&2
        exit 2
        ;;
esac
