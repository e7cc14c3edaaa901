#!/usr/bin/env bash
# A harder evaluation for `greenloop lab profile --labels`: the short descriptions of Debian packages
# (one line each, such as "drawing program for making diagrams") labelled by the package's section, 10
# topical sections, read from the package index that apt keeps (run `apt-get update` first; the
# descriptions are part of Debian, each under its package's licence; only the one-line descriptions
# are used, and nothing is committed).
#
#   scripts/fetch-eval-sections.sh                  200 texts per section, 2,000 in all
#   options: --per-section N (default 200)  --seed S (default 1)
#
# Sections: database editors games graphics mail math science sound video web.
# Left out so that the task is about meaning, not package naming: packages named lib*, *-dev, *-doc,
# *-dbg, *-data and *-common; descriptions that occur twice (any section) are kept once, the first.
# Writes to $GREENLOOP_HOME/lab/data/ (default ~/.greenloop/lab/data):
#   debian-sections-N.texts.txt / debian-sections-N.labels.txt   N = 10 × per-section, shuffled (seeded)
#   debian-sections-N.source.txt                                the apt sources the index came from
set -euo pipefail
per=200 seed=1
while [ $# -gt 0 ]; do
  case "$1" in
    --per-section) per="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "fetch-eval-sections: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for v in "$per" "$seed"; do
  case "$v" in ''|*[!0-9]*) echo "fetch-eval-sections: '$v' is not a whole number" >&2; exit 2 ;; esac
done
if [ "$per" -lt 1 ]; then echo "fetch-eval-sections: --per-section $per is below 1" >&2; exit 2; fi
for tool in apt-cache awk; do
  command -v "$tool" >/dev/null || { echo "fetch-eval-sections: needs $tool on the PATH (a Debian or Ubuntu system)" >&2; exit 1; }
done
home="${GREENLOOP_HOME:-$HOME/.greenloop}"
out="$home/lab/data"
mkdir -p "$out"
n=$((per * 10))
base="$out/debian-sections-$n"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
apt-cache dumpavail > "$work/avail"
if ! grep -q '^Package:' "$work/avail"; then
  echo "fetch-eval-sections: apt's package index is empty: run 'apt-get update' (as root) first" >&2; exit 1
fi
awk -v want="database editors games graphics mail math science sound video web" '
  BEGIN { split(want, w, " "); for (i in w) keep[w[i]] = 1 }
  /^Package:/ { p = $2 } /^Section:/ { s = $2 } /^Description:/ { d = substr($0, 14) }
  /^$/ {
    if (p != "" && !(d in seen)) {
      seen[d] = 1
      if ((s in keep) && p !~ /^lib/ && p !~ /-(dev|doc|dbg|data|common)$/ && d != "") print s "\t" d
    }
    p = ""; s = ""; d = ""
  }' "$work/avail" > "$work/all.tsv"
# Seeded choice of N per section, then a seeded shuffle: a hash of (seed, text) orders both.
awk -F '\t' -v seed="$seed" -v per="$per" '
  function h(str,   i, x) { x = seed * 7919 + 17; for (i = 1; i <= length(str); i++) x = (x * 131 + index(" abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.,()", substr(str, i, 1))) % 1000000007; return x }
  { print h($2) "\t" $0 }' "$work/all.tsv" | sort -t "$(printf '\t')" -k2,2 -k1,1n > "$work/keyed.tsv"
awk -F '\t' -v per="$per" '{ if (++c[$2] <= per) print }' "$work/keyed.tsv" > "$work/chosen.tsv"
short="$(awk -F '\t' '{ c[$2]++ } END { for (s in c) print s, c[s] }' "$work/chosen.tsv" | awk -v per="$per" '$2 < per')"
if [ -n "$short" ]; then
  echo "fetch-eval-sections: fewer than $per descriptions in: $short; ask for fewer with --per-section" >&2; exit 1
fi
sort -t "$(printf '\t')" -k1,1n -k3 "$work/chosen.tsv" > "$work/shuffled.tsv"
cut -f3 "$work/shuffled.tsv" > "$base.texts.txt.part" && mv "$base.texts.txt.part" "$base.texts.txt"
cut -f2 "$work/shuffled.tsv" > "$base.labels.txt.part" && mv "$base.labels.txt.part" "$base.labels.txt"
{ echo "Debian package short descriptions by section, from apt's index on $(date -u +%F)"; grep -rh '^[^#]' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null || true; } > "$base.source.txt"
echo "fetch-eval-sections: wrote $n texts in 10 sections to $base.texts.txt and .labels.txt" >&2
