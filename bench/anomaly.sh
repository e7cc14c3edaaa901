#!/usr/bin/env bash
# JMH: the cost of one point of the anomaly detector (AnomalyDetectorBenchmark), and the detector's NAB scores.
# Builds the bench module first.
#
#   bench/anomaly.sh [extra JMH options, e.g. -f 1 -wi 3 -i 5]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/jdk.sh"
java_bin="$(find_java)"
export JAVA_HOME="$(java_home_of "$java_bin")"
(cd "$root" && ./mvnw -q -B -Pbench -Dmaven.test.skip=true package -pl bench -am)
"$java_bin" -jar "$root/bench/target/greenloop-bench.jar" AnomalyDetectorBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s "$@"
echo "$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
