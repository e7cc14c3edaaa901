#!/usr/bin/env bash
# JMH: the cost of the server's online anomaly detection (AnomalyWatchBenchmark): one node's second of 4 samples through
# AnomalyWatch.observe, cycling over 1,000 nodes. Prints the share of one core that 1,000 nodes x 4 components at 1 Hz
# take. Builds the bench module first.
#
#   bench/anomaly-watch.sh [JMH options in place of the defaults -f 1 -wi 3 -w 2s -i 5 -r 2s, e.g. -f 1 -wi 5 -w 2s -i 10 -r 2s]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/jdk.sh"
java_bin="$(find_java)"
export JAVA_HOME="$(java_home_of "$java_bin")"
(cd "$root" && ./mvnw -q -B -Pbench -Dmaven.test.skip=true package -pl bench -am)
out="$(mktemp)"
if [ "$#" -eq 0 ]; then set -- -f 1 -wi 3 -w 2s -i 5 -r 2s; fi
"$java_bin" -jar "$root/bench/target/greenloop-bench.jar" AnomalyWatchBenchmark -rf csv -rff "$out" "$@"
ns_per_batch="$(awk -F, 'NR==2 {gsub(/"/,"",$5); print $5}' "$out")"
awk -v b="$ns_per_batch" 'BEGIN { printf "%.0f ns per node-second (4 samples), %.0f ns per sample; 1,000 nodes x 4 components at 1 Hz: %.2f %% of one core\n", b, b/4, b*1000/1e9*100 }'
rm -f "$out"
echo "$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
