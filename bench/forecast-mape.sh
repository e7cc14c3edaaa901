#!/bin/sh
# Regenerates the forecast error table of docs/intensity.md: MAPE by horizon of the hour-of-week
# forecaster and two naive baselines on the shared traces (rolling origin, daily at 00:00 UTC).
set -e
cd "$(dirname "$0")/.."
./mvnw -q -B -pl carbon test -Dgreenloop.target="${GREENLOOP_TARGET:-target-bench}" \
  -Dtest=ForecastMapeSharedDataTest -Dsurefire.failIfNoSpecifiedTests=false \
  | sed -n '/^FORECAST-MAPE-TABLE$/,/^END-FORECAST-MAPE-TABLE$/p' | sed '1d;$d'
