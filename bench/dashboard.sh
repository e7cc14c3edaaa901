#!/usr/bin/env bash
# The dashboard's first-page benchmark: NODES nodes (default 100), each with an hour of 10 s samples of 3 components
# pushed through the API, in one `greenloop server` on its default store (SQLite under a scratch GREENLOOP_HOME);
# then a viewer signs in (cookie and CSRF token, as a browser does) and GET / (the fleet page) is timed ROUNDS times
# (default 50) with curl. Prints the median and the slowest; exit status 1 if the median is over 1 s (the target).
# Each further PATH (such as /runs /grid /models /compare) is timed the same way after the fleet page; the server serves a
# 48-hour hourly trace for DE around now, so /grid has a zone to draw.
#
# Usage: bench/dashboard.sh [NODES] [ROUNDS] [PATH...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
nodes="${1:-100}"
rounds="${2:-50}"
shift $(( $# < 2 ? $# : 2 ))
extra=("$@")
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export GREENLOOP_HOME="$work/home"
"$root/greenloop" --version > /dev/null   # builds on first use

token() { "$root/greenloop" server token create --role "$1" --name "$2" | grep -o 'glt_[A-Za-z0-9_-]*' | head -1; }
agent="$(token agent bench-agent)"
viewer="$(token viewer bench-viewer)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 - "$work/de.csv" <<'PY'
import sys, datetime
hour = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
with open(sys.argv[1], "w") as f:
    f.write("time,value\n")
    for h in range(-24, 24):
        f.write("%s,%d\n" % ((hour + datetime.timedelta(hours=h)).strftime("%Y-%m-%dT%H:%M:%SZ"), 300 - 150 * (h % 7 == 3)))
PY
"$root/greenloop" server --no-local-agent --bind 127.0.0.1 --port "$port" --rate-limit 100000 --trace "DE=$work/de.csv" > "$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -sf "$base/health" > /dev/null && break; sleep 0.5; done
curl -sf "$base/health" > /dev/null || { echo "dashboard: the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

# An hour of 10 s samples ending now, per node: 360 steps x 3 components, in one batch each.
now="$(date -u +%s)"
for n in $(seq 1 "$nodes"); do
  python3 - "$n" "$now" > "$work/batch.json" <<'PY'
import json, sys
n, now = int(sys.argv[1]), int(sys.argv[2])
out = []
for k in range(360):
    t = now - 3600 + (k + 1) * 10
    stamp = __import__("datetime").datetime.fromtimestamp(t, __import__("datetime").timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for comp, scope, prov, w in (("cpu-package-0", "cpu-package", "measured", 40 + n % 7),
                                 ("dram-0", "dram", "measured", 6.0), ("gpu-0", "gpu", "modelled", 150 + (k % 10))):
        out.append({"id": f"{comp}/{t}", "time": stamp, "seconds": 10, "component": comp, "scope": scope,
                    "provenance": prov, "joules": w * 10, "watts": w})
print(json.dumps(out))
PY
  curl -sf -o /dev/null -H "Authorization: Bearer $agent" -H 'Content-Type: application/json' \
    --data-binary "@$work/batch.json" "$base/api/v1/nodes/node-$n/samples?zone=DE"
done

jar="$work/cookies"
csrf="$(curl -sf -c "$jar" -b "$jar" "$base/login" | grep -o 'name="csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')"
curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "token=$viewer" --data-urlencode "csrf=$csrf" "$base/login"
page="$(curl -sf -b "$jar" "$base/")"
grep -q "node-$nodes" <<<"$page" || { echo "dashboard: the fleet page does not list node-$nodes:" >&2; head -c 2000 <<<"$page" >&2; tail -5 "$work/server.log" >&2; exit 1; }

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
times="$(for _ in $(seq 1 "$rounds"); do curl -sf -o /dev/null -b "$jar" -w '%{time_total}\n' "$base/"; done | sort -n)"
median="$(sed -n "$(( (rounds + 1) / 2 ))p" <<<"$times")"
slowest="$(tail -1 <<<"$times")"
echo "fleet page with $nodes nodes: median ${median} s, slowest ${slowest} s over $rounds requests (target: median <= 1 s)"
status=0
awk -v m="$median" 'BEGIN { exit (m <= 1.0) ? 0 : 1 }' || status=1
for path in "${extra[@]}"; do
  code="$(curl -s -o /dev/null -b "$jar" -w '%{http_code}' "$base$path")"
  [ "$code" = 200 ] || { echo "dashboard: $path answered $code" >&2; status=1; continue; }
  times="$(for _ in $(seq 1 "$rounds"); do curl -sf -o /dev/null -b "$jar" -w '%{time_total}\n' "$base$path"; done | sort -n)"
  median="$(sed -n "$(( (rounds + 1) / 2 ))p" <<<"$times")"
  echo "$path with $nodes nodes: median ${median} s, slowest $(tail -1 <<<"$times") s over $rounds requests (target: median <= 1 s)"
  awk -v m="$median" 'BEGIN { exit (m <= 1.0) ? 0 : 1 }' || status=1
done
exit "$status"
