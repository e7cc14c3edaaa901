#!/usr/bin/env bash
# Profiles all-MiniLM-L6-v2's variants on a balanced SpamAssassin sample with labels
# (scripts/fetch-eval-data.sh), then prints the issue's targets against the result:
#   int8:   CPU per query <= 0.5 × fp32's, and mean cosine to fp32 >= 0.99
#   static: CPU per query at least 100× below fp32's, and kNN accuracy within 5 points of fp32's
#
#   bench/lab-profile.sh                               fp32,int8 on 1,000 texts, 3 rounds
#   VARIANTS=fp32,int8,int4,static TEXTS=2000 ROUNDS=5 bench/lab-profile.sh
#   MODEL=bge-small-en-v15 bench/lab-profile.sh
# The JSON result is kept in $GREENLOOP_HOME/lab/profile-MODEL-TEXTS.json (for lab pareto/recommend --from).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${MODEL:-all-minilm-l6-v2}"
variants="${VARIANTS:-fp32,int8}"
texts="${TEXTS:-1000}"
rounds="${ROUNDS:-3}"
home="${GREENLOOP_HOME:-$HOME/.greenloop}"
export GREENLOOP_HOME="$home"
"$root/scripts/fetch-eval-data.sh" --sample "$texts" >&2
data="$home/lab/data/spam-assassin-$texts"
json="$home/lab/profile-$model-$texts.json"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
"$root/greenloop" lab profile --model "$model" --variants "$variants" --input "$data.texts.txt" --labels "$data.labels.txt" \
  --rounds "$rounds" --out "$json"
echo "load after: $(uptime | sed 's/.*load average/load average/')"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
node - "$json" <<'JS'
'use strict';
const r = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const by = Object.fromEntries(r.variants.map(v => [v.variant, v]));
const fp32 = by['fp32'];
const pct = x => (100 * x).toFixed(2);
const check = (ok, text) => console.log(`${ok ? 'MET    ' : 'NOT MET'}  ${text}`);
if (by['int8']) {
  const v = by['int8'], ratio = v.cpuSecondsPerQuery / fp32.cpuSecondsPerQuery;
  check(ratio <= 0.5, `int8 CPU per query ${ratio.toFixed(3)}× fp32's (target <= 0.5×)`);
  check(v.meanCosineToReference >= 0.99, `int8 mean cosine to fp32 ${v.meanCosineToReference.toFixed(5)} (target >= 0.99)`);
} else {
  console.log('int8 not profiled (VARIANTS)');
}
if (by['static']) {
  const v = by['static'], times = fp32.cpuSecondsPerQuery / v.cpuSecondsPerQuery, drop = 100 * (fp32.knnAccuracy - v.knnAccuracy);
  check(times >= 100, `static CPU per query ${times.toFixed(1)}× less than fp32's (target >= 100×)`);
  check(drop <= 5, `static kNN accuracy ${pct(v.knnAccuracy)} % vs fp32's ${pct(fp32.knnAccuracy)} %: ${drop.toFixed(2)} points below (target <= 5)`);
} else {
  console.log('static not profiled (VARIANTS): its target is not checked');
}
console.log(`energy is ${fp32.provenance}; result: ${process.argv[2]}`);
JS
