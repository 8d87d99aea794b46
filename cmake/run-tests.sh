#!/usr/bin/env bash
# Installs the dependencies, builds (Release, tests and benchmarks included) and runs every test
# with CTest. This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash cmake/install-dependencies.sh --tests
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release ${KANSOKU_CMAKE_FLAGS:-}
cmake --build build --parallel "$(nproc)"
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 900
