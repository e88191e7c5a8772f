#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60), one process each, in turn:
#   bash fuzz/run.sh [SECONDS] [TARGET...]
# Limits: -timeout=10 (a hang over 10 s is a finding), -rss_limit_mb=1024
# and -malloc_limit_mb=1024 (the targets' run budget is 256 MiB,
# fuzz/fuzz_budget.h, so memory past 1 GiB means the budget failed).
# Corpora: fuzz/regressions/<target>, the seeds of fuzz/make_corpora.sh
# ($CORPUS_DIR) and optionally the conformance data are read, new
# inputs go to $WORK_DIR/<target>/, findings (crash-*, timeout-*, oom-*,
# leak-*) to $WORK_DIR/findings/. Prints one summary line per target (runs,
# findings) and exits 1 when any target found something.
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(model_fuzzer tensor_proto_fuzzer graph_json_fuzzer)
BUILD=${FUZZ_BUILD_DIR:-build-fuzz}
OUT=${OUT:-$BUILD/out}
CORPUS=${CORPUS_DIR:-$BUILD/corpora}
WORK=${WORK_DIR:-$BUILD/work}
mkdir -p "$WORK/findings"
status=0
for t in "${TARGETS[@]}"; do
  mkdir -p "$WORK/$t"
  # Seeds: the pinned findings always (a regression fails the run at once:
  # libFuzzer runs every seed before mutating), the corpora of
  # make_corpora.sh when present, and with FUZZ_WITH_TESTDATA=1 the ONNX
  # conformance data read in place (model and tensor targets).
  seeds=()
  # (git keeps no empty folder: a target without pinned findings has none)
  [ -d "fuzz/regressions/$t" ] && seeds+=("fuzz/regressions/$t")
  [ -d "$CORPUS/$t" ] && seeds+=("$CORPUS/$t")
  DATA=${PTONNX_ONNX_TESTDATA:-/usr/share/libonnx-testdata/data}
  [ "${FUZZ_WITH_TESTDATA:-0}" = 1 ] && [ "$t" != graph_json_fuzzer ] && [ -d "$DATA" ] && seeds+=("$DATA")
  log="$WORK/$t.log"
  # -detect_leaks=0: the protobuf and registry singletons live for the
  # process; leak checking is left to the ASan unit-test leg.
  "$OUT/$t" "$WORK/$t" "${seeds[@]}" -max_total_time="$SECONDS_EACH" -timeout=10 \
    -rss_limit_mb=1024 -malloc_limit_mb=1024 -print_final_stats=1 -detect_leaks=0 \
    -artifact_prefix="$WORK/findings/$t-" ${FUZZ_ARGS:-} >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  echo "$t: ${runs:-?} inputs in ${SECONDS_EACH} s, exit $rc (log $log)"
  if [ $rc -ne 0 ]; then
    status=1
    grep -E 'ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|Test unit written' "$log" | head -5
  fi
done
exit $status
