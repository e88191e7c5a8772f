#!/usr/bin/env bash
# Seed corpora for the fuzz targets, into ${CORPUS_DIR:-build-fuzz/corpora}/<target>/:
# - model_fuzzer: every model.onnx of the ONNX conformance data
#   ($PTONNX_ONNX_TESTDATA, default /usr/share/libonnx-testdata/data) and
#   the models exported from the generators' cases;
# - tensor_proto_fuzzer: the conformance data's input/output .pb files of
#   test_data_set_0 and the generators' inputs in both encodings;
# - graph_json_fuzzer: the generators' graphs (sample specs, random graphs).
# The generators' part needs the normal build's ptonnx_fuzz_seeds
# (${BUILD_DIR:-build}/fuzz/ptonnx_fuzz_seeds); without it only the
# conformance part is written. Conformance files are named after their path,
# so reruns overwrite rather than duplicate.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${PTONNX_ONNX_TESTDATA:-/usr/share/libonnx-testdata/data}
CORPUS=${CORPUS_DIR:-build-fuzz/corpora}
SEEDS=${BUILD_DIR:-build}/fuzz/ptonnx_fuzz_seeds
mkdir -p "$CORPUS"/{model_fuzzer,tensor_proto_fuzzer,graph_json_fuzzer}
put() {  # put TARGET FILE: copy, named after its path below $DATA
  local name=${2#"$DATA"/}
  cp "$2" "$CORPUS/$1/${name//\//_}"
}
if [ -d "$DATA" ]; then
  while IFS= read -r f; do put model_fuzzer "$f"; done < <(find "$DATA" -name model.onnx)
  while IFS= read -r f; do put tensor_proto_fuzzer "$f"; done < <(find "$DATA" -path '*test_data_set_0*' -name '*.pb')
fi
if [ -x "$SEEDS" ]; then
  "$SEEDS" "$CORPUS" "${SEED_CASES:-1}"
else
  echo "fuzz/make_corpora.sh: $SEEDS not built; generator seeds skipped" >&2
fi
for t in model_fuzzer tensor_proto_fuzzer graph_json_fuzzer; do
  echo "$t: $(find "$CORPUS/$t" -type f | wc -l) seeds"
done
