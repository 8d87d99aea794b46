#include "analysis/version_regression_detector.h"

#include "analysis/finding_text.h"
#include "analysis/request_calls.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace kansoku {

namespace {

// Error rates are ratios of counts: a difference meant to equal the threshold must reach it.
constexpr double RateTolerance = 1e-9;

} // namespace

double VersionRegressionDetector::VersionStats::errorRate() const
{
    return durations.count() > 0 ? double(errors) / double(durations.count()) : 0.0;
}

double VersionRegressionDetector::VersionStats::meanNs() const
{
    return durations.count() > 0 ? double(durations.totalNs()) / double(durations.count()) : 0.0;
}

VersionRegressionDetector::VersionRegressionDetector(const FindingThresholds &thresholds)
    : m_thresholds(thresholds)
{}

VersionRegressionDetector::VersionStats &
VersionRegressionDetector::versionStats(Versions &versions, const std::string &version)
{
    // The calls of one group, and the groups of one request, mostly share their version.
    if (m_lastVersions == &versions && *m_lastVersion == version)
        return *m_lastStats;
    auto found = versions.find(version);
    if (found == versions.end())
        found = versions.emplace(version, VersionStats{}).first;
    m_lastVersions = &versions;
    m_lastVersion = &found->first;
    m_lastStats = &found->second;
    return found->second;
}

void VersionRegressionDetector::addSample(VersionStats &stats, const AnalysisSpan &span,
                                          const PreparedTrace &trace, const AnalysisSpan &request)
{
    stats.durations.add(span.durationNs());
    const std::int64_t durationNs = span.durationNs();
    if (stats.slowest.admits(durationNs))
        stats.slowest.offer({trace.traceId(), {span.spanId}, durationNs});
    if (span.statusCode == StatusCode::Error) {
        ++stats.errors;
        if (stats.failed.admits(durationNs))
            stats.failed.offer({trace.traceId(), {span.spanId}, durationNs});
    }
    if (stats.lastTrace != m_traceNumber) {
        stats.lastTrace = m_traceNumber;
        ++stats.traces;
    }
    if (stats.lastRequest != m_requestNumber) {
        stats.lastRequest = m_requestNumber;
        ++stats.requests;
        stats.requestLatencyNs += request.durationNs();
    }
    stats.firstStartNs = std::min(stats.firstStartNs, span.startTimeNs);
    stats.lastEndNs = std::max(stats.lastEndNs, span.endTimeNs);
}

void VersionRegressionDetector::addTrace(const PreparedTrace &trace)
{
    ++m_traceNumber;
    // Spans without a service.version cannot be split by it.
    for (int index : trace.endpointSpans()) {
        const AnalysisSpan &request = trace.span(index);
        if (request.serviceVersion.empty())
            continue;
        ++m_requestNumber;
        addSample(versionStats(entryFor(m_operations, {request.service, request.name, {}}),
                               request.serviceVersion),
                  request, trace, request);
    }
    const RequestCalls &requestCalls = trace.requestCalls();
    for (const RequestCalls::Group &group : requestCalls.groups()) {
        const AnalysisSpan &request = trace.span(group.request);
        Versions *versions = nullptr;
        ++m_requestNumber;
        for (int index : requestCalls.calls(group)) {
            const AnalysisSpan &call = trace.span(index);
            if (call.serviceVersion.empty())
                continue;
            if (!versions)
                versions
                    = &entryFor(m_operations, {request.service, request.name, group.statement});
            addSample(versionStats(*versions, call.serviceVersion), call, trace, request);
        }
    }
}

std::vector<VersionRegressionDetector::Regression>
VersionRegressionDetector::regressionsOf(const Versions &versions) const
{
    std::vector<Versions::const_iterator> eligible;
    for (auto it = versions.begin(); it != versions.end(); ++it) {
        if (it->second.durations.count() >= m_thresholds.versionMinSamples)
            eligible.push_back(it);
    }
    std::vector<Regression> regressions;
    if (eligible.size() < 2)
        return regressions;
    for (auto version : eligible) {
        Regression regression{version, versions.end(), versions.end()};
        // The best other version; on a tie the first in version order.
        for (auto other : eligible) {
            if (other == version)
                continue;
            if (regression.fastest == versions.end()
                || other->second.durations.quantileNs(0.95)
                       < regression.fastest->second.durations.quantileNs(0.95))
                regression.fastest = other;
            if (regression.fewestErrors == versions.end()
                || other->second.errorRate() < regression.fewestErrors->second.errorRate())
                regression.fewestErrors = other;
        }
        const std::int64_t p95 = version->second.durations.quantileNs(0.95);
        const std::int64_t bestP95 = regression.fastest->second.durations.quantileNs(0.95);
        regression.latency
            = p95 > bestP95 && double(p95) >= m_thresholds.versionLatencyFactor * double(bestP95);
        const double rateIncrease
            = version->second.errorRate() - regression.fewestErrors->second.errorRate();
        regression.errors = rateIncrease > 0
                            && rateIncrease >= m_thresholds.versionErrorRateDelta - RateTolerance;
        if (regression.latency || regression.errors)
            regressions.push_back(regression);
    }
    return regressions;
}

std::vector<Finding> VersionRegressionDetector::findings(const EndpointStatistics &endpoints) const
{
    // What the statements' findings explain, by (service, operation, version): an endpoint's
    // finding that says no more is left out.
    using Covered = std::set<std::tuple<std::string_view, std::string_view, std::string_view>>;
    Covered slowerStatements;
    Covered failingStatements;
    std::vector<std::pair<const EndpointStatementKey *, std::vector<Regression>>> all;
    for (const auto &[key, versions] : m_operations) {
        std::vector<Regression> regressions = regressionsOf(versions);
        if (regressions.empty())
            continue;
        if (!key.statement.empty()) {
            for (const Regression &regression : regressions) {
                const auto coveredKey = std::make_tuple(
                    std::string_view(key.service), std::string_view(key.operation),
                    std::string_view(regression.version->first));
                if (regression.latency)
                    slowerStatements.insert(coveredKey);
                if (regression.errors)
                    failingStatements.insert(coveredKey);
            }
        }
        all.emplace_back(&key, std::move(regressions));
    }
    std::vector<Finding> found;
    for (const auto &[key, regressions] : all) {
        for (const Regression &regression : regressions) {
            const auto coveredKey
                = std::make_tuple(std::string_view(key->service), std::string_view(key->operation),
                                  std::string_view(regression.version->first));
            if (key->statement.empty()
                && (!regression.latency || slowerStatements.contains(coveredKey))
                && (!regression.errors || failingStatements.contains(coveredKey)))
                continue;
            found.push_back(findingFor(*key, regression, m_operations.at(*key), endpoints));
        }
    }
    return found;
}

Finding VersionRegressionDetector::findingFor(const EndpointStatementKey &key,
                                              const Regression &regression,
                                              const Versions &versions,
                                              const EndpointStatistics &endpoints) const
{
    const std::string &name = regression.version->first;
    const VersionStats &stats = regression.version->second;
    const VersionStats &fastest = regression.fastest->second;
    const VersionStats &fewestErrors = regression.fewestErrors->second;

    Finding finding;
    finding.kind = FindingKind::VersionRegression;
    finding.service = key.service;
    finding.operation = key.operation;
    finding.statement = key.statement;
    finding.occurrences = stats.durations.count();
    finding.affectedTraces = stats.traces;
    finding.endpointTraces = endpoints.totals(key.endpoint()).traces;
    if (regression.latency && stats.requests > 0) {
        // The extra mean time of each sample over the fastest version, times the samples.
        const double extraNs = std::max(0.0, stats.meanNs() - fastest.meanNs());
        finding.totalCostNs = std::int64_t(extraNs * double(stats.durations.count()));
        finding.costNsPerRequest = double(finding.totalCostNs) / double(stats.requests);
        finding.latencyShare = stats.requestLatencyNs > 0
                                   ? double(finding.totalCostNs) / double(stats.requestLatencyNs)
                                   : 0.0;
    }
    finding.severity = m_thresholds.severityFor(finding.costNsPerRequest, finding.latencyShare);
    if (regression.errors) {
        // The extra share of failing samples weighs like a share of latency lost.
        finding.severity
            = std::max(finding.severity,
                       m_thresholds.severityFor(0, stats.errorRate() - fewestErrors.errorRate()));
    }
    finding.examples = regression.latency ? stats.slowest.worstFirst() : stats.failed.worstFirst();
    finding.range = {stats.firstStartNs, stats.lastEndNs};

    std::string title = key.service + ' ' + name + ": "
                        + (key.statement.empty() ? key.operation
                                                 : '`' + abbreviatedStatement(key.statement) + '`');
    if (regression.latency)
        title += " p95 " + findingDurationText(stats.durations.quantileNs(0.95)) + " vs "
                 + findingDurationText(fastest.durations.quantileNs(0.95)) + " in "
                 + regression.fastest->first;
    if (regression.errors)
        title += std::string(regression.latency ? "," : "") + " error rate "
                 + formatShare(stats.errorRate()) + " vs " + formatShare(fewestErrors.errorRate())
                 + " in " + regression.fewestErrors->first;
    finding.title = title + " — version regression";

    // The regressed version, the ones it is compared with, then the other versions with enough
    // samples, in version order.
    std::vector<Versions::const_iterator> shown{regression.version, regression.fastest};
    if (regression.fewestErrors != regression.fastest)
        shown.push_back(regression.fewestErrors);
    for (auto it = versions.begin(); it != versions.end(); ++it) {
        if (it->second.durations.count() >= m_thresholds.versionMinSamples
            && std::find(shown.begin(), shown.end(), it) == shown.end())
            shown.push_back(it);
    }
    for (auto it : shown) {
        const VersionStats &version = it->second;
        finding.facts.push_back(
            {it->first + " samples", std::to_string(version.durations.count())});
        finding.facts.push_back(
            {it->first + " p50", findingDurationText(version.durations.quantileNs(0.5))});
        finding.facts.push_back(
            {it->first + " p95", findingDurationText(version.durations.quantileNs(0.95))});
        finding.facts.push_back({it->first + " error rate", formatShare(version.errorRate())});
    }
    const std::string &baseline
        = regression.latency ? regression.fastest->first : regression.fewestErrors->first;
    finding.fixHint = "Look at what changed between " + baseline + " and " + name
                      + " in this operation (its queries, indexes, locks, dependencies, settings) "
                        "by opening an example next to a trace of "
                      + baseline + "; roll back if the fix cannot wait.";
    return finding;
}

} // namespace kansoku
