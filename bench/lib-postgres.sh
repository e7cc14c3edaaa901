# Sourced by the benchmarks that run against PostgreSQL (ingest.sh, report-pg.sh), after setting "root".
#
# bench_init: finds the JDK (java_bin, JAVA_HOME), makes a scratch folder "work" that is removed on exit together with
# the processes in "pids", builds the CLI (the launcher) and the bench jar (bench_cp).
#
# start_postgres NAME: starts the embedded binaries that the store's tests use (bench/…/BenchPostgres) on
# "$work/pgdata", with PostgreSQL's default durability, keeps it serving through file descriptor 3 until the script
# ends, and exports GREENLOOP_DB; NAME starts the message if it does not start.

bench_init() {
  . "$root/scripts/jdk.sh"
  java_bin="$(find_java)"
  JAVA_HOME="$(java_home_of "$java_bin")"
  export JAVA_HOME
  work="$(mktemp -d)"
  pids=()
  trap bench_cleanup EXIT
  "$root/greenloop" --version > /dev/null   # builds on first use
  (cd "$root" && ./mvnw -q -B -ntp -Pbench -Dmaven.test.skip=true package -pl bench -am)
  bench_cp="$root/bench/target/greenloop-bench.jar"
}

bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}

start_postgres() {
  mkfifo "$work/pg.in"
  "$java_bin" -cp "$bench_cp" dev.greenloop.bench.BenchPostgres "$work/pgdata" < "$work/pg.in" > "$work/pg.url" 2> "$work/pg.log" &
  pids+=($!)
  exec 3> "$work/pg.in"   # keeps PostgreSQL serving until the script ends
  for _ in $(seq 1 120); do [ -s "$work/pg.url" ] && break; sleep 0.5; done
  [ -s "$work/pg.url" ] || { echo "$1: PostgreSQL did not start:" >&2; cat "$work/pg.log" >&2; exit 1; }
  GREENLOOP_DB="$(head -1 "$work/pg.url")"
  export GREENLOOP_DB
}
