#include "analysis/run_profile_builder.h"

#include "analysis/span_failure.h"

#include <algorithm>
#include <functional>
#include <tuple>

namespace kansoku {

std::size_t RunProfileBuilder::EndpointKeyHash::operator()(const EndpointKeyView &key) const
{
    const std::size_t service = std::hash<std::string_view>{}(key.service);
    const std::size_t operation = std::hash<std::string_view>{}(key.operation);
    return service ^ (operation + 0x9e3779b97f4a7c15ULL + (service << 6) + (service >> 2));
}

void RunProfileBuilder::addTrace(const PreparedTrace &trace)
{
    const int spanCount = trace.spanCount();
    for (int index = 0; index < spanCount; ++index) {
        const AnalysisSpan &span = trace.span(index);
        m_firstStartNs = std::min(m_firstStartNs, span.startTimeNs);
        m_lastEndNs = std::max(m_lastEndNs, span.endTimeNs);
    }

    m_endpointOfSpan.assign(std::size_t(spanCount), nullptr);
    for (int endpointSpan : trace.endpointSpans()) {
        const AnalysisSpan &span = trace.span(endpointSpan);
        // The same key as EndpointStatistics::keyOf.
        auto found = m_endpoints.find(EndpointKeyView{span.service, span.name});
        if (found == m_endpoints.end())
            found = m_endpoints.try_emplace(EndpointStatistics::keyOf(trace, endpointSpan)).first;
        EndpointAccumulator &endpoint = found->second;
        endpoint.latencies.add(span.durationNs());
        if (spanFailed(span))
            ++endpoint.errors;
        m_endpointOfSpan[std::size_t(endpointSpan)] = &endpoint;
    }

    for (int index = 0; index < spanCount; ++index) {
        const CallIdentity &call = trace.call(index);
        const int endpointSpan = trace.endpoint(index);
        if (!call.isCall() || endpointSpan == index)
            continue;
        EndpointAccumulator &endpoint = *m_endpointOfSpan[std::size_t(endpointSpan)];
        auto found = endpoint.statements.find(call.statement);
        if (found == endpoint.statements.end()) {
            found = endpoint.statements.try_emplace(call.statement).first;
            found->second.callKind = call.kind;
            found->second.system = call.system;
        }
        const AnalysisSpan &span = trace.span(index);
        found->second.durations.add(span.durationNs());
        if (spanFailed(span))
            ++found->second.errors;
    }

    ++m_traceCount;
    m_spanCount += spanCount;
}

void RunProfileBuilder::addFindings(const std::vector<Finding> &findings)
{
    for (const Finding &finding : findings) {
        FindingSummary summary = FindingSummary::of(finding);
        auto [entry, inserted] = m_findings.try_emplace(summary.key, summary);
        if (!inserted && summary.isWorseThan(entry->second))
            entry->second = std::move(summary);
    }
}

RunProfile RunProfileBuilder::profile() const
{
    RunProfile profile;
    profile.traceCount = m_traceCount;
    profile.spanCount = m_spanCount;
    if (m_spanCount > 0)
        profile.range = {m_firstStartNs, m_lastEndNs};

    profile.operations.reserve(m_endpoints.size());
    for (const auto &[key, endpoint] : m_endpoints) {
        OperationProfile operation;
        operation.service = key.service;
        operation.operation = key.operation;
        operation.requests = endpoint.latencies.count();
        operation.errors = endpoint.errors;
        operation.totalLatencyNs = endpoint.latencies.totalNs();
        operation.p50Ns = endpoint.latencies.quantileNs(0.5);
        operation.p95Ns = endpoint.latencies.quantileNs(0.95);
        for (const auto &[statementText, statement] : endpoint.statements) {
            StatementProfile row;
            row.service = key.service;
            row.operation = key.operation;
            row.statement = statementText;
            row.callKind = statement.callKind;
            row.system = statement.system;
            row.endpointRequests = operation.requests;
            row.calls = statement.durations.count();
            row.errors = statement.errors;
            row.totalDurationNs = statement.durations.totalNs();
            row.p50Ns = statement.durations.quantileNs(0.5);
            row.p95Ns = statement.durations.quantileNs(0.95);
            operation.calls += row.calls;
            profile.statements.push_back(std::move(row));
        }
        profile.operations.push_back(std::move(operation));
    }
    std::sort(profile.operations.begin(), profile.operations.end(),
              [](const OperationProfile &a, const OperationProfile &b) {
                  return std::tie(a.service, a.operation) < std::tie(b.service, b.operation);
              });
    std::sort(profile.statements.begin(), profile.statements.end(),
              [](const StatementProfile &a, const StatementProfile &b) {
                  return std::tie(a.service, a.operation, a.statement)
                         < std::tie(b.service, b.operation, b.statement);
              });

    profile.findings.reserve(m_findings.size());
    for (const auto &[key, summary] : m_findings)
        profile.findings.push_back(summary);
    return profile;
}

} // namespace kansoku
