// Runs the findings detectors over every trace of a time range, read one trace at a time through
// TelemetryQueries::forEachAnalysisTrace, and over the streams of the HTTP server request metric
// in the range (for the traffic spike detector's request counts): the one loop the Findings pane
// (on a worker) and `kansoku analyze` share. run() blocks on the store, so it never runs on the GUI
// thread; the progress counters and cancel() are atomics that another thread may read or call
// meanwhile.
#pragma once

#include "analysis/finding.h"
#include "analysis/finding_thresholds.h"
#include "analysis/prepared_trace.h"
#include "core/telemetry_queries.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace kansoku {

class FindingsAnalyzer;

struct FindingsRunResult
{
    TimeRange range;
    std::vector<Finding> findings; // worst first (FindingsAnalyzer's order)
    std::int64_t traceCount = 0;   // traces analysed
    std::int64_t spanCount = 0;
    bool cancelled = false; // stopped early by cancel(): the figures cover part of the range
    std::string error;      // why the run failed (e.g. out of memory); empty when it did not
};

class FindingsRun
{
public:
    explicit FindingsRun(const FindingThresholds &thresholds = {})
        : m_thresholds(thresholds)
    {}

    // alsoVisit, when set, gets each trace as the detectors saw it, for a caller that builds
    // another analysis in the same pass (`kansoku analyze` and `diff`: the run profile).
    FindingsRunResult run(const TelemetryQueries &queries, const TimeRange &range,
                          const std::function<void(const PreparedTrace &)> &alsoVisit = {});

    // Any thread: stops a running run() before its next trace.
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    // Any thread: how far run() has got.
    std::int64_t tracesSoFar() const { return m_traces.load(std::memory_order_relaxed); }
    std::int64_t spansSoFar() const { return m_spans.load(std::memory_order_relaxed); }

private:
    // Feeds analyzer every stream of http.server.request.duration (or http.server.duration) in
    // range, the streams of one server process at a time.
    void addRequestMetrics(const TelemetryQueries &queries, const TimeRange &range,
                           FindingsAnalyzer &analyzer) const;

    FindingThresholds m_thresholds;
    std::atomic<bool> m_cancelled{false};
    std::atomic<std::int64_t> m_traces{0};
    std::atomic<std::int64_t> m_spans{0};
};

} // namespace kansoku
