#!/usr/bin/env bash
# The moving-seed run of the test command (ci/run-tests.sh runs it after the
# fixed-seed CTest run; issue 17 item 7). CTest replays the same base seed
# (20261122) on every commit, so it can only ever find what that seed
# reaches. This runs every tier's and group's op properties and random graphs
# once more at a base seed derived from the commit (the first 12 hex digits
# of HEAD), so each commit explores new cases; the seed is printed first and
# every failure prints its own reproduce command (`ptonnx fuzz ... --seed`)
# and leaves a bundle, so a failure found here replays anywhere.
#
#   PTONNX_MOVING_SEED=S   use seed S instead (e.g. to re-run a CI failure)
#   PTONNX_MOVING_CASES=N  cases per property (default: each suite's own)
#
# Records go to $BUILD_DIR/results-moving-seed, apart from the fixed-seed
# records the reports are made from. A failure fails the test command: it is
# a real bug (or a flaw in a generator) the fixed seed missed.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
SUITE=$BUILD_DIR/suites/harness/tier_suite
if [ -n "${PTONNX_MOVING_SEED:-}" ]; then
  SEED=$PTONNX_MOVING_SEED
elif HEAD=$(git rev-parse HEAD 2>/dev/null); then
  SEED=$((16#${HEAD:0:12}))
else
  echo "moving-seed: not a git checkout and no PTONNX_MOVING_SEED: skipped"
  exit 0
fi
OUT=$BUILD_DIR/results-moving-seed
rm -rf "$OUT"
mkdir -p "$OUT/logs"
echo "moving-seed: base seed PTONNX_SEED=$SEED (from commit ${HEAD:-given}); re-run with" \
  "PTONNX_MOVING_SEED=$SEED bash ci/moving-seed.sh"

# One job per tier/group and part; the longest (tier 4's Loop-heavy
# properties) first, so the two cores finish together.
jobs=("--tier 4 --ops-only" "--tier 5 --ops-only" "--group extended --ops-only" "--tier 2 --ops-only"
      "--tier 3 --ops-only" "--tier 1 --ops-only" "--group cnn --ops-only")
for t in 1 2 3 4 5; do jobs+=("--tier $t --graphs-only"); done
[ -n "${PTONNX_MOVING_CASES:-}" ] && export PTONNX_CASES=$PTONNX_MOVING_CASES
export PTONNX_SEED=$SEED PTONNX_RESULTS_DIR=$OUT OPENBLAS_NUM_THREADS=1 SUITE OUT

run_one() {
  local args=$1 log
  log="$OUT/logs/$(echo "$args" | tr -c 'a-z0-9\n' '_').log"
  # shellcheck disable=SC2086  # args is a list of options
  if "$SUITE" $args >"$log" 2>&1; then
    echo "moving-seed: ok      $args: $(tail -n 1 "$log")"
  else
    echo "moving-seed: FAILED  $args (log: $log)"
    # The failing properties with their shrunk cases and reproduce commands.
    tail -n 80 "$log"
    return 1
  fi
}
export -f run_one
printf '%s\n' "${jobs[@]}" | xargs -P "$(nproc)" -I{} bash -c 'run_one "$@"' _ {}
