// What `kansoku diff` costs beyond loading the two sessions: preparing each trace (shared with the
// findings analysis), feeding it to a RunProfileBuilder, making the profiles and comparing them.
// Two synthetic runs held in memory: "before" with 50-query N+1 requests, "after" with batched
// ones, spread over 8 services x 4 endpoints; prints medians and ranges of CPU time.
// Usage: kansoku_run_diff_bench [spans per run, default 1000000] [repeats, default 5]
#include "analysis/prepared_trace.h"
#include "analysis/run_comparison.h"
#include "analysis/run_profile_builder.h"
#include "bench_endpoints.h"
#include "cpu_figures.h"
#include "support/analysis_trace_builder.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace kansoku;
using kansoku::bench::operations;
using kansoku::bench::printCpuFigure;
using kansoku::bench::services;
using kansoku::bench::threadCpuNs;
using kansoku::test::AnalysisTraceBuilder;

namespace {

constexpr std::int64_t Ms = 1'000'000;

// Requests of callsPerRequest queries each (plus one HTTP call) until spanTarget spans.
std::vector<AnalysisTrace> makeRun(std::int64_t spanTarget, int callsPerRequest, bool batched)
{
    std::vector<AnalysisTrace> traces;
    std::int64_t spans = 0;
    for (std::uint64_t number = 1; spans < spanTarget; ++number) {
        AnalysisTraceBuilder trace{number};
        const std::int64_t start = std::int64_t(number) * 10 * Ms;
        const int root
            = trace.server(services[number % 8], operations[(number / 8) % 4], start,
                           start + (callsPerRequest + 3) * Ms + std::int64_t(number % 7) * Ms);
        for (int k = 0; k < callsPerRequest; ++k) {
            const std::int64_t callStart = start + Ms + k * Ms;
            const std::string statement
                = batched ? "SELECT id, name, price FROM items WHERE id IN (17, 18, 19, 20, 21)"
                          : "SELECT id, name, price FROM items WHERE id = "
                                + std::to_string(number * 50 + std::uint64_t(k));
            trace.db(root, "postgresql", statement, callStart, callStart + Ms - 1000);
        }
        trace.http(root, "GET", "http://pricing:8080/prices/" + std::to_string(number),
                   start + Ms / 2, start + Ms);
        traces.push_back(trace.build());
        spans += std::int64_t(traces.back().spans.size());
    }
    return traces;
}

struct Timings
{
    double prepareMs = 0;
    double addTraceMs = 0;
    double profileMs = 0;
};

// Prepares the traces in chunks and feeds each chunk to the builder, timing both per chunk (a
// clock read per trace would cost more than small traces do).
RunProfile profileOf(const std::vector<AnalysisTrace> &traces, Timings &timings)
{
    constexpr std::size_t ChunkTraces = 512;
    RunProfileBuilder builder;
    std::vector<PreparedTrace> chunk;
    chunk.reserve(ChunkTraces);
    std::int64_t prepareNs = 0;
    std::int64_t addNs = 0;
    for (std::size_t first = 0; first < traces.size(); first += ChunkTraces) {
        const std::size_t end = std::min(traces.size(), first + ChunkTraces);
        chunk.clear();
        const std::int64_t startNs = threadCpuNs();
        for (std::size_t index = first; index < end; ++index)
            chunk.emplace_back(traces[index]);
        const std::int64_t preparedNs = threadCpuNs();
        for (const PreparedTrace &prepared : chunk)
            builder.addTrace(prepared);
        addNs += threadCpuNs() - preparedNs;
        prepareNs += preparedNs - startNs;
    }
    const std::int64_t profileStartNs = threadCpuNs();
    RunProfile profile = builder.profile();
    timings.profileMs += double(threadCpuNs() - profileStartNs) / 1e6;
    timings.prepareMs += double(prepareNs) / 1e6;
    timings.addTraceMs += double(addNs) / 1e6;
    return profile;
}

} // namespace

int main(int argc, char **argv)
{
    const std::int64_t spans = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;

    const std::vector<AnalysisTrace> before = makeRun(spans, 50, false);
    const std::vector<AnalysisTrace> after = makeRun(spans, 1, true);
    std::printf("before: %zu traces, after: %zu traces, ~%lld spans each, %d repeats\n",
                before.size(), after.size(), static_cast<long long>(spans), repeats);

    std::vector<double> prepare, addTrace, profile, compare, total;
    std::size_t rows = 0;
    bool worse = false;
    for (int repeat = 0; repeat < repeats; ++repeat) {
        Timings timings;
        const RunProfile beforeProfile = profileOf(before, timings);
        const RunProfile afterProfile = profileOf(after, timings);
        const std::int64_t compareStartNs = threadCpuNs();
        const RunComparison comparison = RunComparison::compare(beforeProfile, afterProfile);
        const double compareMs = double(threadCpuNs() - compareStartNs) / 1e6;
        rows = comparison.rows.size();
        worse = comparison.worse;
        prepare.push_back(timings.prepareMs);
        addTrace.push_back(timings.addTraceMs);
        profile.push_back(timings.profileMs);
        compare.push_back(compareMs);
        total.push_back(timings.prepareMs + timings.addTraceMs + timings.profileMs + compareMs);
    }
    std::printf("both runs (%zu comparison rows, worse: %s):\n", rows, worse ? "yes" : "no");
    printCpuFigure("PreparedTrace (shared with findings)", prepare);
    printCpuFigure("RunProfileBuilder::addTrace", addTrace);
    printCpuFigure("RunProfileBuilder::profile", profile);
    printCpuFigure("RunComparison::compare", compare);
    printCpuFigure("total", total);
    return 0;
}
