#!/usr/bin/env bash
# Checks the NVML binding against a real NVIDIA driver: what `greenloop sources` reports for each GPU
# beside what nvidia-smi reports, then the energy of a 20 s GPU-idle window as Greenloop measures it
# beside nvidia-smi's energy counter read before and after (both from the same driver counter, so
# they must agree to the counter's update granularity). Needs a built ./greenloop and nvidia-smi.
#
#   bench/gpu-check.sh [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-20}"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export GREENLOOP_HOME="$home" GREENLOOP_ZONE=DE

echo "== nvidia-smi"
nvidia-smi --query-gpu=index,name,uuid,driver_version,power.draw,enforced.power.limit --format=csv,noheader
echo "== greenloop sources"
"$root/greenloop" sources | sed -n '/NVIDIA GPUs/,/^$/p'

energy_mj() { nvidia-smi --query-gpu=total_energy_consumption --format=csv,noheader,nounits 2>/dev/null | tr '\n' ' '; }
before="$(energy_mj)"
json="$("$root/greenloop" measure --json -- sleep "$secs")"
after="$(energy_mj)"
echo "== nvidia-smi total_energy_consumption (mJ) before: $before after: $after"
echo "== greenloop gpu components over the same window"
printf '%s\n' "$json" | grep -A4 '"name" : "gpu-' | grep -E '"name"|"provenance"|"joules"'
