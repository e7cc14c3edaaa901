#!/usr/bin/env bash
# Prints the path of a `java` binary of JDK 25 or newer, or fails with a message.
# Search order: $GREENLOOP_JAVA, $JAVA_HOME, `java` on PATH, /usr/lib/jvm/*.
# Sourced by ./greenloop and scripts/test; run it directly to see which JDK Greenloop uses.

java_major() { # the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

find_java() {
  local candidates=() c v d
  [ -n "${GREENLOOP_JAVA:-}" ] && candidates+=("$GREENLOOP_JAVA")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for d in /usr/lib/jvm/*; do [ -x "$d/bin/java" ] && candidates+=("$d/bin/java"); done
  for c in "${candidates[@]}"; do
    v="$(java_major "$c" || true)"
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$c"; return 0; fi
  done
  echo "greenloop: no JDK 25 found (looked at \$GREENLOOP_JAVA, \$JAVA_HOME, java on PATH, /usr/lib/jvm/*)." >&2
  echo "greenloop: install a JDK 25 (e.g. Temurin 25, or Debian's openjdk-25-jdk-headless) and set JAVA_HOME to it." >&2
  return 1
}

java_home_of() { # the JDK directory of java binary $1
  dirname "$(dirname "$(readlink -f "$1")")"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  find_java
fi
