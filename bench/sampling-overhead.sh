#!/usr/bin/env bash
# Steady-state CPU cost of sampling: runs `greenloop measure -- sleep ...` (the main job: every tick
# reads the sources and scans procfs for the command's process tree) at the default 1 s interval (or
# $1), lets start-up settle for 10 s, then reads the measuring JVM's own CPU time (utime+stime from
# /proc/PID/stat, all threads: sampler, store writer, GC, JIT; the sleeping child is not counted)
# over a window of $2 seconds (default 60) and prints it as a percentage of one core. The target is
# at most 0.5 %.
#
#   bench/sampling-overhead.sh [INTERVAL] [WINDOW_SECONDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
interval="${1:-1s}"
window="${2:-60}"
home="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$home"' EXIT
export GREENLOOP_HOME="$home" GREENLOOP_ZONE=DE
unset GREENLOOP_DB
"$root/greenloop" --version >/dev/null
"$root/greenloop" measure --interval "$interval" -- sleep $((window + 15)) 2>/dev/null &
launcher=$!
sleep 10
# The launcher execs java, so its pid is the JVM's.
pid=$launcher
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
c0=$(cpu); t0=$(date +%s%N)
sleep "$window"
c1=$(cpu); t1=$(date +%s%N)
awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v iv="$interval" 'BEGIN {
  secs = (t1 - t0) / 1e9; cpu = (c1 - c0) / hz;
  printf "greenloop measure --interval %s -- sleep: %.2f CPU-seconds over %.1f s = %.3f %% of one core (resolution %.3f %%)\n",
         iv, cpu, secs, 100 * cpu / secs, 100 / hz / secs }'
echo "processes on this machine: $(ls -d /proc/[0-9]* | wc -l); machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
