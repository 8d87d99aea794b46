#!/usr/bin/env bash
# Configures the instrumented clang build shared by the fuzz targets and the sanitized unit tests:
# every target compiled with AddressSanitizer, UndefinedBehaviorSanitizer and libFuzzer's coverage
# (KANSOKU_FUZZ). Prints the build folder (KANSOKU_FUZZ_BUILD, default build-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${KANSOKU_FUZZ_BUILD:-build-fuzz}
# clang's own warnings are not gcc's: this build does not turn them into errors. -O1 with line
# tables only, as the sanitizers' documentation advises: reports keep file and line, and the build
# (the longer half of CI) compiles and links faster than at -O2 with full debug information.
flags="-O1 -gline-tables-only -DNDEBUG"
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="$flags" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$flags" \
    -DKANSOKU_FUZZ=ON -DBUILD_TESTING=ON -DKANSOKU_UNIT_TESTS=ON -DKANSOKU_BUILD_BENCH=OFF >/dev/null
echo "$build"
