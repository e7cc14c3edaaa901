#!/usr/bin/env bash
# Unlabelled English text for `greenloop lab distill --corpus wordnet-glosses`: the glosses of WordNet 3.0
# (Princeton University, WordNet 3.0 licence: use, copy, modify and distribute with its copyright notice),
# as Debian's package wordnet-base ships them, fetched with `apt-get download` (no install, no root
# needed beyond apt's index) and turned into one text per line.
#
#   scripts/fetch-corpus.sh                 20,000 texts (seeded sample of the 117,659 synsets)
#   options: --lines N (default 20000; 0 = every synset)  --seed S (default 1)
#
# One text per synset: its words, a colon, its definition, then its example sentences, e.g.
#   "kill: the destruction of an enemy plane or ship or tank or missile; the pilot reported two kills during the mission"
# (underscores in words become spaces; the data files' offsets, pointers and frames are dropped).
# Writes $GREENLOOP_HOME/lab/data/wordnet-glosses.txt (default ~/.greenloop/lab/data) and, beside it,
# wordnet-glosses.LICENSE.txt (the package's copyright file, which the licence asks to keep with copies).
set -euo pipefail
lines=20000 seed=1
while [ $# -gt 0 ]; do
  case "$1" in
    --lines) lines="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "fetch-corpus: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for v in "$lines" "$seed"; do
  case "$v" in ''|*[!0-9]*) echo "fetch-corpus: '$v' is not a whole number" >&2; exit 2 ;; esac
done
for tool in apt-get dpkg-deb awk; do
  command -v "$tool" >/dev/null || { echo "fetch-corpus: needs $tool on the PATH (a Debian or Ubuntu system)" >&2; exit 1; }
done
home="${GREENLOOP_HOME:-$HOME/.greenloop}"
out="$home/lab/data"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
if ! (cd "$work" && apt-get download -q wordnet-base >"$work/apt.log" 2>&1); then
  cat "$work/apt.log" >&2
  echo "fetch-corpus: apt-get download wordnet-base failed; run 'apt-get update' (as root) and try again" >&2; exit 1
fi
dpkg-deb -x "$work"/wordnet-base_*.deb "$work/x"
wn="$work/x/usr/share/wordnet"
for pos in noun verb adj adv; do
  # data.POS: "offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt ... | gloss"; licence lines start with spaces.
  awk '!/^  / {
    i = index($0, " | "); if (i == 0) next
    gloss = substr($0, i + 3); sub(/[ \t]+$/, "", gloss); gsub(/"/, "", gloss)
    n = (index("0123456789abcdef", tolower(substr($4, 1, 1))) - 1) * 16 + index("0123456789abcdef", tolower(substr($4, 2, 1))) - 1; words = ""
    for (k = 0; k < n; k++) { w = $(5 + 2 * k); gsub(/_/, " ", w); sub(/\([a-z]+\)$/, "", w); words = words (k ? ", " : "") w }
    print words ": " gloss
  }' "$wn/data.$pos"
done > "$work/all.txt"
total=$(wc -l < "$work/all.txt")
if [ "$lines" -eq 0 ] || [ "$lines" -ge "$total" ]; then
  cp "$work/all.txt" "$work/chosen.txt"
else
  awk -v seed="$seed" 'BEGIN { srand(seed) } { print rand() "\t" $0 }' "$work/all.txt" | sort -k1,1 | awk -v n="$lines" 'NR <= n' | cut -f2- > "$work/chosen.txt"
fi
mv "$work/chosen.txt" "$out/wordnet-glosses.txt"
cp "$work/x/usr/share/doc/wordnet-base/copyright" "$out/wordnet-glosses.LICENSE.txt"
echo "fetch-corpus: wrote $(wc -l < "$out/wordnet-glosses.txt") of $total WordNet glosses to $out/wordnet-glosses.txt" >&2
