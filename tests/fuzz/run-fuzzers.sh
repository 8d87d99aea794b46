#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer + UndefinedBehaviorSanitizer, every
# library instrumented: cmake/configure-instrumented.sh) in build-fuzz/, then runs each for SECONDS from its corpus: the seeds
# (the OpenTelemetry JS SDK captures and exported files in tests/data, example log searches)
# plus what earlier runs found, kept in build-fuzz/fuzz/corpus/TARGET. A crash, leak, sanitizer
# report or timeout is saved as build-fuzz/fuzz/crashes/TARGET/… and fails the run.
#
#   bash tests/fuzz/run-fuzzers.sh [SECONDS] [TARGET...]     (default: 60 s, every target)
#
# Reproduce a saved input: build-fuzz/tests/fuzz/TARGET build-fuzz/fuzz/crashes/TARGET/crash-…
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_otlp_protobuf fuzz_otlp_json fuzz_file_import fuzz_log_search)
case "$seconds" in
    '' | *[!0-9]*) echo "run-fuzzers.sh: SECONDS must be a whole number, not \"$seconds\"" >&2; exit 2 ;;
esac
build=$(bash cmake/configure-instrumented.sh)
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]}" kansoku_fuzz_seeds

seeds="$build/fuzz/seeds"
rm -rf "$seeds"
mkdir -p "$seeds/file_import" "$seeds/log_search"
"$build/tests/fuzz/kansoku_fuzz_seeds" tests/data "$seeds"
cp tests/data/files/* "$seeds/file_import/"
cp tests/fuzz/seeds/log_search/* "$seeds/log_search/"

# One fuzzer per core at a time (each is a single process): on CI's two cores the four targets
# take two rounds of SECONDS instead of four.
run_target() {
    local target=$1 corpus="$build/fuzz/corpus/$1" crashes="$build/fuzz/crashes/$1"
    mkdir -p "$corpus" "$crashes"
    local status=0
    # -timeout: one input taking over 10 s is a finding; -rss_limit_mb: so is 2 GiB of memory.
    "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$crashes/" \
        "$corpus" "$seeds/${target#fuzz_}" >"$build/fuzz/$target.log" 2>&1 || status=$?
    echo "$status" >"$build/fuzz/$target.status"
}
parallel=$(nproc)
for target in "${targets[@]}"; do
    rm -f "$build/fuzz/$target.status"
    while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
    run_target "$target" &
done
wait

failed=0
printf '\n%-20s %10s %12s %8s %s\n' target seconds executions corpus result
for target in "${targets[@]}"; do
    log="$build/fuzz/$target.log"
    status=$(cat "$build/fuzz/$target.status" 2>/dev/null || echo '?')
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    result=ok
    if [ "$status" != 0 ]; then
        result="FAILED (exit $status): see $log and $build/fuzz/crashes/$target"
        failed=1
    fi
    printf '%-20s %10s %12s %8s %s\n' "$target" "$seconds" "${executions:-?}" \
        "$(ls "$build/fuzz/corpus/$target" | wc -l)" "$result"
done
exit "$failed"
