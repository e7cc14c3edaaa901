#!/usr/bin/env bash
# Every variant of a model through the CLI, as a user runs them: build time (first use, into a
# scratch GREENLOOP_HOME), file size, CPU time per text while embedding, and mean/min cosine to
# fp32 on the same texts (ONNX variants; the static student has another dimension).
#
#   bench/lab-variants.sh [MODEL] [TEXTS] [MAX_WORDS]    default all-minilm-l6-v2, 1000 texts of 3..40 words
#
# The texts are generated (seeded) from a small word list: they measure cost and closeness to fp32,
# not retrieval quality. CPU per text is what 'lab embed' reports (process CPU while embedding,
# load excluded; tuned settings: one intra-op thread, one worker per CPU).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${1:-all-minilm-l6-v2}"
n="${2:-1000}"
words="${3:-40}"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export GREENLOOP_HOME="$home"
texts="$home/texts.txt"
awk -v n="$n" -v maxw="$words" 'BEGIN {
  split("energy model query cluster node carbon grid power watt joule battery solar wind embedding vector token batch thread latency throughput quality cosine neighbour label dataset train test the a of and to in is that for it with as was on be at by this from or have an they which one you were", w, " ");
  srand(7);
  for (i = 0; i < n; i++) { k = 3 + int(rand() * (maxw - 2)); s = ""; for (j = 0; j < k; j++) s = s (j ? " " : "") w[1 + int(rand() * length(w))]; print s "." }
}' > "$texts"
gl="$root/greenloop"
"$gl" lab models >/dev/null 2>&1 || true   # builds the CLI once
cosines() { # $1 $2: JSONL files of the same dimension; prints "mean min"
  paste -d'|' "$1" "$2" | awk -F'|' '{
    gsub(/[\[\]]/, "", $1); gsub(/[\[\]]/, "", $2); na = split($1, a, ","); split($2, b, ",");
    d = 0; x = 0; y = 0; for (i = 1; i <= na; i++) { d += a[i] * b[i]; x += a[i] * a[i]; y += b[i] * b[i] }
    c = d / sqrt(x * y); s += c; if (NR == 1 || c < m) m = c
  } END { printf "%.5f %.5f", s / NR, m }'
}
echo "load before: $(uptime | sed 's/.*load average/load average/')"
printf '%-12s %10s %9s %12s %9s %9s\n' variant "size MB" "build s" "CPU ms/text" "mean cos" "min cos"
for v in fp32 int8 int8-pc int4 lowrank-0.5 pruned-30 static; do
  t0=$(date +%s.%N)
  table="$("$gl" lab build --model "$model" --variants "$v" 2>/dev/null)"
  t1=$(date +%s.%N)
  size="$(echo "$table" | awk 'NR == 3 { print $3 }')"
  summary="$("$gl" lab embed --model "$model" --variant "$v" --input "$texts" --output "$home/$v.jsonl" 2>&1 >/dev/null | grep 'embedded')"
  cpu="$(echo "$summary" | sed -E 's/.* ([0-9.]+) ms CPU per text.*/\1/')"
  if [ "$v" = static ]; then cos="- -"; else cos="$(cosines "$home/fp32.jsonl" "$home/$v.jsonl")"; fi
  printf '%-12s %10s %9.1f %12s %9s %9s\n' "$v" "$size" "$(echo "$t1 - $t0" | bc)" "$cpu" $cos
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); texts: $n of 3..$words words; model $model"
