#!/usr/bin/env bash
# Makes sure Chromium and its WebDriver are here for the dashboard's browser test (DashboardBrowserIT, cli module),
# installing Debian's `chromium` and `chromium-driver` packages with apt-get when missing (needs root on Debian);
# prints the two paths. Idempotent: with both installed it only prints them.
#
#   scripts/chromium-test-setup.sh        # prints /usr/bin/chromium and /usr/bin/chromedriver
set -euo pipefail
log() { echo "chromium-test-setup: $*" >&2; }

have() { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }

if have; then
    echo /usr/bin/chromium; echo /usr/bin/chromedriver; exit 0
fi
if [ "$(id -u)" != 0 ]; then
    log "chromium or chromedriver is not installed, and installing them needs root: sudo apt-get install chromium chromium-driver"; exit 1
fi
command -v apt-get >/dev/null || { log "no apt-get: not Debian; install Chromium and its chromedriver yourself"; exit 1; }
log "installing Debian's chromium and chromium-driver packages"
DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >&2
have || { log "apt-get ran but /usr/bin/chromium or /usr/bin/chromedriver is still missing"; exit 1; }
echo /usr/bin/chromium; echo /usr/bin/chromedriver
