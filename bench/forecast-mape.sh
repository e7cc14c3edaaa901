#!/usr/bin/env bash
# Regenerates the forecast error table of docs/intensity.md: MAPE by horizon of the hour-of-week
# forecaster and two naive baselines on the shared traces (rolling origin, daily at 00:00 UTC)
# (dev.greenloop.bench.ForecastMape). Builds the bench module first.
#
#   bench/forecast-mape.sh [DIR]     DIR: the shared carbon traces (default: shared/data/carbon next to the project)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/jdk.sh"
java_bin="$(find_java)"
export JAVA_HOME="$(java_home_of "$java_bin")"
data="${1:-}"
if [ -z "$data" ]; then
  for d in "$root/shared/data/carbon" "$root/../shared/data/carbon" "$root/../../shared/data/carbon"; do
    if [ -d "$d" ]; then data="$d"; break; fi
  done
fi
if [ -z "$data" ]; then
  echo "forecast-mape: no shared/data/carbon next to $root; give the folder as the first argument" >&2
  exit 2
fi
(cd "$root" && ./mvnw -q -B -ntp -Pbench -Dmaven.test.skip=true package -pl bench -am)
"$java_bin" -cp "$root/bench/target/greenloop-bench.jar" dev.greenloop.bench.ForecastMape "$data"
