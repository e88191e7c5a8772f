#!/usr/bin/env bash
# Regenerates the transcripts in docs/fuzzing.md from real runs, so the
# guide never shows output the tool no longer prints (it once showed a
# 40-case budget long after the default became 100).
#
#   bash ci/fuzzing-transcripts.sh [--check] [BUILD_DIR]
#
# A transcript is a fenced block right after a marker line
#   <!-- transcript: SHELL COMMAND -->
# The command runs with the build's ptonnx_fuzz_demo (the `ptonnx` command
# plus the test-only ops BrokenRound, CrashingOp, ...) first on PATH, in one
# scratch folder shared by all markers in document order (so a replay can
# use the bundles an earlier fuzz run wrote), with PTONNX_SEED and
# PTONNX_CASES unset; the block becomes "$ COMMAND" and its output.
# --check: regenerate into a temporary file and fail (exit 1, with a diff)
# when the guide differs, ignoring elapsed times; the unit test
# docs_fuzzing_transcripts runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=write
case "${1:-}" in
  -h | --help)
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  -*)
    if [ "$1" != --check ]; then
      echo "ci/fuzzing-transcripts.sh: unknown option $1 (usage: [--check] [BUILD_DIR])" >&2
      exit 2
    fi
    ;;
esac
if [ "${1:-}" = --check ]; then
  MODE=check
  shift
fi
BUILD=${1:-${BUILD_DIR:-build}}
DEMO=$BUILD/suites/fuzz/ptonnx_fuzz_demo
if [ ! -x "$DEMO" ]; then
  echo "ci/fuzzing-transcripts.sh: $DEMO not built (cmake --build $BUILD --target ptonnx_fuzz_demo)" >&2
  exit 2
fi
DEMO_DIR=$(cd "$(dirname "$DEMO")" && pwd)
DOC=docs/fuzzing.md
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
mkdir "$SCRATCH/run"
unset PTONNX_SEED PTONNX_CASES PTONNX_RESULTS_DIR

marker='^<!-- transcript: (.*) -->$'
fence='```'
pending=""
in_block=0
while IFS= read -r line; do
  if [ "$in_block" = 1 ]; then
    if [ "$line" = "$fence" ]; then
      echo "$fence"
      in_block=0
    fi
    continue
  fi
  if [[ $line =~ $marker ]]; then
    pending=${BASH_REMATCH[1]}
    echo "$line"
    continue
  fi
  if [ -n "$pending" ] && [ "$line" = "$fence" ]; then
    echo "$fence"
    echo "\$ $pending"
    (cd "$SCRATCH/run" && PATH="$DEMO_DIR:$PATH" bash -c "$pending" 2>&1) || true
    pending=""
    in_block=1
    continue
  fi
  echo "$line"
done <"$DOC" >"$SCRATCH/fuzzing.md"

if [ "$MODE" = write ]; then
  cp "$SCRATCH/fuzzing.md" "$DOC"
  echo "ci/fuzzing-transcripts.sh: $DOC regenerated"
  exit 0
fi
# Elapsed times ("0.1 s", "1234 cases/s") differ from run to run.
normalise() { sed -E 's/[0-9]+(\.[0-9]+)? s\b/T s/g; s/[0-9]+ cases\/s/N cases\/s/g' "$1"; }
if ! diff -u <(normalise "$DOC") <(normalise "$SCRATCH/fuzzing.md"); then
  echo "ci/fuzzing-transcripts.sh: $DOC is stale: run 'bash ci/fuzzing-transcripts.sh' and commit it" >&2
  exit 1
fi
echo "ci/fuzzing-transcripts.sh: $DOC transcripts are current"
