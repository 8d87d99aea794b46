#include "analysis/run_profile.h"

#include <algorithm>
#include <tuple>

namespace kansoku {

namespace {

double ratio(std::int64_t numerator, std::int64_t denominator)
{
    return denominator > 0 ? double(numerator) / double(denominator) : 0.0;
}

} // namespace

double OperationProfile::errorRate() const
{
    return ratio(errors, requests);
}

double OperationProfile::callsPerRequest() const
{
    return ratio(calls, requests);
}

double OperationProfile::meanLatencyNs() const
{
    return ratio(totalLatencyNs, requests);
}

double StatementProfile::callsPerRequest() const
{
    return ratio(calls, endpointRequests);
}

double StatementProfile::errorRate() const
{
    return ratio(errors, calls);
}

double StatementProfile::timePerRequestNs() const
{
    return ratio(totalDurationNs, endpointRequests);
}

FindingSummary FindingSummary::of(const Finding &finding)
{
    FindingSummary summary;
    summary.key = {finding.kind, finding.service, finding.operation, finding.statement};
    summary.title = finding.title;
    summary.severity = finding.severity;
    summary.costNsPerRequest = finding.costNsPerRequest;
    summary.occurrences = finding.occurrences;
    summary.affectedTraces = finding.affectedTraces;
    return summary;
}

bool FindingSummary::isWorseThan(const FindingSummary &other) const
{
    if (severity != other.severity)
        return severity > other.severity;
    if (costNsPerRequest != other.costNsPerRequest)
        return costNsPerRequest > other.costNsPerRequest;
    return title < other.title;
}

const OperationProfile *RunProfile::findOperation(const std::string &service,
                                                  const std::string &operation) const
{
    const auto found
        = std::lower_bound(operations.begin(), operations.end(), std::tie(service, operation),
                           [](const OperationProfile &row, const auto &key) {
                               return std::tie(row.service, row.operation) < key;
                           });
    if (found == operations.end() || found->service != service || found->operation != operation)
        return nullptr;
    return &*found;
}

const StatementProfile *RunProfile::findStatement(const std::string &service,
                                                  const std::string &operation,
                                                  const std::string &statement) const
{
    const auto key = std::tie(service, operation, statement);
    const auto found
        = std::lower_bound(statements.begin(), statements.end(), key,
                           [](const StatementProfile &row, const auto &wanted) {
                               return std::tie(row.service, row.operation, row.statement) < wanted;
                           });
    if (found == statements.end()
        || std::tie(found->service, found->operation, found->statement) != key)
        return nullptr;
    return &*found;
}

const FindingSummary *RunProfile::findFinding(const FindingKey &key) const
{
    const auto found
        = std::lower_bound(findings.begin(), findings.end(), key,
                           [](const FindingSummary &summary, const FindingKey &wanted) {
                               return summary.key < wanted;
                           });
    if (found == findings.end() || found->key != key)
        return nullptr;
    return &*found;
}

} // namespace kansoku
