#!/usr/bin/env bash
# Builds every unit test (label "unit") in the instrumented clang build (AddressSanitizer with leak
# detection + UndefinedBehaviorSanitizer, see configure-instrumented.sh) and runs them; any
# sanitizer report fails its test (tests/CMakeLists.txt sets halt_on_error). The GUI, app and
# interop tests run in the regular build only.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(bash cmake/configure-instrumented.sh)
cmake --build "$build" --parallel "$(nproc)" --target kansoku_unit_tests
# The layering and man page checks are scripts, not instrumented code (and the latter needs the app).
ctest --test-dir "$build" -L unit -E '^(layering_includes|man_page_)' --output-on-failure \
    --parallel "$(nproc)" --timeout 900
