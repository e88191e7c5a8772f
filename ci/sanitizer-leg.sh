#!/usr/bin/env bash
# The sanitizer leg of the test command (ci/run-tests.sh runs it after the
# normal tests; README, command 2). Two parts, each with its own build dir:
#
# 1. ASan + UBSan (gcc, -O0 -g1, warnings as errors) build of the unit and
#    tier-1 tests only, run at a small budget (PTONNX_CASES=${SANITIZER_CASES:-5}):
#    memory errors, leaks and undefined behaviour in every library they reach.
#    -O0 -g1 (line tables only) because the build, not the run, is what
#    costs: a TU compiles 2-4x faster than at -O1 -g (lib/convert/ops
#    elemwise*.cpp: 2.5-4.0 s against 7-12 s), and at 5 cases per property
#    the slower code adds little to the run.
# 2. The libFuzzer targets (clang, fuzz/build.sh): each fuzzes for
#    ${FUZZ_SECONDS:-60} s, starting from (so first running once) every
#    pinned finding in fuzz/regressions/, every ONNX conformance model and
#    tensor, and the generators' seeds.
#
# SANITIZER_PARTS selects the parts ("asan fuzz" by default; e.g.
# SANITIZER_PARTS=fuzz skips part 1). docs/hostile-input.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PARTS=${SANITIZER_PARTS:-asan fuzz}
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
JOBS=$(nproc)

if [[ " $PARTS " == *" asan "* ]]; then
  DIR=${ASAN_BUILD_DIR:-build-asan}
  GEN=()
  command -v ninja >/dev/null && GEN=(-G Ninja)
  cmake -S . -B "$DIR" "${GEN[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g1 -O0" \
    -DPTONNX_WERROR=ON -DPTONNX_SANITIZE=ON -DPTONNX_BUILD_BENCH=OFF >/dev/null
  # Only what the unit and tier-1 tests run: the tests named like their
  # program (ptonnx_test), the programs other tests run (tier_suite,
  # ptonnx_report) and ptonnx_fuzz_demo, which the CLI tests drive. (ctest
  # -N -V shows no command for a program not built yet, hence the names.)
  mapfile -t names < <(ctest --test-dir "$DIR" -N -L 'unit|tier1' | sed -n 's/^ *Test *#[0-9]*: *\([^ ]*\).*/\1/p')
  mapfile -t known < <(ninja -C "$DIR" -t targets all | sed -n 's/^\([A-Za-z0-9_]*\): phony$/\1/p')
  targets=(tier_suite ptonnx_report ptonnx_fuzz_demo)
  for n in "${names[@]}"; do
    printf '%s\n' "${known[@]}" | grep -qx "$n" && targets+=("$n")
  done
  cmake --build "$DIR" -j "$JOBS" --target "${targets[@]}"
  rm -rf "$DIR/results"
  # detect_leaks: the leak checker runs at exit of every test program.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    PTONNX_CASES=${SANITIZER_CASES:-5} ctest --test-dir "$DIR" --output-on-failure -j "$JOBS" -L 'unit|tier1'
fi

if [[ " $PARTS " == *" fuzz "* ]]; then
  FUZZ_JOBS=$JOBS bash fuzz/build.sh
  # Seeds: the generators' (written straight into the corpus dir by the
  # normal build's ptonnx_fuzz_seeds, when built), the pinned findings and
  # the conformance data in place (fuzz/run.sh); every seed runs once before
  # any mutation, so a regression or a conformance model that crashes fails
  # here.
  SEEDS_TOOL=${BUILD_DIR:-build}/fuzz/ptonnx_fuzz_seeds
  [ -x "$SEEDS_TOOL" ] && "$SEEDS_TOOL" build-fuzz/corpora 1
  # Replay first: every pinned finding and every conformance file, once
  # (-runs=0). A failure here is a regression, and fails CI.
  FUZZ_WITH_TESTDATA=1 WORK_DIR=build-fuzz/replay FUZZ_ARGS="-runs=0" bash fuzz/run.sh 60
  # Then fuzz. A new finding is printed and saved under
  # build-fuzz/ci/findings, but by default it does not fail CI, which gates
  # every landing on this one random draw; FUZZ_STRICT=1 makes it fatal.
  # Pin each finding in fuzz/regressions/<target>/ with its fix.
  if ! FUZZ_WITH_TESTDATA=1 WORK_DIR=build-fuzz/ci bash fuzz/run.sh "${FUZZ_SECONDS:-60}"; then
    echo "sanitizer-leg: WARNING: fuzzing found new inputs (build-fuzz/ci/findings): pin them in fuzz/regressions/ and fix"
    if [ "${FUZZ_STRICT:-0}" = 1 ]; then exit 1; fi
  fi
fi
