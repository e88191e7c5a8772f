#!/usr/bin/env bash
# Fails when a CTest label the README promises holds no test: `ctest -L
# tier4` on an empty label prints "No tests were found" and exits 0, which
# would let a suite vanish from CI unnoticed.
set -euo pipefail
BUILD_DIR=${BUILD_DIR:-build}
missing=0
for label in unit tier1 tier2 tier3 tier4 tier5 extended cnn conformance; do
  count=$(ctest --test-dir "$BUILD_DIR" -N -L "^${label}\$" | sed -n 's/^Total Tests: //p')
  if [ "${count:-0}" -eq 0 ]; then
    echo "check-labels: CTest label '$label' holds no test" >&2
    missing=1
  fi
done
exit $missing
