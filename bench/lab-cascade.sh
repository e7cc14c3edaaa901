#!/usr/bin/env bash
# The cascade variant on SpamAssassin (docs/lab-variants.md, "The cascade"): calibrates it on 1,500 SpamAssassin
# messages that are not in the evaluation sample, then profiles fp32, static and cascade on the 1,000-message
# sample with labels (energy per query, CPU per query, kNN accuracy, and the share each path answered).
#
#   bench/lab-cascade.sh [SAMPLE] [CALIBRATION_TEXTS] [BUDGET]    default 1000, 1500, 0.25
#   bench/lab-cascade.sh split TEXTS LABELS [BUDGET]                  any labelled set: calibrate on its second
#                                                                   half (texts only), profile on its first
#
# Needs scripts/fetch-eval-data.sh --sample SAMPLE run first (into $GREENLOOP_HOME/lab/data).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
gl="$root/greenloop"
home="${GREENLOOP_HOME:-$HOME/.greenloop}"
if [ "${1:-}" = split ]; then
  texts="$2" labels="$3" budget="${4:-0.25}"
  n=$(($(wc -l < "$texts") / 2))
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  head -n "$n" "$texts" > "$work/eval.texts.txt"
  head -n "$n" "$labels" > "$work/eval.labels.txt"
  tail -n +"$((n + 1))" "$texts" > "$work/calibration.texts.txt"
  echo "load before: $(uptime | sed 's/.*load average/load average/')"
  "$gl" lab calibrate --model all-minilm-l6-v2 --input "$work/calibration.texts.txt" --budget "$budget"
  "$gl" lab profile --model all-minilm-l6-v2 --variants fp32,static,cascade --input "$work/eval.texts.txt" \
      --labels "$work/eval.labels.txt" --rounds 1 --latency-texts 0 --warmup 16
  echo "load after: $(uptime | sed 's/.*load average/load average/')"
  exit 0
fi
sample="${1:-1000}"
calibration="${2:-1500}"
budget="${3:-0.25}"
data="$home/lab/data"
for f in spam-assassin.texts.txt "spam-assassin-$sample.texts.txt" "spam-assassin-$sample.labels.txt"; do
  [ -s "$data/$f" ] || { echo "lab-cascade: $data/$f missing: run scripts/fetch-eval-data.sh --sample $sample" >&2; exit 2; }
done
held="$data/spam-assassin-calibration.texts.txt"
# Every message not in the sample (by its text), then a seeded pick of them: texts like the ones served, never the evaluated ones.
rest="$(mktemp)"
trap 'rm -f "$rest"' EXIT
grep -vxF -f "$data/spam-assassin-$sample.texts.txt" "$data/spam-assassin.texts.txt" > "$rest"
shuf --random-source=<(yes) -n "$calibration" "$rest" > "$held"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
"$gl" lab calibrate --model all-minilm-l6-v2 --input "$held" --budget "$budget"
"$gl" lab profile --model all-minilm-l6-v2 --variants fp32,static,cascade --input "$data/spam-assassin-$sample.texts.txt" \
    --labels "$data/spam-assassin-$sample.labels.txt" --rounds 1 --latency-texts 0 --warmup 16 --out "$home/lab/cascade-profile.json"
"$gl" lab pareto --from "$home/lab/cascade-profile.json"
"$gl" lab recommend --from "$home/lab/cascade-profile.json" --max-accuracy-drop 1
echo "load after: $(uptime | sed 's/.*load average/load average/')"
