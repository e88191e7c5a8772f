#!/usr/bin/env bash
# The main job (README, command 1): install, build, run every tier suite and
# the ONNX conformance run, every tier on ONNX Runtime (label ort), then
# regenerate the progress tracker and the
# coverage and conformance matrices in reports/ from the result records.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh
bash ci/build.sh
BUILD_DIR=${BUILD_DIR:-build}
BUILD_DIR=$BUILD_DIR bash ci/check-labels.sh
rm -rf "$BUILD_DIR/results"
status=0
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" -L 'unit|tier[1-5]|extended|cnn|conformance' || status=$?
# The ONNX Runtime view of the reports, from fresh records: every tier on
# ONNX Runtime at PTONNX_ORT_CASES. Its open gaps (extended, cnn;
# docs/onnxruntime.md) are reported, not fatal; the ort-gate part is.
rm -rf "$BUILD_DIR/results-ort"
ctest --test-dir "$BUILD_DIR" -j "$(nproc)" -L '^ort$' -LE '^ort-gate$' || echo "main-job: open ONNX Runtime gaps remain (reports/coverage.md, ONNX Runtime view)"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" -L '^ort-gate$' || status=$?
# The harness's detection power (docs/mutate.md): a mutation score per op of
# tiers 1-3 for the coverage matrix (about a minute on 2 cores). Survivors
# are findings, not failures; only an error of the command counts.
for tier in 1 2 3; do
  "$BUILD_DIR/cli/ptonnx" mutate --tier "$tier" --quiet --jobs "$(nproc)" --out "$BUILD_DIR/results" || status=$?
done
if [ -x "$BUILD_DIR/reports/ptonnx_report" ]; then
  # One history line per main-job run (reports/history.tsv), drawn in coverage.html.
  # The ONNX Runtime view, from the ort runs above.
  ort_args=()
  if [ -d "$BUILD_DIR/results-ort" ]; then ort_args=(--ort-results "$BUILD_DIR/results-ort"); fi
  "$BUILD_DIR/reports/ptonnx_report" --results "$BUILD_DIR/results" --out reports --junit "$BUILD_DIR/ptonnx-junit.xml" \
    --history reports/history.tsv --record-history "${ort_args[@]}"
  echo "main-job: reports regenerated in reports/ (PROGRESS.md, coverage.md/.html/.json, conformance.md, history.tsv);"
  echo "main-job: JUnit XML per property in $BUILD_DIR/ptonnx-junit.xml"
fi
exit $status
