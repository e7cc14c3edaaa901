#!/usr/bin/env bash
# Batch vs alone for fp32, int8, int8-pc and int4 of all-MiniLM-L6-v2 (dev.greenloop.bench.LabBatchInvariance):
# cosine of each text's vector in batches of 32 to the same text run alone, and the CPU time per text of both.
# Builds the bench module first; variants are built in a temporary Greenloop home. See docs/lab.md.
#
#   bench/lab-batch-invariance.sh [TEXTS]     default: lab/src/test/resources/unseen-texts.txt
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/jdk.sh"
java_bin="$(find_java)"
export JAVA_HOME="$(java_home_of "$java_bin")"
(cd "$root" && ./mvnw -q -B -ntp -Pbench -Dmaven.test.skip=true package -pl bench -am)
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
echo "load before: $(uptime | sed 's/.*load average/load average/')"
"$java_bin" --enable-native-access=ALL-UNNAMED -cp "$root/bench/target/greenloop-bench.jar" dev.greenloop.bench.LabBatchInvariance \
  "${1:-$root/lab/src/test/resources/unseen-texts.txt}" "$home"
echo "load after: $(uptime | sed 's/.*load average/load average/')"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$java_bin" -version 2>&1 | head -1)"
