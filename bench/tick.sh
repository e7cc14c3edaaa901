#!/usr/bin/env bash
# JMH: the CPU cost of one sampler tick on this node (SamplerTickBenchmark), and what it means at
# the default 1 s interval. Builds the bench module first.
#
#   bench/tick.sh [extra JMH options, e.g. -f 1 -wi 3 -i 5]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/jdk.sh"
java_bin="$(find_java)"
export JAVA_HOME="$(java_home_of "$java_bin")"
(cd "$root" && ./mvnw -q -B -Pbench -Dmaven.test.skip=true package -pl bench -am)
"$java_bin" --enable-native-access=ALL-UNNAMED -jar "$root/bench/target/greenloop-bench.jar" SamplerTickBenchmark \
  -f 1 -wi 3 -w 2s -i 5 -r 2s "$@"
echo "processes on this machine: $(ls -d /proc/[0-9]* | wc -l); $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "share of one core at a 1 s interval = (µs per tick) / 10,000 %"
