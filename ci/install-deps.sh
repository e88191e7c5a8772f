#!/usr/bin/env bash
# Installs every Debian package ptonnx needs to build, test and report.
# Idempotent and fast when everything is present: it only calls apt-get when
# at least one package is missing. Run as root (or with sudo available).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ccache clang-format
  librapidcheck-dev libprotobuf-dev protobuf-compiler
  libonnx-dev libonnx-testdata
  libeigen3-dev liblapacke-dev libopenblas-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev
  clang libclang-rt-14-dev zip  # the fuzz targets: clang + libFuzzer (fuzz/build.sh)
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

# Node.js and npm run the ONNX Runtime backend (ort/). A machine may have
# its own Node.js (with npm inside); Debian's packages otherwise.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "ci/install-deps.sh: all ${#PACKAGES[@]} packages already installed"
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "ci/install-deps.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# ONNX Runtime for the ort backend: onnxruntime-node from the npm registry,
# its CPU library inside the package (--ignore-scripts: no install script
# downloads anything else), pinned by ort/package-lock.json. Reinstalled
# only when the lockfile changed.
cd "$(dirname "$0")/../ort"
stamp=node_modules/.ptonnx-lock-installed
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "ci/install-deps.sh: npm ci --ignore-scripts in ort/ (onnxruntime-node)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
