#include "analysis/run_comparison.h"

#include "core/time_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

namespace kansoku {

namespace {

// Walks two vectors sorted by keyOf together and calls visit(before, after) once per key, with
// nullptr for the side that lacks it.
template<typename Row, typename KeyOf, typename Visit>
void forEachPair(const std::vector<Row> &before, const std::vector<Row> &after, KeyOf keyOf,
                 Visit visit)
{
    auto b = before.begin();
    auto a = after.begin();
    while (b != before.end() || a != after.end()) {
        if (a == after.end() || (b != before.end() && keyOf(*b) < keyOf(*a))) {
            visit(&*b, nullptr);
            ++b;
        } else if (b == before.end() || keyOf(*a) < keyOf(*b)) {
            visit(nullptr, &*a);
            ++a;
        } else {
            visit(&*b, &*a);
            ++b;
            ++a;
        }
    }
}

RowPresence presenceOf(const void *before, const void *after)
{
    if (before && after)
        return RowPresence::Both;
    return before ? RowPresence::Vanished : RowPresence::Appeared;
}

std::int64_t requestsOf(const RunProfile &profile, const std::string &service,
                        const std::string &operation)
{
    const OperationProfile *found = profile.findOperation(service, operation);
    return found ? found->requests : 0;
}

void finishRow(ComparisonRow &row, const RunComparisonOptions &options)
{
    row.impactNs = std::fabs(row.timePerRequestNs.change)
                   * double(std::max(row.requestsBefore, row.requestsAfter));
    row.enoughSamples
        = row.presence == RowPresence::Both && row.requestsBefore >= options.minRequests
          && row.requestsAfter >= options.minRequests
          && (row.kind == ComparisonRowKind::Operation
              || (row.callsBefore >= options.minRequests && row.callsAfter >= options.minRequests));
}

ComparisonRow operationRow(const OperationProfile *before, const OperationProfile *after,
                           const RunComparisonOptions &options)
{
    const OperationProfile empty;
    const OperationProfile &b = before ? *before : empty;
    const OperationProfile &a = after ? *after : empty;
    ComparisonRow row;
    row.kind = ComparisonRowKind::Operation;
    row.presence = presenceOf(before, after);
    row.service = before ? before->service : after->service;
    row.operation = before ? before->operation : after->operation;
    row.requestsBefore = b.requests;
    row.requestsAfter = a.requests;
    row.callsBefore = b.calls;
    row.callsAfter = a.calls;
    row.callsPerRequest = MetricChange::between(b.callsPerRequest(), a.callsPerRequest());
    row.p50Ns = MetricChange::between(double(b.p50Ns), double(a.p50Ns));
    row.p95Ns = MetricChange::between(double(b.p95Ns), double(a.p95Ns));
    row.errorRate = MetricChange::between(b.errorRate(), a.errorRate());
    row.timePerRequestNs = MetricChange::between(b.meanLatencyNs(), a.meanLatencyNs());
    finishRow(row, options);
    return row;
}

ComparisonRow statementRow(const RunProfile &beforeRun, const RunProfile &afterRun,
                           const StatementProfile *before, const StatementProfile *after,
                           const RunComparisonOptions &options)
{
    const StatementProfile empty;
    const StatementProfile &b = before ? *before : empty;
    const StatementProfile &a = after ? *after : empty;
    const StatementProfile &known = before ? *before : *after;
    ComparisonRow row;
    row.kind = ComparisonRowKind::Statement;
    row.presence = presenceOf(before, after);
    row.service = known.service;
    row.operation = known.operation;
    row.statement = known.statement;
    // The endpoint may have run in a run where the statement did not: its calls there are 0 per
    // request of all its requests.
    row.requestsBefore = requestsOf(beforeRun, row.service, row.operation);
    row.requestsAfter = requestsOf(afterRun, row.service, row.operation);
    row.callsBefore = b.calls;
    row.callsAfter = a.calls;
    const auto perRequest = [](double value, std::int64_t requests) {
        return requests > 0 ? value / double(requests) : 0.0;
    };
    row.callsPerRequest = MetricChange::between(perRequest(double(b.calls), row.requestsBefore),
                                                perRequest(double(a.calls), row.requestsAfter));
    row.p50Ns = MetricChange::between(double(b.p50Ns), double(a.p50Ns));
    row.p95Ns = MetricChange::between(double(b.p95Ns), double(a.p95Ns));
    row.errorRate = MetricChange::between(b.errorRate(), a.errorRate());
    row.timePerRequestNs
        = MetricChange::between(perRequest(double(b.totalDurationNs), row.requestsBefore),
                                perRequest(double(a.totalDurationNs), row.requestsAfter));
    finishRow(row, options);
    return row;
}

// "50", "1.5", "0.33": at most two decimals, no trailing zeros.
std::string formatNumber(double value)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.2f", value);
    std::string out = text;
    while (out.back() == '0')
        out.pop_back();
    if (out.back() == '.')
        out.pop_back();
    return out;
}

std::string formatPercent(const MetricChange &change)
{
    if (!change.changePercent)
        return "from none";
    char text[64];
    std::snprintf(text, sizeof text, "%+.0f%%", *change.changePercent);
    return text;
}

std::string formatNs(double ns)
{
    return formatDurationNs(std::llround(ns)).toStdString();
}

std::string rowName(const ComparisonRow &row)
{
    std::string name = row.service + ' ' + row.operation;
    if (!row.statement.empty())
        name += " `" + row.statement + '`';
    return name;
}

// Whether value grew by more than thresholdPercent of what it was (any growth from 0).
bool grewBeyond(const MetricChange &value, double thresholdPercent)
{
    return value.change > 0 && value.change * 100.0 > value.before * thresholdPercent;
}

int statusOrder(FindingStatus status)
{
    switch (status) {
    case FindingStatus::New:
        return 0;
    case FindingStatus::Persisting:
        return 1;
    case FindingStatus::Fixed:
        return 2;
    }
    return 3;
}

} // namespace

const char *comparisonRowKindId(ComparisonRowKind kind)
{
    switch (kind) {
    case ComparisonRowKind::Operation:
        return "operation";
    case ComparisonRowKind::Statement:
        return "statement";
    }
    return "unknown";
}

const char *rowPresenceId(RowPresence presence)
{
    switch (presence) {
    case RowPresence::Both:
        return "both";
    case RowPresence::Appeared:
        return "appeared";
    case RowPresence::Vanished:
        return "vanished";
    }
    return "unknown";
}

const char *findingStatusId(FindingStatus status)
{
    switch (status) {
    case FindingStatus::New:
        return "new";
    case FindingStatus::Persisting:
        return "persisting";
    case FindingStatus::Fixed:
        return "fixed";
    }
    return "unknown";
}

const char *worseReasonKindId(WorseReasonKind kind)
{
    switch (kind) {
    case WorseReasonKind::P95:
        return "p95";
    case WorseReasonKind::CallsPerRequest:
        return "calls_per_request";
    case WorseReasonKind::NewFinding:
        return "new_finding";
    }
    return "unknown";
}

MetricChange MetricChange::between(double before, double after)
{
    MetricChange metric;
    metric.before = before;
    metric.after = after;
    metric.change = after - before;
    if (before != 0)
        metric.changePercent = 100.0 * metric.change / before;
    else if (after == 0)
        metric.changePercent = 0.0;
    return metric;
}

RunComparison RunComparison::compare(const RunProfile &before, const RunProfile &after,
                                     const RunComparisonOptions &options)
{
    RunComparison comparison;
    comparison.options = options;
    comparison.before = {before.traceCount, before.spanCount, before.range};
    comparison.after = {after.traceCount, after.spanCount, after.range};

    forEachPair(
        before.operations, after.operations,
        [](const OperationProfile &row) { return std::tie(row.service, row.operation); },
        [&](const OperationProfile *b, const OperationProfile *a) {
            comparison.rows.push_back(operationRow(b, a, options));
        });
    forEachPair(
        before.statements, after.statements,
        [](const StatementProfile &row) {
            return std::tie(row.service, row.operation, row.statement);
        },
        [&](const StatementProfile *b, const StatementProfile *a) {
            comparison.rows.push_back(statementRow(before, after, b, a, options));
        });
    std::sort(comparison.rows.begin(), comparison.rows.end(),
              [](const ComparisonRow &x, const ComparisonRow &y) {
                  if (x.impactNs != y.impactNs)
                      return x.impactNs > y.impactNs;
                  return std::tie(x.kind, x.service, x.operation, x.statement)
                         < std::tie(y.kind, y.service, y.operation, y.statement);
              });

    forEachPair(
        before.findings, after.findings, [](const FindingSummary &summary) { return summary.key; },
        [&](const FindingSummary *b, const FindingSummary *a) {
            FindingComparison finding;
            finding.status = b && a ? FindingStatus::Persisting
                                    : (a ? FindingStatus::New : FindingStatus::Fixed);
            if (b)
                finding.before = *b;
            if (a)
                finding.after = *a;
            finding.worse = finding.status == FindingStatus::New
                            && a->severity >= options.minNewFindingSeverity;
            comparison.findings.push_back(std::move(finding));
        });
    std::stable_sort(comparison.findings.begin(), comparison.findings.end(),
                     [](const FindingComparison &x, const FindingComparison &y) {
                         if (x.status != y.status)
                             return statusOrder(x.status) < statusOrder(y.status);
                         const FindingSummary &fx = x.latest();
                         const FindingSummary &fy = y.latest();
                         if (fx.severity != fy.severity)
                             return fx.severity > fy.severity;
                         if (fx.costNsPerRequest != fy.costNsPerRequest)
                             return fx.costNsPerRequest > fy.costNsPerRequest;
                         return fx.key < fy.key;
                     });

    // The verdict: rows present in both runs with enough samples, then new findings. Rows that
    // appeared or vanished do not count: a fix often replaces one statement with another.
    for (std::size_t index = 0; index < comparison.rows.size(); ++index) {
        ComparisonRow &row = comparison.rows[index];
        if (!row.enoughSamples)
            continue;
        if (grewBeyond(row.p95Ns, options.thresholdPercent)
            && row.p95Ns.change >= double(options.minLatencyChangeNs)) {
            row.worse = true;
            comparison.reasons.push_back({WorseReasonKind::P95, index,
                                          rowName(row) + ": p95 " + formatNs(row.p95Ns.before)
                                              + " → " + formatNs(row.p95Ns.after) + " ("
                                              + formatPercent(row.p95Ns) + ")"});
        }
        if (grewBeyond(row.callsPerRequest, options.thresholdPercent)) {
            row.worse = true;
            comparison.reasons.push_back({WorseReasonKind::CallsPerRequest, index,
                                          rowName(row) + ": calls per request "
                                              + formatNumber(row.callsPerRequest.before) + " → "
                                              + formatNumber(row.callsPerRequest.after) + " ("
                                              + formatPercent(row.callsPerRequest) + ")"});
        }
    }
    for (std::size_t index = 0; index < comparison.findings.size(); ++index) {
        const FindingComparison &finding = comparison.findings[index];
        if (!finding.worse)
            continue;
        comparison.reasons.push_back({WorseReasonKind::NewFinding, index,
                                      std::string("new finding (")
                                          + findingSeverityId(finding.after->severity)
                                          + "): " + finding.after->title});
    }
    comparison.worse = !comparison.reasons.empty();
    return comparison;
}

} // namespace kansoku
