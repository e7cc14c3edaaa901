#!/usr/bin/env bash
# Makes sure a Prometheus server binary is here for PrometheusIT (server module), installing Debian's
# `prometheus` package with apt-get when it is missing (needs root on Debian); prints the binary's path.
# Idempotent: with prometheus already installed it only prints the path. Installing the package starts no
# service where there is no systemd; where there is one, Debian's unit listens on :9090, which the test
# does not use (it starts its own prometheus on a free port).
#
#   scripts/prometheus-test-setup.sh        # prints e.g. /usr/bin/prometheus
set -euo pipefail
log() { echo "prometheus-test-setup: $*" >&2; }

found() { command -v prometheus 2>/dev/null || { [ -x /usr/bin/prometheus ] && echo /usr/bin/prometheus; }; }

if path="$(found)"; then
    echo "$path"; exit 0
fi
if [ "$(id -u)" != 0 ]; then
    log "prometheus is not installed, and installing it needs root: sudo apt-get install prometheus"; exit 1
fi
command -v apt-get >/dev/null || { log "no apt-get: not Debian; install Prometheus (https://prometheus.io/download/) yourself"; exit 1; }
log "installing Debian's prometheus package"
DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >&2
found || { log "apt-get installed prometheus but no prometheus binary is on PATH"; exit 1; }
