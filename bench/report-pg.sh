#!/usr/bin/env bash
# The report benchmark on PostgreSQL: a year of hourly samples for NODES nodes (default 100) — one finished run per node
# and hour (a `monitor` session of the node: 876,000 runs for 100 nodes over 8,760 hours), each with its components
# (measured CPU package with a core breakdown, modelled DRAM with its range, a derived GPU on every other node),
# provenance, tags and zone as the store writes them (bench/…/ReportPgSeed) — then `greenloop report` of the whole year
# as JSON, HTML and PDF, each one launcher call with the launcher's own heap limit. Prints each call's wall time, peak
# resident set and exit status, the heap limit, and whether the report's totals equal the database's own sums.
#
# PostgreSQL comes from the embedded binaries the store's tests use (bench/…/BenchPostgres), on this machine, with its
# default durability; it shares the machine's CPUs with the report.
#
# Usage: bench/report-pg.sh [NODES] [HOURS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
nodes="${1:-100}"
hours="${2:-8760}"
. "$root/bench/lib-postgres.sh"
bench_init
start_postgres report-pg
export GREENLOOP_HOME="$work/home"

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$java_bin" -cp "$bench_cp" dev.greenloop.bench.ReportPgSeed "$GREENLOOP_DB" "$nodes" "$hours" | tee "$work/seed.txt"
to="$(date -u -d "2025-01-01 + $hours hours" +%Y-%m-%dT%H:%MZ)"
echo "heap limit: $(grep -o -- '-Xmx[0-9]*[kmg]' "$root/greenloop" | head -1) (the launcher's, for report and the other short commands)"
echo "load average before the reports: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
for format in json html pdf; do
  out="$work/report.$format"
  set +e
  /usr/bin/time -f '%e %M' -o "$work/time.$format" "$root/greenloop" report --from 2025-01-01 --to "$to" --format "$format" --out "$out" \
      > "$work/out.$format" 2> "$work/err.$format"
  rc=$?
  set -e
  read -r wall rss_kb < <(tail -1 "$work/time.$format")
  printf 'report --format %-4s: %6.2f s wall, peak RSS %4d MiB, exit %d, %s bytes; %s\n' "$format" "$wall" "$((rss_kb / 1024))" "$rc" \
      "$(stat -c %s "$out" 2>/dev/null || echo 0)" "$(tail -1 "$work/err.$format")"
  [ "$rc" = 0 ] || { status=1; cat "$work/err.$format" >&2; }
done
# The same JSON report with a quarter of that heap, straight through java: it fits, so memory does not grow with the runs.
set +e
/usr/bin/time -f '%e %M' -o "$work/time.small" "$java_bin" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx64m -jar "$root/cli/target/greenloop-cli.jar" \
    report --from 2025-01-01 --to "$to" --format json --out "$work/report-64m.json" > /dev/null 2> "$work/err.small"
rc=$?
set -e
read -r wall rss_kb < <(tail -1 "$work/time.small")
printf 'report --format json with -Xmx64m: %6.2f s wall, peak RSS %4d MiB, exit %d, same JSON: %s\n' "$wall" "$((rss_kb / 1024))" "$rc" \
    "$(cmp -s <(grep -v '"command"' "$work/report.json") <(grep -v '"command"' "$work/report-64m.json") && echo yes || echo no)"
[ "$rc" = 0 ] || { status=1; cat "$work/err.small" >&2; }
if [ -s "$work/report.json" ]; then
  python3 - "$work/report.json" "$work/seed.txt" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1]))
joules, grams = map(float, re.search(r"sums: (\S+) J, (\S+) gCO2eq", open(sys.argv[2]).read()).groups())
e = r["energy"]
print("report: %d runs, %.6g kWh (measured %.4g, derived %.4g, modelled %.4g kWh), %.6g kgCO2eq location-based, %d nodes" % (
    r["selection"]["runs"], e["totalJoules"] / 3.6e6, e["measuredJoules"] / 3.6e6, e["derivedJoules"] / 3.6e6, e["modelledJoules"] / 3.6e6,
    r["carbon"]["locationBasedGrams"] / 1000, len(e["nodes"])))
print("energy.totalJoules equals the database's SUM(total_joules): %s (%r vs %r)" % (e["totalJoules"] == joules, e["totalJoules"], joules))
print("carbon.locationBasedGrams vs the database's SUM(grams): relative difference %.1e (doubles added in another order)" % (
    abs(r["carbon"]["locationBasedGrams"] - grams) / grams))
PY
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
