#!/usr/bin/env bash
# The static students against the teacher (fp32) and the TF-IDF baseline, on two labelled tasks:
# Debian package descriptions in 10 sections (scripts/fetch-eval-sections.sh) and a balanced SpamAssassin
# sample (scripts/fetch-eval-data.sh). Distils the per-token student (--corpus none), profiles
# fp32, static and tfidf on both tasks, then trains the student on a corpus (--corpus, default
# wordnet-glosses from scripts/fetch-corpus.sh), prints its training curve and profiles it again.
# Prints kNN-5 accuracy and CPU per query and the target: within 10 points of fp32's kNN-5
# accuracy on the 10-class task at >= 100x less CPU per query.
#
#   bench/lab-student.sh                          all-minilm-l6-v2, 2,000 + 1,000 texts, 3 rounds
#   MODEL=bge-small-en-v15 CORPUS=FILE ROUNDS=1 bench/lab-student.sh
# JSON results: $GREENLOOP_HOME/lab/student-{pertoken,trained}-{sections,spam}.json and student-distill.json.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model="${MODEL:-all-minilm-l6-v2}"
corpus="${CORPUS:-wordnet-glosses}"
rounds="${ROUNDS:-3}"
home="${GREENLOOP_HOME:-$HOME/.greenloop}"
export GREENLOOP_HOME="$home"
data="$home/lab/data"
[ -s "$data/debian-sections-2000.texts.txt" ] || "$root/scripts/fetch-eval-sections.sh" >&2
[ -s "$data/spam-assassin-1000.texts.txt" ] || "$root/scripts/fetch-eval-data.sh" --sample 1000 >&2
if [ "$corpus" = wordnet-glosses ] && [ ! -s "$data/wordnet-glosses.txt" ]; then "$root/scripts/fetch-corpus.sh" >&2; fi
gl="$root/greenloop"
profile() { # STUDENT TASK FILE VARIANTS
  "$gl" lab profile --model "$model" --variants "$4" --input "$data/$3.texts.txt" --labels "$data/$3.labels.txt" \
    --rounds "$rounds" --latency-texts 50 --no-store --out "$home/lab/student-$1-$2.json" >&2
}
echo "load before: $(uptime | sed 's/.*load average/load average/')"
"$gl" lab distill --model "$model" --corpus none >&2
profile pertoken sections debian-sections-2000 static,tfidf
profile pertoken spam spam-assassin-1000 static,tfidf
"$gl" lab distill --model "$model" --corpus "$corpus"
"$gl" lab distill --model "$model" --corpus "$corpus" --json > "$home/lab/student-distill.json"
profile trained sections debian-sections-2000 static
profile trained spam spam-assassin-1000 static
echo "load after: $(uptime | sed 's/.*load average/load average/')"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
node - "$home/lab" <<'JS'
'use strict';
const fs = require('fs');
const dir = process.argv[2];
const read = (s, t) => Object.fromEntries(JSON.parse(fs.readFileSync(`${dir}/student-${s}-${t}.json`, 'utf8')).variants.map(v => [v.variant, v]));
console.log('\n| task | variant | kNN-5 % | CPU ms/query | CPU vs fp32 | mJ/query |');
console.log('|---|---|---:|---:|---:|---:|');
for (const task of ['sections', 'spam']) {
  const p = read('pertoken', task), t = read('trained', task);
  // Each row against the fp32 of its own run (the trained student's run profiles fp32 again).
  const rows = [['fp32', p.fp32, p.fp32], ['static, per token', p.static, p.fp32], ['static, trained', t.static, t.fp32],
    ['tfidf', p.tfidf, p.fp32], ['fp32 (trained run)', t.fp32, t.fp32]];
  for (const [name, v, ref] of rows) {
    console.log(`| ${task} | ${name} | ${(100 * v.knnAccuracy).toFixed(2)} | ${(1000 * v.cpuSecondsPerQuery).toFixed(4)} | ` +
      `${(ref.cpuSecondsPerQuery / v.cpuSecondsPerQuery).toFixed(0)}x less | ${(1000 * v.joulesPerQuery).toFixed(4)} |`);
  }
}
const p = read('pertoken', 'sections'), t = read('trained', 'sections');
const gap = 100 * (t.fp32.knnAccuracy - t.static.knnAccuracy), ratio = t.fp32.cpuSecondsPerQuery / t.static.cpuSecondsPerQuery;
console.log(`\n${gap <= 10 && ratio >= 100 ? 'MET' : 'NOT MET'}: trained static ${gap.toFixed(2)} points below fp32's kNN-5 on 10 sections (target <= 10), ` +
  `${ratio.toFixed(0)}x less CPU per query (target >= 100x)`);
JS
