#!/usr/bin/env bash
# Throughput per core and CPU time per text of all-MiniLM-L6-v2: LangChain4j's in-process model
# (default embedAll) against the lab's tuned ONNX Runtime runner, fp32 and int8, side by side in
# one JVM on the same texts (dev.greenloop.bench.LabThroughput). Builds the bench module first;
# Maven fetches the model artifacts. Prints the machine's load before and after: a busy machine
# slows every contender, and the rounds interleave them so that it falls on all alike.
#
#   bench/lab-throughput.sh                      short queries (3..12 words) and passages (3..60 words), 1000 texts, 5 rounds each
#   bench/lab-throughput.sh TEXTS ROUNDS MAX_WORDS  one set
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/jdk.sh"
java_bin="$(find_java)"
export JAVA_HOME="$(java_home_of "$java_bin")"
(cd "$root" && ./mvnw -q -B -ntp -Pbench -Dmaven.test.skip=true package -pl bench -am)
echo "load before: $(uptime | sed 's/.*load average/load average/')"
run() { "$java_bin" --enable-native-access=ALL-UNNAMED -cp "$root/bench/target/greenloop-bench.jar" dev.greenloop.bench.LabThroughput "$@"; }
if [ $# -gt 0 ]; then
  run "$@"
else
  run 1000 5 12
  echo
  run 1000 5 60
fi
echo "load after: $(uptime | sed 's/.*load average/load average/')"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$java_bin" -version 2>&1 | head -1)"
