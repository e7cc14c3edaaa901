#!/usr/bin/env bash
# JMH: GET /emissions/bylocations/best (Carbon Aware SDK route) over a year of hourly data for five locations, one
# HTTP request to a real server on loopback (CarbonAwareBestBenchmark); the issue's target is <= 50 ms. Builds the
# bench module first.
#
#   bench/casdk-best.sh [DIR] [extra JMH options]   DIR: the shared carbon traces (default: shared/data/carbon next to the project)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/jdk.sh"
java_bin="$(find_java)"
export JAVA_HOME="$(java_home_of "$java_bin")"
data=""
if [ $# -gt 0 ] && [ -d "$1" ]; then data="$1"; shift; fi
if [ -z "$data" ]; then
  for d in "$root/shared/data/carbon" "$root/../shared/data/carbon" "$root/../../shared/data/carbon"; do
    if [ -d "$d" ]; then data="$(cd "$d" && pwd)"; break; fi
  done
fi
if [ -z "$data" ]; then
  echo "casdk-best: no shared/data/carbon next to $root; give the folder as the first argument" >&2
  exit 2
fi
(cd "$root" && ./mvnw -q -B -ntp -Pbench -Dmaven.test.skip=true package -pl bench -am)
"$java_bin" -jar "$root/bench/target/greenloop-bench.jar" CarbonAwareBestBenchmark -p data="$data" \
  -f 1 -wi 5 -w 2s -i 5 -r 2s "$@"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
