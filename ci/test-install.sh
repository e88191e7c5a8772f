#!/usr/bin/env bash
# The install_examples test (label unit): ptonnx used as a library, as a
# user would, from a build tree BUILD_DIR:
#  1. `cmake --install` into a temporary prefix, then build examples/ against
#     it with find_package(ptonnx) and run both examples (export a pt::
#     graph and run it; fuzz an out-of-tree converter with the harness);
#  2. a consumer that pulls ptonnx in with add_subdirectory configures
#     without GTest's targets and without a single ptonnx test in its ctest.
#   bash ci/test-install.sh BUILD_DIR
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$1" && pwd)
WORK="$BUILD/test-install"
rm -rf "$WORK"
mkdir -p "$WORK"
GEN=()
command -v ninja >/dev/null && GEN=(-G Ninja)
LAUNCHER=()
command -v ccache >/dev/null && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

cmake --install "$BUILD" --prefix "$WORK/prefix" >"$WORK/install.log"
test -f "$WORK/prefix/lib/cmake/ptonnx/ptonnxConfig.cmake"
test -f "$WORK/prefix/include/ptonnx/convert/export.h"
"$WORK/prefix/bin/ptonnx" --version

cmake -S "$SRC/examples" -B "$WORK/examples" "${GEN[@]}" "${LAUNCHER[@]}" -DCMAKE_PREFIX_PATH="$WORK/prefix" \
  -DCMAKE_CXX_FLAGS="-Wall -Wextra -Werror" >"$WORK/examples-configure.log"
cmake --build "$WORK/examples" -j "$(nproc)"
(cd "$WORK" && "$WORK/examples/export_graph" "$WORK/sin_cos.onnx")
test -s "$WORK/sin_cos.onnx"
(cd "$WORK" && "$WORK/examples/fuzz_new_op")

# add_subdirectory: libraries only, no ptonnx tests in the consumer's ctest.
mkdir -p "$WORK/consumer"
cat >"$WORK/consumer/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(consumer LANGUAGES CXX)
enable_testing()
add_subdirectory("$SRC" ptonnx)
add_executable(consumer_export "$SRC/examples/export_graph.cpp")
target_link_libraries(consumer_export PRIVATE ptonnx::convert ptonnx::runtime)
add_test(NAME consumer_own_test COMMAND consumer_export out.onnx)
CMAKE
cmake -S "$WORK/consumer" -B "$WORK/consumer/build" "${GEN[@]}" -DPTONNX_BUILD_BENCH=OFF >"$WORK/consumer-configure.log"
tests=$(ctest --test-dir "$WORK/consumer/build" -N | sed -n 's/^Total Tests: //p')
if [ "$tests" != 1 ]; then
  echo "test-install: the add_subdirectory consumer sees $tests tests, expected only its own 1" >&2
  ctest --test-dir "$WORK/consumer/build" -N >&2
  exit 1
fi
echo "test-install: installed, examples built and run, add_subdirectory consumer sees only its own test"
