// Runs every findings detector over a stream of traces (and the HTTP server request metric's
// series, for the traffic spikes) and ranks what they find: the worst first (severity, then cost).
// Fed on one worker thread, e.g. by FindingsRun from TelemetryQueries; never on the GUI thread.
#pragma once

#include "analysis/endpoint_statistics.h"
#include "analysis/finding.h"
#include "analysis/finding_detector.h"
#include "analysis/finding_thresholds.h"
#include "analysis/http_server_request_metric.h"

#include <memory>
#include <vector>

namespace kansoku {

class TrafficSpikeDetector;

class FindingsAnalyzer
{
public:
    explicit FindingsAnalyzer(const FindingThresholds &thresholds = {});
    ~FindingsAnalyzer();

    void addTrace(const AnalysisTrace &trace);
    // For a caller that also feeds the trace to other analyses (RunProfile): prepared once.
    void addTrace(const PreparedTrace &trace);
    // The requests an HTTP server's metric counted, for the traffic spike detector (which then
    // prefers them to the endpoint's spans); in any order with the traces.
    void addRequestMetric(const HttpServerRequestSeries &series);
    std::int64_t traceCount() const { return m_traceCount; }
    std::int64_t spanCount() const { return m_spanCount; }
    const EndpointStatistics &endpoints() const { return m_endpoints; }

    // Every detector's findings, worst first.
    std::vector<Finding> findings() const;

private:
    std::vector<std::unique_ptr<FindingDetector>> m_detectors;
    TrafficSpikeDetector *m_trafficSpikes = nullptr; // one of m_detectors
    EndpointStatistics m_endpoints;
    std::int64_t m_traceCount = 0;
    std::int64_t m_spanCount = 0;
};

} // namespace kansoku
