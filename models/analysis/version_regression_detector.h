// Finds version regressions: the same operation's p95 latency or error rate split by
// service.version, and a version markedly worse than the best other version (both with enough
// samples). Operations are endpoints (their requests) and the statements they run (their database,
// HTTP and RPC calls), so a finding can name the statement that got slower; an endpoint's finding
// is left out when a statement's already explains it. One instance on one worker thread.
#pragma once

#include "analysis/duration_sample.h"
#include "analysis/endpoint_statement_key.h"
#include "analysis/finding_detector.h"
#include "analysis/finding_examples.h"
#include "analysis/finding_thresholds.h"

#include <limits>
#include <map>
#include <string>

namespace kansoku {

class VersionRegressionDetector : public FindingDetector
{
public:
    explicit VersionRegressionDetector(const FindingThresholds &thresholds);

    FindingKind kind() const override { return FindingKind::VersionRegression; }
    void addTrace(const PreparedTrace &trace) override;
    std::vector<Finding> findings(const EndpointStatistics &endpoints) const override;

private:
    // One version's samples of an operation: the requests of an endpoint, or the calls of a
    // statement.
    struct VersionStats
    {
        DurationSample durations;
        std::int64_t errors = 0;
        std::int64_t requests = 0; // requests among (or making) the samples
        std::int64_t requestLatencyNs = 0;
        std::int64_t traces = 0;
        std::int64_t lastTrace = -1;   // the m_traceNumber that last counted in traces
        std::int64_t lastRequest = -1; // the m_requestNumber that last counted in requests
        std::int64_t firstStartNs = std::numeric_limits<std::int64_t>::max();
        std::int64_t lastEndNs = std::numeric_limits<std::int64_t>::min();
        FindingExamples slowest;
        FindingExamples failed;

        double errorRate() const;
        double meanNs() const;
    };
    using Versions = std::map<std::string, VersionStats, std::less<>>;
    // A version worse than the best other one, in latency, errors or both.
    struct Regression
    {
        Versions::const_iterator version;
        Versions::const_iterator fastest; // the other version with the lowest p95
        Versions::const_iterator fewestErrors;
        bool latency = false;
        bool errors = false;
    };

    VersionStats &versionStats(Versions &versions, const std::string &version);
    void addSample(VersionStats &stats, const AnalysisSpan &span, const PreparedTrace &trace,
                   const AnalysisSpan &request);
    std::vector<Regression> regressionsOf(const Versions &versions) const;
    Finding findingFor(const EndpointStatementKey &key, const Regression &regression,
                       const Versions &versions, const EndpointStatistics &endpoints) const;

    FindingThresholds m_thresholds;
    // The statement is empty for the endpoint itself.
    std::map<EndpointStatementKey, Versions, std::less<>> m_operations;
    std::int64_t m_traceNumber = 0;
    std::int64_t m_requestNumber = 0;
    // The last version looked up (map nodes stay put), so a run of one version looks it up once.
    const Versions *m_lastVersions = nullptr;
    const std::string *m_lastVersion = nullptr;
    VersionStats *m_lastStats = nullptr;
};

} // namespace kansoku
