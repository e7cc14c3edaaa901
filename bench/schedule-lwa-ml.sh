#!/usr/bin/env bash
# The ML-training scenario of Let's Wait Awhile (Wiesner et al., Middleware 2021; repository
# dos-group/lets-wait-awhile): 3,387 jobs on the workdays of 2020, submitted 09:00-16:30 UTC,
# running 4-89.5 h, deadline the next workday 09:00 ('greenloop schedule jobs --scenario lwa-ml').
# For DE, GB and FR, jobs in one piece and interruptible, policy optimal, savings against running
# every job at submission:
#   - perfect foresight, and with --forecast-error 0.05 (Greenloop's multiplicative noise);
#   - "paper's window": the same with each deadline 30 min later, as the paper's code allows (its
#     forecast window includes the step that begins at the deadline);
#   - DE and GB also on their traces cut to 30-minute points, as the paper's code does (the German
#     trace is 15-minute, the British one 15-minute from 2020-10-31 on).
# Each seed K is one job set (--seed K) and one forecast noise (--seed K); mean and sd over seeds.
# Last, the lwa policy (the paper's strategies) against optimal on seed 0 with 5 % error.
#
# Usage: bench/schedule-lwa-ml.sh [SEEDS]   (default 10; runs ./greenloop, which builds on first use)
#        LWA_ML_RESULTS=FILE keeps one line per run: zone jobs window error seed savings% planning-s infeasible
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-10}
data=../shared/data/carbon
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./greenloop --version > /dev/null   # builds on first use

# The traces at 30-minute points (the paper keeps the points at minutes 0 and 30).
for f in ger gb; do awk -F, 'NR == 1 || $1 ~ /:(00|30):00$/' "$data/lwa_${f}_2020_ci.csv" > "$work/${f}30.csv"; done

# Deadline + 30 min: the window the paper's code gives.
later() {
  TZ=UTC awk -F, -v OFS=, 'NR == 1 { print; next } {
    d = $4; gsub(/[-T:Z]/, " ", d); $4 = strftime("%Y-%m-%dT%H:%M:%SZ", mktime(d) + 1800, 1); print }' "$1"
}
run() {  # zone trace jobs error seed [policy] -> "savings planningSeconds infeasible"
  ./greenloop schedule simulate --trace "$1=$2" --jobs "$3" --policy "${6:-optimal}" --forecast-error "$4" --seed "$5" --json |
    awk -F': ' '/"savingsPercent"|"planningSeconds"|"infeasibleJobs"/ { sub(",", "", $2); v[$1] = $2 }
      END { print v["  \"savingsPercent\" "], v["  \"planningSeconds\" "], v["  \"infeasibleJobs\" "] }'
}
results=${LWA_ML_RESULTS:-$work/results.txt}
: > "$results"
for ((k = 0; k < seeds; k++)); do
  ./greenloop schedule jobs --scenario lwa-ml --seed "$k" --out "$work/one.csv"
  ./greenloop schedule jobs --scenario lwa-ml --seed "$k" --interruptible --out "$work/int.csv"
  later "$work/one.csv" > "$work/one-late.csv"
  later "$work/int.csv" > "$work/int-late.csv"
  while read -r zone trace; do
    for mode in one int; do
      for err in 0 0.05; do
        echo "$zone $mode deadline $err $k $(run "${zone%-*}" "$trace" "$work/$mode.csv" "$err" "$k")" >> "$results"
        [ "${zone%-30min}" != "$zone" ] && continue
        echo "$zone $mode paper $err $k $(run "$zone" "$trace" "$work/$mode-late.csv" "$err" "$k")" >> "$results"
      done
    done
  done <<TRACES
DE $data/lwa_ger_2020_ci.csv
DE-30min $work/ger30.csv
GB $data/lwa_gb_2020_ci.csv
GB-30min $work/gb30.csv
FR $data/lwa_fr_2020_ci.csv
TRACES
done

# Published: 5 % forecast error, one piece / interruptible.
awk -v seeds="$seeds" '
  BEGIN { pub["DE one"] = 5.91; pub["DE int"] = 7.93; pub["GB one"] = 6.56; pub["GB int"] = 9.03; pub["FR one"] = 4.77; pub["FR int"] = 5.92 }
  { key = $1 " " $2 " " $3 " " $4; n[key]++; s[key] += $6; ss[key] += $6 * $6
    if ($7 > maxPlan) maxPlan = $7; infeasible += $8 }
  function cell(key,   m, sd) {
    if (!(key in n)) return sprintf("%15s", "-")
    m = s[key] / n[key]; sd = n[key] > 1 ? sqrt((ss[key] - n[key] * m * m) / (n[key] - 1)) : 0
    return sprintf("%8.2f ± %4.2f", m, sd < 0 ? 0 : sd)
  }
  END {
    printf "savings %% against running at submission, policy optimal, mean ± sd over %d seeds\n", seeds
    printf "%-9s %-13s %15s %15s %15s %15s %9s\n", "zone", "jobs", "perfect", "5 % error", "paper perfect", "paper 5 %", "published"
    split("DE DE-30min GB GB-30min FR", zones, " ")
    for (z = 1; z <= 5; z++) for (m = 1; m <= 2; m++) {
      mode = m == 1 ? "one" : "int"; zone = zones[z]; base = zone; sub(/-.*/, "", base)
      printf "%-9s %-13s %s %s %s %s %9s\n", zone, mode == "one" ? "one piece" : "interruptible",
        cell(zone " " mode " deadline 0"), cell(zone " " mode " deadline 0.05"),
        cell(zone " " mode " paper 0"), cell(zone " " mode " paper 0.05"), pub[base " " mode]
    }
    printf "longest planning: %.3f s; jobs not placed (window outside the trace): %d\n", maxPlan, infeasible
  }' "$results"

# The lwa policy on seed 0, 5 % error, deadline as given: the paper's strategies in Greenloop.
./greenloop schedule jobs --scenario lwa-ml --seed 0 --out "$work/one.csv"
./greenloop schedule jobs --scenario lwa-ml --seed 0 --interruptible --out "$work/int.csv"
while read -r zone trace; do
  for mode in one int; do
    printf "seed 0, 5 %% error, %-2s %-13s lwa %6.2f   optimal %6.2f\n" "$zone" "$([ $mode = one ] && echo "one piece" || echo interruptible)" \
      "$(run "$zone" "$trace" "$work/$mode.csv" 0.05 0 lwa | cut -d' ' -f1)" "$(run "$zone" "$trace" "$work/$mode.csv" 0.05 0 | cut -d' ' -f1)"
  done
done <<TRACES
DE $data/lwa_ger_2020_ci.csv
GB $data/lwa_gb_2020_ci.csv
FR $data/lwa_fr_2020_ci.csv
TRACES
