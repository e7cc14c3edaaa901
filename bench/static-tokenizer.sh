#!/usr/bin/env bash
# The static variant's tokenizing cost on real texts (docs/lab-variants.md, "The static variant's
# tokenizer"): DJL's encode, the bare JNI call, the Java WordPieceTokenizer and StaticEncoder.embed,
# ms of thread CPU per text with the C2 JIT, after checking that the Java ids equal Hugging Face's.
#
#   bench/static-tokenizer.sh TEXTS STATIC_DIR [ROUNDS]
#
# STATIC_DIR: a distilled static variant, e.g. $GREENLOOP_HOME/lab/variants/<KEY>/static
# (greenloop lab distill --model all-minilm-l6-v2). Builds the CLI once for its class path.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
texts="$1"
dir="$2"
rounds="${3:-5}"
. "$root/scripts/jdk.sh"
java_bin="$(find_java)"
java_home="$(java_home_of "$java_bin")"
"$root/greenloop" --help >/dev/null 2>&1 || true   # builds cli/target (jar and lib/) once
(cd "$root" && JAVA_HOME="$java_home" ./mvnw -q -B -ntp -pl lab -Dmaven.test.skip=true compile)
cp="$root/lab/target/classes:$(ls "$root"/cli/target/lib/*.jar | grep -v greenloop-lab | tr '\n' ':')"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$java_home/bin/javac" -d "$out" -cp "$cp" "$root/bench/static-tokenizer/StaticTokenizerBench.java"
# DJL unpacks its native tokenizer where the CLI keeps it (LabSetup) when GREENLOOP_HOME is set, else in its own cache.
native=()
if [ -z "${ENGINE_CACHE_DIR:-}" ] && [ -n "${GREENLOOP_HOME:-}" ]; then native=(-DENGINE_CACHE_DIR="$GREENLOOP_HOME/lab/native"); fi
"$java_home/bin/java" --enable-native-access=ALL-UNNAMED "${native[@]}" -cp "$out:$cp" dev.greenloop.lab.StaticTokenizerBench "$texts" "$dir" "$rounds"
