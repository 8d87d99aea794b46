#!/usr/bin/env bash
# Installs the dependencies, builds (Release, tests and benchmarks included) and runs every test
# with CTest, the unit tests under ASan + UBSan, and each fuzz target briefly. This is the README's
# test command and what CI runs. The unit tests build and run in the instrumented build only
# (KANSOKU_UNIT_TESTS=OFF here): a second, Release build of them cost a third of its compile time
# and CI's time limit, and found nothing the sanitized run does not.
set -euo pipefail
cd "$(dirname "$0")/.."
bash cmake/install-dependencies.sh --tests
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DKANSOKU_UNIT_TESTS=OFF ${KANSOKU_CMAKE_FLAGS:-}
cmake --build build --parallel "$(nproc)"
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 900
# One instrumented clang build (ASan + UBSan) for two runs: every unit test, where a sanitizer
# report fails the test, and each libFuzzer target for 15 s from its seeds, where a crash or report
# fails the run (tests/fuzz/run-fuzzers.sh runs them longer).
bash cmake/run-sanitized-unit-tests.sh
bash tests/fuzz/run-fuzzers.sh 15
