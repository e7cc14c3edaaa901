#!/bin/sh
# Compiles the stand-in libnvidia-ml (fake_nvml.c) and its variants into $2 for the NVML tests.
# Usage: build-fake-nvml.sh <source dir> <output dir>
set -eu
src="$1"
out="$2"
cc="${CC:-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "ERROR: '$cc' not found. The meter module's NVML tests compile a stand-in libnvidia-ml" >&2
    echo "ERROR: from $src/fake_nvml.c with a C compiler: install gcc (e.g. apt-get install gcc)," >&2
    echo "ERROR: set CC to another compiler, or skip the tests with -Dmaven.test.skip=true." >&2
    exit 1
fi
mkdir -p "$out"
build() {
    name="$1"
    shift
    "$cc" -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -Wall -Wextra -shared -fPIC -pthread "$@" \
        -o "$out/$name" "$src/fake_nvml.c"
}
build libfake-nvml.so
build libfake-nvml-noenergy.so -DFAKE_NO_ENERGY
build libfake-nvml-noprocs.so -DFAKE_NO_PROCS
build libfake-nvml-nolimitset.so -DFAKE_NO_LIMIT_SET
