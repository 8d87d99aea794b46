#include "analysis/findings_analyzer.h"

#include "analysis/connect_stall_detector.h"
#include "analysis/error_hotspot_detector.h"
#include "analysis/fan_out_detector.h"
#include "analysis/lock_wait_detector.h"
#include "analysis/n_plus_one_detector.h"
#include "analysis/redundant_call_detector.h"
#include "analysis/slow_query_detector.h"
#include "analysis/start_delay_detector.h"
#include "analysis/traffic_spike_detector.h"
#include "analysis/version_regression_detector.h"

#include <algorithm>

namespace kansoku {

FindingsAnalyzer::FindingsAnalyzer(const FindingThresholds &thresholds)
{
    m_detectors.push_back(std::make_unique<NPlusOneDetector>(thresholds));
    m_detectors.push_back(std::make_unique<RedundantCallDetector>(thresholds));
    m_detectors.push_back(std::make_unique<ErrorHotspotDetector>(thresholds));
    auto trafficSpikes = std::make_unique<TrafficSpikeDetector>(thresholds);
    m_trafficSpikes = trafficSpikes.get();
    m_detectors.push_back(std::move(trafficSpikes));
    m_detectors.push_back(std::make_unique<SlowQueryDetector>(thresholds));
    m_detectors.push_back(std::make_unique<LockWaitDetector>(thresholds));
    m_detectors.push_back(std::make_unique<VersionRegressionDetector>(thresholds));
    m_detectors.push_back(std::make_unique<FanOutDetector>(thresholds));
    m_detectors.push_back(std::make_unique<ConnectStallDetector>(thresholds));
    m_detectors.push_back(std::make_unique<StartDelayDetector>(thresholds));
}

FindingsAnalyzer::~FindingsAnalyzer() = default;

void FindingsAnalyzer::addTrace(const AnalysisTrace &trace)
{
    addTrace(PreparedTrace(trace));
}

void FindingsAnalyzer::addTrace(const PreparedTrace &trace)
{
    m_endpoints.addTrace(trace);
    for (const auto &detector : m_detectors)
        detector->addTrace(trace);
    ++m_traceCount;
    m_spanCount += trace.spanCount();
}

void FindingsAnalyzer::addRequestMetric(const HttpServerRequestSeries &series)
{
    m_trafficSpikes->addRequestMetric(series);
}

std::vector<Finding> FindingsAnalyzer::findings() const
{
    std::vector<Finding> all;
    for (const auto &detector : m_detectors) {
        std::vector<Finding> found = detector->findings(m_endpoints);
        std::move(found.begin(), found.end(), std::back_inserter(all));
    }
    // Worst first: severity, then the total time it cost, then a stable order for equal ones.
    std::stable_sort(all.begin(), all.end(), [](const Finding &a, const Finding &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        if (a.totalCostNs != b.totalCostNs)
            return a.totalCostNs > b.totalCostNs;
        return a.title < b.title;
    });
    return all;
}

} // namespace kansoku
