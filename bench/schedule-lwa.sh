#!/usr/bin/env bash
# Reproduces the nightly scenario of Let's Wait Awhile (Wiesner et al., Middleware 2021), perfect
# foresight: a 30-minute job submitted daily at 01:00 UTC through 2020 (366 jobs), allowed to start
# anywhere in [01:00 - X, 01:00 + X] (the paper's simulate.py releases each job X before 01:00 and
# lets it start up to X after), X = 2 h and 8 h, on the paper's DE, GB and FR traces. The baseline
# is the same job at 01:00. Savings = 1 - grams(policy) / grams(01:00).
#
# Usage: bench/schedule-lwa.sh   (runs ./greenloop, which builds on first use)
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./greenloop --version > /dev/null   # builds on first use

# jobs.csv for a window of X hours either side of 01:00 (X = 0: the baseline, exactly 01:00-01:30).
jobs() {
  awk -v x="$1" 'BEGIN {
    print "id,submit,duration_minutes,deadline,power_watts,interruptible,zones"
    for (d = 0; d < 366; d++) {
      t = 1577840400 + d * 86400   # 2020-01-01T01:00Z + d days
      printf "n%03d,%s,30,%s,1000,false,\n", d, strftime("%Y-%m-%dT%H:%M:%SZ", t - x * 3600, 1), strftime("%Y-%m-%dT%H:%M:%SZ", t + x * 3600 + 1800, 1)
    }
  }'
}
grams() {  # zone file policy jobs
  ./greenloop schedule simulate \
    --trace "$1=$data/carbon/$2" --jobs "$4" --policy "$3" --json | awk -F': ' '/"grams"/ { sub(",", "", $2); print $2 }'
}
for x in 0 2 8; do jobs "$x" > "$work/jobs-$x.csv"; done
printf "%-4s %-6s %-8s %10s %10s\n" zone window policy "savings %" published
while read -r zone file p2 p8; do
  base=$(grams "$zone" "$file" agnostic "$work/jobs-0.csv")
  for x in 2 8; do
    pub=$([ "$x" = 2 ] && echo "$p2" || echo "$p8")
    for policy in lwa optimal; do
      g=$(grams "$zone" "$file" "$policy" "$work/jobs-$x.csv")
      awk -v z="$zone" -v x="$x" -v p="$policy" -v b="$base" -v g="$g" -v pub="$pub" \
        'BEGIN { printf "%-4s +-%dh   %-8s %10.2f %10s\n", z, x, p, 100 * (b - g) / b, pub }'
    done
  done
done <<'TRACES'
DE lwa_ger_2020_ci.csv 2.5 13.4
GB lwa_gb_2020_ci.csv 6.5 10.2
FR lwa_fr_2020_ci.csv 4.5 7.6
TRACES
