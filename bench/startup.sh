#!/usr/bin/env bash
# Wall time and peak memory of `greenloop measure -- true`, the issue's start-up target (≤ 400 ms,
# < 100 MB resident). Runs it N times (default 20) after one warm-up and prints min, median, mean,
# p90 and max wall time, and the largest peak RSS (GNU time's %M).
#
#   bench/startup.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-20}"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export GREENLOOP_HOME="$home" GREENLOOP_ZONE=DE
unset GREENLOOP_DB
"$root/greenloop" --version >/dev/null          # builds and trains the AOT cache if needed
"$root/greenloop" measure -- true 2>/dev/null    # warm-up: creates the store

times=() rss=()
for i in $(seq "$n"); do
  start=$(date +%s%N)
  /usr/bin/time -f %M -o "$home/rss" "$root/greenloop" measure -- true 2>/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  rss+=("$(tail -n1 "$home/rss")")
done
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$n" '
  { t[NR] = $1; s += $1 }
  END { printf "greenloop measure -- true, %d runs: wall ms min %d  median %d  mean %.0f  p90 %d  max %d\n",
        n, t[1], t[int((n + 1) / 2)], s / n, t[int(n * 0.9 + 0.5)], t[n] }'
printf '%s\n' "${rss[@]}" | sort -n | tail -n1 | awk '{ printf "peak resident set (largest of the runs): %.1f MB\n", $1 / 1024 }'
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r)"
