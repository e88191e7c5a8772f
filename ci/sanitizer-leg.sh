#!/usr/bin/env bash
# The sanitizer leg of the test command (ci/run-tests.sh runs it after the
# normal tests; README, command 2). Two parts, each with its own build dir:
#
# 1. ASan + UBSan (gcc, -O1, warnings as errors) build of the unit and
#    tier-1 tests only, run at a small budget (PTONNX_CASES=${SANITIZER_CASES:-5}):
#    memory errors, leaks and undefined behaviour in every library they reach.
# 2. The libFuzzer targets (clang, fuzz/build.sh): every pinned finding in
#    fuzz/regressions/ and every ONNX conformance model and tensor run once,
#    then each target fuzzes for ${FUZZ_SECONDS:-60} s from those seeds and
#    the generators' (fuzz/make_corpora.sh).
#
# SANITIZER_PARTS selects the parts ("asan fuzz" by default); docs/hostile-input.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PARTS=${SANITIZER_PARTS:-asan fuzz}
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
JOBS=$(nproc)

if [[ " $PARTS " == *" asan "* ]]; then
  DIR=${ASAN_BUILD_DIR:-build-asan}
  GEN=()
  command -v ninja >/dev/null && GEN=(-G Ninja)
  cmake -S . -B "$DIR" "${GEN[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
    -DPTONNX_WERROR=ON -DPTONNX_SANITIZE=ON -DPTONNX_BUILD_BENCH=OFF >/dev/null
  # Only what the unit and tier-1 tests run (ctest knows their programs),
  # plus ptonnx_fuzz_demo, which the CLI tests drive.
  mapfile -t targets < <(ctest --test-dir "$DIR" -N -V -L 'unit|tier1' | sed -n 's/.*Test command: \([^ ]*\).*/\1/p' |
    xargs -n1 basename | sort -u)
  cmake --build "$DIR" -j "$JOBS" --target "${targets[@]}" ptonnx_fuzz_demo
  rm -rf "$DIR/results"
  # detect_leaks: the leak checker runs at exit of every test program.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    PTONNX_CASES=${SANITIZER_CASES:-5} ctest --test-dir "$DIR" --output-on-failure -j "$JOBS" -L 'unit|tier1'
fi

if [[ " $PARTS " == *" fuzz "* ]]; then
  FUZZ_JOBS=$JOBS bash fuzz/build.sh
  OUT=${OUT:-build-fuzz/out}
  DATA=${PTONNX_ONNX_TESTDATA:-/usr/share/libonnx-testdata/data}
  # Each pinned finding, then the conformance data, run once (-runs=0 runs
  # the given corpus and stops): a regression is a crash here.
  for t in model_fuzzer tensor_proto_fuzzer graph_json_fuzzer; do
    inputs=(fuzz/regressions/$t)
    [ "$t" != graph_json_fuzzer ] && [ -d "$DATA" ] && inputs+=("$DATA")
    "$OUT/$t" -runs=0 -timeout=10 -rss_limit_mb=1024 -malloc_limit_mb=1024 -detect_leaks=0 "${inputs[@]}" \
      >"build-fuzz/$t.replay.log" 2>&1 || { tail -40 "build-fuzz/$t.replay.log"; exit 1; }
    echo "$t: pinned findings and conformance inputs replayed"
  done
  bash fuzz/make_corpora.sh
  WORK_DIR=build-fuzz/ci bash fuzz/run.sh "${FUZZ_SECONDS:-60}"
fi
