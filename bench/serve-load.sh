#!/usr/bin/env bash
# Load on 'greenloop serve' (all-MiniLM-L6-v2 fp32) over HTTP, against LangChain4j's in-process model on the same texts
# (dev.greenloop.bench.ServeLoad): throughput per CPU core, latency percentiles, and the per-request energy summed
# against the server's own split (requests + idle = process). Starts the server, runs the load, stops it with SIGTERM.
#
#   bench/serve-load.sh                         8 clients, closed loop, 60 s, short queries (3..12 words)
#   bench/serve-load.sh CLIENTS SECONDS MAX_WORDS [RATE [TEXTS]]   e.g. 8 600 60 (a 10-minute load), a paced RATE in
#                                               requests/s (0: closed loop), TEXTS per request (default 1; a list, as
#                                               LangChain4j's OpenAiEmbeddingModel.embedAll sends)
#
#   SERVE_ARGS="--max-wait-ms 0" bench/serve-load.sh ...   extra 'greenloop serve' flags
#   SERVE_LOAD_NO_BUILD=1 bench/serve-load.sh ...          skip the Maven build (after a first run)
#
# Run it on a quiet machine, and quote the machine and its load with the figures.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/jdk.sh"
java_bin="$(find_java)"
export JAVA_HOME="$(java_home_of "$java_bin")"
[ -n "${SERVE_LOAD_NO_BUILD:-}" ] || (cd "$root" && ./mvnw -q -B -ntp -Dmaven.test.skip=true package -pl cli -am && ./mvnw -q -B -ntp -Pbench -Dmaven.test.skip=true package -pl bench -am)
clients="${1:-8}" seconds="${2:-60}" words="${3:-12}" rate="${4:-0}" per_request="${5:-1}"
port="${GREENLOOP_BENCH_PORT:-18432}"
log="$(mktemp)"
GREENLOOP_NO_REBUILD=1 "$root/greenloop" serve --model all-minilm-l6-v2 --auth none --port "$port" ${SERVE_ARGS:-} >"$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; cat "$log"; rm -f "$log"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
java_pid="$(pgrep -P "$server" java || echo "$server")"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
"$java_bin" --enable-native-access=ALL-UNNAMED -cp "$root/bench/target/greenloop-bench.jar" dev.greenloop.bench.ServeLoad \
  "$port" "$java_pid" "$clients" "$seconds" "$words" "$rate" "$per_request"
echo "load after: $(uptime | sed 's/.*load average/load average/')"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$java_bin" -version 2>&1 | head -1)"
