#!/usr/bin/env bash
# The information battery on a year of real data (docs/information-battery.md): a nightly
# re-embedding of a corpus, split into N shards of M minutes at P watts each. The inputs of day d
# are ready at READY_H:00 UTC on day d-1 and the embeddings are needed at NEEDED_H:00 UTC on day d,
# for every day whose window lies in the trace's year (364 nights in Spain 2022, 365 in the 2020
# LWA traces). Each shard is precomputable. On demand, every shard runs just in time, in
# [NEEDED_H:00 - M, NEEDED_H:00) (N shards side by side: the serving capacity). The battery fills
# the cleanest minutes of the window within a budget of B watts set aside for precomputation:
# B = one shard's power, two shards', all N (no limit in effect), and no --battery-budget at all.
# Perfect foresight; lifecycle intensity for Electricity Maps exports.
#
# Usage: bench/schedule-battery.sh [ZONE=FILE [N [M [P [INTERRUPTIBLE [READY_H [NEEDED_H]]]]]]]
#   default: ES=../shared/data/carbon/em_ES_2022_hourly.csv 4 90 1500 false 18 8
#   READY_H: the hour (UTC) of the day before at which the inputs are ready; NEEDED_H: the hour
#   (UTC) at which the result is needed
#   (runs ./greenloop, which builds on first use)
set -euo pipefail
cd "$(dirname "$0")/.."
trace=${1:-ES=../shared/data/carbon/em_ES_2022_hourly.csv}
n=${2:-4}
m=${3:-90}
p=${4:-1500}
interruptible=${5:-false}
ready_h=${6:-18}
needed_h=${7:-8}
zone=${trace%%=*}
file=${trace#*=}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./greenloop --version > /dev/null   # builds on first use

# The year of the trace: the one most of its lines begin with (the LWA traces run from December
# of the year before to January of the year after).
year=$(tail -n +2 "$file" | cut -c1-4 | sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')
t0=$(date -u -d "$year-01-01T00:00:00Z" +%s)
t1=$(date -u -d "$((year + 1))-01-01T00:00:00Z" +%s)
awk -v t0="$t0" -v t1="$t1" -v rh="$ready_h" -v nh="$needed_h" -v n="$n" -v m="$m" -v p="$p" -v intr="$interruptible" -v zone="$zone" 'BEGIN {
  print "id,submit,duration_minutes,deadline,power_watts,interruptible,zones,precompute"
  days = (t1 - t0) / 86400
  for (d = 1; d < days; d++) {
    ready = t0 + (d - 1) * 86400 + rh * 3600
    needed = t0 + d * 86400 + nh * 3600
    if (needed > t0 + days * 86400) continue
    for (s = 0; s < n; s++) {
      printf "d%03d-s%d,%s,%d,%s,%d,%s,%s,true\n", d, s, strftime("%Y-%m-%dT%H:%M:%SZ", ready, 1), m, strftime("%Y-%m-%dT%H:%M:%SZ", needed, 1), p, intr, zone
    }
  }
}' > "$work/jobs.csv"
jobs=$(($(wc -l < "$work/jobs.csv") - 1))
echo "zone $zone ($file): $jobs shards ($n a day) of $m min at $p W, interruptible=$interruptible; ready $ready_h:00 UTC the day before, needed $needed_h:00 UTC"
printf "%-12s %9s %12s %12s %10s %14s %10s %8s %10s\n" budget precomp "on-demand kg" "battery kg" "savings %" "no-budget kg" "peak W" "kWh" "planning s"
for budget in "$p" $((2 * p)) $((n * p)) none; do
  args=()
  [ "$budget" != none ] && args=(--battery-budget "$zone=$budget")
  ./greenloop schedule simulate --trace "$zone=$file" --jobs "$work/jobs.csv" "${args[@]}" --json > "$work/out.json"
  python3 - "$work/out.json" "$budget" "$zone" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
b = r["battery"]
label = sys.argv[2] + ("" if sys.argv[2] == "none" else " W")
print("%-12s %9s %12.3f %12.3f %10.2f %14.3f %10.0f %8.1f %10.3f" % (label, "%d/%d" % (b["precomputedJobs"], b["jobs"]),
      b["onDemandGrams"] / 1000, b["grams"] / 1000, b["savingsPercent"], b["unlimitedGrams"] / 1000,
      b["peakWatts"].get(sys.argv[3], 0), b["kWh"], r["planningSeconds"]))
PY
done
