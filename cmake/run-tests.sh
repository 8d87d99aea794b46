#!/usr/bin/env bash
# Installs the dependencies, builds (Release, tests and benchmarks included) and runs every test
# with CTest, then each fuzz target briefly. This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash cmake/install-dependencies.sh --tests
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release ${KANSOKU_CMAKE_FLAGS:-}
cmake --build build --parallel "$(nproc)"
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 900
# The libFuzzer targets, built by clang with ASan + UBSan, 15 s each from their seeds: a crash or
# sanitizer report fails the run (tests/fuzz/run-fuzzers.sh runs them longer).
bash tests/fuzz/run-fuzzers.sh 15
