#!/usr/bin/env bash
# The fleet ingest benchmark: AGENTS simulated agents (default 1000) push 4 components every second for SECONDS
# (default 600) to one `greenloop server` on PostgreSQL, on this machine. Prints the ingest latency distribution
# (request sent to 202), whether every node's energy on the server equals what was sent (to the joule), and the
# server's peak resident set. Exit status 1 if a sample was lost or counted twice.
#
# PostgreSQL comes from the embedded binaries the store's tests use (bench/…/BenchPostgres), with its default
# durability (fsync, synchronous commit). The load generator runs on the same machine and shares its CPUs.
#
# With `query` as the first argument it runs the query benchmark instead: a day of 1 s samples of 4 components for one
# node, then GET .../power over the day at 1-minute steps and GET .../energy over it, ROUNDS times (default 200).
#
# With `live` as the first argument, VIEWERS dashboard viewers (default 50) sign in and watch the agents' nodes on live
# charts (each reads a node's 1 Hz server-sent event stream, as the node page does) while the agents push: the
# ingest figures as above, and whether every viewer got its event each second (LiveViewers).
#
# Usage: bench/ingest.sh [AGENTS] [SECONDS]
#        bench/ingest.sh query [ROUNDS]
#        bench/ingest.sh live [VIEWERS] [AGENTS] [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mode=ingest
if [ "${1:-}" = query ]; then mode=query; shift; rounds="${1:-200}"; fi
if [ "${1:-}" = live ]; then mode=live; shift; viewers="${1:-50}"; shift || true; fi
agents="${1:-1000}"
seconds="${2:-600}"
. "$root/bench/lib-postgres.sh"
bench_init
start_postgres ingest
export GREENLOOP_HOME="$work/home"

token() { "$root/greenloop" server token create --role "$1" --name "$2" | grep -o 'glt_[A-Za-z0-9_-]*' | head -1; }
agent_token="$(token agent bench-agents)"
viewer_token="$(token viewer bench-viewer)"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$root/greenloop" server --no-local-agent --bind 127.0.0.1 --port "$port" --rate-limit 100000 > "$work/server.log" 2>&1 &
pids+=($!)
server_pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/health" > /dev/null || { echo "ingest: the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
java_pid="$(pgrep -P "$server_pid" java || echo "$server_pid")"

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
if [ "$mode" = query ]; then
  "$java_bin" -cp "$bench_cp" dev.greenloop.bench.FleetQueries "http://127.0.0.1:$port" "$agent_token" "$viewer_token" "$rounds" || status=$?
elif [ "$mode" = live ]; then
  "$java_bin" -Xmx512m -cp "$bench_cp" dev.greenloop.bench.IngestLoad "http://127.0.0.1:$port" "$agent_token" "$viewer_token" "$agents" "$seconds" &
  load_pid=$!
  "$java_bin" -Xmx256m -cp "$bench_cp" dev.greenloop.bench.LiveViewers "http://127.0.0.1:$port" "$viewer_token" "$viewers" "$seconds" "$agents" || status=$?
  wait "$load_pid" || status=$?
else
  "$java_bin" -Xmx512m -cp "$bench_cp" dev.greenloop.bench.IngestLoad "http://127.0.0.1:$port" "$agent_token" "$viewer_token" "$agents" "$seconds" || status=$?
fi
echo "server peak resident set: $(grep VmHWM /proc/"$java_pid"/status | awk '{printf "%.0f MB", $2/1024}') (VmHWM of pid $java_pid)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -TERM "$server_pid" 2>/dev/null || true
exit "$status"
