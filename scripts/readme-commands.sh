#!/usr/bin/env bash
# Prints the commands of one fenced block of README.md: the block right after the line
# `<!-- ci: NAME -->` (NAME is install, main or test). .ci/run runs what this prints, so CI runs
# README's commands exactly as a user pastes them, and a README command that breaks fails CI.
#
#   scripts/readme-commands.sh install
set -euo pipefail
name="${1:?usage: scripts/readme-commands.sh install|main|test}"
readme="$(cd "$(dirname "$0")/.." && pwd)/README.md"
out="$(awk -v tag="<!-- ci: $name -->" '
  $0 == tag { armed = 1; next }
  armed && /^```/ { if (inside) exit; inside = 1; next }
  inside { print }
' "$readme")"
if [ -z "$out" ]; then
  echo "readme-commands: README.md has no fenced block after '<!-- ci: $name -->'" >&2
  exit 2
fi
printf '%s\n' "$out"
