#!/usr/bin/env bash
# Carbon-aware serving over a replayed day ('greenloop serve replay'): profiles all-MiniLM-L6-v2's fp32 and int8 on this
# machine (energy per query and mean cosine to fp32, stored), then replays one day of real request counts (NAB's
# elb_request_count_8c0756.csv: an AWS load balancer's requests per 5 minutes, April 2014) on days of real grid traces
# (../shared/data/carbon), carbon-aware (int8 while the grid is dirty, fp32 otherwise) against fp32 always.
# The replay's kWh and gCO2e are modelled from the stored profiles: nothing is served during the replay.
#
#   bench/serve-carbon.sh                      profile (300 texts from docs/, 3 rounds), then replay the days below
#   PROFILE=0 GREENLOOP_HOME=DIR bench/serve-carbon.sh   reuse the profiles stored in DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# The shared data: $SHARED_DATA, else shared/data in the first folder above the project that has one.
data="${SHARED_DATA:-}"
d="$root"
while [ -z "$data" ] && [ "$d" != / ]; do d="$(dirname "$d")"; [ -d "$d/shared/data/carbon" ] && data="$d/shared/data"; done
[ -n "$data" ] || { echo "serve-carbon: no shared/data/carbon above $root; give SHARED_DATA=DIR" >&2; exit 1; }
requests="$data/anomaly/realAWSCloudwatch/elb_request_count_8c0756.csv"
home="${GREENLOOP_HOME:-$(mktemp -d)}"
export GREENLOOP_HOME="$home"
model=all-minilm-l6-v2
if [ "${PROFILE:-1}" = 1 ]; then
  texts="$home/texts.txt"
  # Real sentences: lines of the docs with 3 to 60 words, markup stripped.
  sed -e 's/[`*|#>_]//g' -e 's/\[\([^]]*\)\]([^)]*)/\1/g' "$root"/docs/*.md | awk 'NF >= 3 && NF <= 60 { print; if (++n == 300) exit }' > "$texts" || true # sed stops on SIGPIPE when awk has its 300
  [ -s "$texts" ] || { echo "serve-carbon: no texts taken from docs/" >&2; exit 1; }
  echo "load before: $(uptime | sed 's/.*load average/load average/')"
  "$root/greenloop" lab profile --model "$model" --variants fp32,int8 --input "$texts" --rounds "${ROUNDS:-3}" --no-fetch >&2
  echo "load after: $(uptime | sed 's/.*load average/load average/')"
fi
replay() { # zone trace day threshold-args...
  local zone="$1" trace="$2" day="$3"; shift 3
  echo
  echo "== $zone $day $*"
  "$root/greenloop" serve replay --model "$model" --variants fp32,int8 --quality-floor "${FLOOR:-0.98}" "$@" \
    --zone "$zone" --trace "$data/carbon/$trace" --day "$day" --requests "$requests" --requests-day 2014-04-16
}
replay DE lwa_ger_2020_ci.csv 2020-06-10 --worst-hours 8
replay DE lwa_ger_2020_ci.csv 2020-06-10 --dirty-above 340
replay GB lwa_gb_2020_ci.csv 2020-06-10 --worst-hours 8
replay FR lwa_fr_2020_ci.csv 2020-06-10 --worst-hours 8
replay ES em_ES_2022_hourly.csv 2022-06-15 --worst-hours 8
replay DE lwa_ger_2020_ci.csv 2020-06-10 --dirty-above 1   # always dirty: int8 always, the upper bound
echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "profiles in $home"
