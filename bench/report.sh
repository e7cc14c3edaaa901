#!/usr/bin/env bash
# The report benchmark (ReportQueries): in one JVM on the default store (SQLite in a scratch directory), NODES nodes with
# RUNS_PER_DAY finished runs a day (3 components each) over DAYS days; then Reporting.report of the whole span and its JSON
# and HTML, ROUNDS times (default 5).
#
# Usage: bench/report.sh [NODES] [DAYS] [RUNS_PER_DAY] [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
nodes="${1:-100}"
days="${2:-365}"
per_day="${3:-1}"
rounds="${4:-5}"
. "$root/scripts/jdk.sh"
java_bin="$(find_java)"
export JAVA_HOME="$(java_home_of "$java_bin")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root" && ./mvnw -q -B -ntp -Pbench -Dmaven.test.skip=true package -pl bench -am)
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$java_bin" -Xmx1g -cp "$root/bench/target/greenloop-bench.jar" dev.greenloop.bench.ReportQueries "$work/home" "$nodes" "$days" "$per_day" "$rounds"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
