#!/usr/bin/env bash
# The power analysis benchmark (AnalysisQueries): in one JVM on the default store (SQLite in a scratch directory), a
# node with 4 components, 4 weeks of 10 s samples and one day of 1 s samples; then PowerAnalysis.analyse of the day (its
# 4-week hour-of-week baseline included) and PowerAnalysis.daily of the day, ROUNDS times each (default 20).
#
# Usage: bench/analysis.sh [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-20}"
. "$root/scripts/jdk.sh"
java_bin="$(find_java)"
export JAVA_HOME="$(java_home_of "$java_bin")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root" && ./mvnw -q -B -ntp -Pbench -Dmaven.test.skip=true package -pl bench -am)
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$java_bin" -Xmx1g -cp "$root/bench/target/greenloop-bench.jar" dev.greenloop.bench.AnalysisQueries "$work/home" "$rounds"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
