#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/*.cpp) with the OSS-Fuzz /
# ClusterFuzzLite conventions: the compiler and flags come from $CC, $CXX,
# $CFLAGS, $CXXFLAGS and $LIB_FUZZING_ENGINE, the binaries (and each
# target's seed corpus as <target>_seed_corpus.zip when fuzz/make_corpora.sh
# has written $CORPUS_DIR) go to $OUT. Outside OSS-Fuzz, the defaults build with Debian's
# clang and libFuzzer, ASan and UBSan, into build-fuzz/ and $OUT=build-fuzz/out:
#
#   bash fuzz/build.sh && bash fuzz/run.sh 60
#
# Needs clang and libclang-rt-14-dev (ci/install-deps.sh installs both).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD
export CC=${CC:-clang} CXX=${CXX:-clang++}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
export CFLAGS=${CFLAGS:-"-O1 -g $SAN -fsanitize=fuzzer-no-link"}
export CXXFLAGS=${CXXFLAGS:-"-O1 -g $SAN -fsanitize=fuzzer-no-link"}
LIB_FUZZING_ENGINE=${LIB_FUZZING_ENGINE:-"-fsanitize=fuzzer $SAN"}
BUILD=${FUZZ_BUILD_DIR:-$SRC/build-fuzz}
OUT=${OUT:-$BUILD/out}
export CCACHE_BASEDIR="$SRC" CCACHE_NOHASHDIR=true
GEN=()
command -v ninja >/dev/null && GEN=(-G Ninja)
LAUNCHER=()
command -v ccache >/dev/null && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$SRC" -B "$BUILD" "${GEN[@]}" "${LAUNCHER[@]}" -DPTONNX_FUZZ=ON -DPTONNX_WERROR=ON \
  -DCMAKE_BUILD_TYPE=None -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_CXX_FLAGS="$CXXFLAGS" -DPTONNX_FUZZ_ENGINE="$LIB_FUZZING_ENGINE"
cmake --build "$BUILD" -j "${FUZZ_JOBS:-$(nproc)}"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)  # absolute: the zip below runs in the corpus dir
for t in model_fuzzer tensor_proto_fuzzer graph_json_fuzzer; do
  cp "$BUILD/fuzz/$t" "$OUT/"
  CORPUS=${CORPUS_DIR:-$BUILD/corpora}
  if [ -d "$CORPUS/$t" ] && command -v zip >/dev/null; then
    (cd "$CORPUS/$t" && zip -q -r "$OUT/${t}_seed_corpus.zip" .)
  fi
done
echo "fuzz/build.sh: targets in $OUT"
