#include "analysis/error_hotspot_detector.h"

#include "analysis/finding_text.h"

#include <algorithm>

namespace kansoku {

namespace {

constexpr char keySeparator = '\x1f';

std::string causeForTitle(const FailureCause &cause)
{
    return cause.kind == FailureCauseKind::StatusMessage ? '"' + cause.text + '"' : cause.text;
}

FindingFact causeFact(const FailureCause &cause)
{
    switch (cause.kind) {
    case FailureCauseKind::ExceptionType:
        return {"exception type", cause.text};
    case FailureCauseKind::StatusMessage:
        return {"status message", cause.text};
    case FailureCauseKind::HttpStatus:
        return {"HTTP status", cause.text.substr(cause.text.find(' ') + 1)};
    case FailureCauseKind::GrpcStatus:
        return {"gRPC status", cause.text.substr(cause.text.find(' ') + 1)};
    case FailureCauseKind::Unspecified:
        break;
    }
    return {"cause", "an error status without exception, message, HTTP or gRPC status"};
}

} // namespace

ErrorHotspotDetector::ErrorHotspotDetector(const FindingThresholds &thresholds)
    : m_thresholds(thresholds)
{}

void ErrorHotspotDetector::addTrace(const PreparedTrace &trace)
{
    std::vector<int> &failing = m_failing;
    failing.clear();
    for (int i = 0; i < trace.spanCount(); ++i) {
        if (spanFailed(trace.span(i)))
            failing.push_back(i);
    }
    if (failing.empty())
        return;

    std::vector<int> failingPosition(std::size_t(trace.spanCount()), -1);
    std::vector<FailureCause> causes;
    causes.reserve(failing.size());
    for (std::size_t i = 0; i < failing.size(); ++i) {
        failingPosition[std::size_t(failing[i])] = int(i);
        causes.push_back(failureCauseOf(trace.span(failing[i])));
    }

    // An error was passed up from a failing descendant in the same request when it carries the
    // same cause, or when it records no exception of its own while the failure below does (the
    // exception explains it better): PaymentDeclined on the call, then "payment failed" on the
    // handler and HTTP 502 on the request. Only the deepest failure, where it started, counts.
    const auto passedUp = [&](int ancestor, int position) {
        const FailureCause &above = causes[std::size_t(ancestor)];
        const FailureCause &below = causes[std::size_t(position)];
        return above == below
               || (above.kind != FailureCauseKind::ExceptionType
                   && below.kind == FailureCauseKind::ExceptionType);
    };
    std::vector<bool> reraised(failing.size(), false);
    std::vector<int> nearestFailingAncestor(failing.size(), -1);
    std::vector<std::pair<int, int>> pending; // span, position of its nearest failing ancestor
    for (int root : trace.roots())
        pending.emplace_back(root, -1);
    while (!pending.empty()) {
        auto [index, ancestor] = pending.back();
        pending.pop_back();
        if (const int position = failingPosition[std::size_t(index)]; position >= 0) {
            nearestFailingAncestor[std::size_t(position)] = ancestor;
            // Up the chain of failing ancestors in this request, as far as each passed it up.
            for (int above = ancestor;
                 above >= 0 && trace.endpoint(failing[std::size_t(above)]) == trace.endpoint(index)
                 && passedUp(above, position);
                 above = nearestFailingAncestor[std::size_t(above)])
                reraised[std::size_t(above)] = true;
            ancestor = position;
        }
        for (int child : trace.children(index))
            pending.emplace_back(child, ancestor);
    }

    // The trace's errors by group key; equal keys in span (start) order.
    std::vector<std::pair<std::string, int>> keyed;
    for (std::size_t i = 0; i < failing.size(); ++i) {
        if (reraised[i])
            continue;
        const int index = failing[i];
        const AnalysisSpan &span = trace.span(index);
        const AnalysisSpan &endpoint = trace.span(trace.endpoint(index));
        const CallIdentity &call = trace.call(index);
        std::string key = endpoint.service;
        for (const std::string *part :
             {&endpoint.name, &span.service, call.isCall() ? &call.statement : &span.name}) {
            key += keySeparator;
            key += *part;
        }
        key += keySeparator;
        key += char('0' + int(causes[i].kind));
        key += causes[i].text;
        keyed.emplace_back(std::move(key), int(i));
    }
    std::sort(keyed.begin(), keyed.end());

    std::vector<int> spans;
    for (std::size_t begin = 0; begin < keyed.size();) {
        std::size_t end = begin;
        spans.clear();
        while (end < keyed.size() && keyed[end].first == keyed[begin].first)
            spans.push_back(failing[std::size_t(keyed[end++].second)]);
        addGroupInTrace(trace, keyed[begin].first, spans, causes[std::size_t(keyed[begin].second)]);
        begin = end;
    }
}

void ErrorHotspotDetector::addGroupInTrace(const PreparedTrace &trace, const std::string &key,
                                           const std::vector<int> &spans, const FailureCause &cause)
{
    const AnalysisSpan &first = trace.span(spans.front());
    auto [entry, inserted] = m_groups.try_emplace(key);
    Group &group = entry->second;
    if (inserted) {
        const CallIdentity &call = trace.call(spans.front());
        group.endpoint = EndpointStatistics::keyOf(trace, trace.endpoint(spans.front()));
        group.spanService = first.service;
        group.isCall = call.isCall();
        group.operation = group.isCall ? call.statement : first.name;
        group.cause = cause;
        group.firstStartNs = first.startTimeNs;
        group.lastEndNs = first.endTimeNs;
    }
    group.errors += std::int64_t(spans.size());
    ++group.traces;

    FindingExample example{trace.traceId(), {}, 0};
    std::vector<std::pair<int, std::int64_t>> requests; // endpoint span, failed time in it
    for (int index : spans) {
        const AnalysisSpan &span = trace.span(index);
        example.spanIds.push_back(span.spanId);
        group.firstStartNs = std::min(group.firstStartNs, span.startTimeNs);
        group.lastEndNs = std::max(group.lastEndNs, span.endTimeNs);
        const std::string &message = span.statusMessage;
        if (!message.empty()
            && (group.exampleMessage.empty() || span.startTimeNs < group.exampleMessageStartNs
                || (span.startTimeNs == group.exampleMessageStartNs
                    && errorMessageLine(message) < group.exampleMessage))) {
            group.exampleMessage = errorMessageLine(message);
            group.exampleMessageStartNs = span.startTimeNs;
        }
        requests.emplace_back(trace.endpoint(index), span.durationNs());
    }
    // One entry per request, with the time of its failed spans.
    std::sort(requests.begin(), requests.end());
    std::size_t kept = 0;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        if (kept > 0 && requests[kept - 1].first == requests[i].first)
            requests[kept - 1].second += requests[i].second;
        else
            requests[kept++] = requests[i];
    }
    requests.resize(kept);

    // A failed request cost all its time; one that recovered, the time of its failed calls.
    for (const auto &[endpoint, failedCallsNs] : requests) {
        const AnalysisSpan &request = trace.span(endpoint);
        const bool requestFailed = spanFailed(request);
        const std::int64_t costNs
            = requestFailed ? request.durationNs() : std::min(failedCallsNs, request.durationNs());
        ++group.requests;
        group.failedRequests += requestFailed ? 1 : 0;
        group.costNs += costNs;
        example.costNs += costNs;
    }
    group.examples.offer(std::move(example));
}

std::vector<Finding> ErrorHotspotDetector::findings(const EndpointStatistics &endpoints) const
{
    std::vector<Finding> found;
    for (const auto &[key, group] : m_groups) {
        if (group.errors >= m_thresholds.errorMinCount)
            found.push_back(findingOf(group, endpoints));
    }
    // Most errors first; equal counts keep the key order of the map.
    std::stable_sort(found.begin(), found.end(), [](const Finding &a, const Finding &b) {
        return a.occurrences > b.occurrences;
    });
    return found;
}

Finding ErrorHotspotDetector::findingOf(const Group &group,
                                        const EndpointStatistics &endpoints) const
{
    const EndpointTotals totals = endpoints.totals(group.endpoint);
    const double requestShare
        = totals.requests > 0 ? double(group.requests) / double(totals.requests) : 0.0;
    const bool inEndpointSpan = !group.isCall && group.spanService == group.endpoint.service
                                && group.operation == group.endpoint.operation;

    Finding finding;
    finding.kind = FindingKind::ErrorHotspot;
    finding.service = group.endpoint.service;
    finding.operation = group.endpoint.operation;
    if (group.isCall)
        finding.statement = group.operation;
    finding.occurrences = group.errors;
    finding.affectedTraces = group.traces;
    finding.endpointTraces = totals.traces;
    finding.totalCostNs = group.costNs;
    finding.costNsPerRequest = double(group.costNs) / double(group.requests);
    finding.latencyShare = totals.totalLatencyNs > 0
                               ? std::min(1.0, double(group.costNs) / double(totals.totalLatencyNs))
                               : 0.0;
    finding.severity = m_thresholds.severityFor(finding.costNsPerRequest, finding.latencyShare);
    finding.examples = group.examples.worstFirst();
    finding.range = {group.firstStartNs, group.lastEndNs};

    finding.title = group.endpoint.service + ' ' + group.endpoint.operation + ": "
                    + causeForTitle(group.cause)
                    + (inEndpointSpan ? std::string() : " at `" + group.operation + '`') + ' '
                    + std::to_string(group.errors) + "× in " + formatShare(requestShare)
                    + " of requests — error hotspot";

    finding.facts.push_back({"errors", std::to_string(group.errors)});
    finding.facts.push_back({"requests with the error", std::to_string(group.requests) + " of "
                                                            + std::to_string(totals.requests) + " ("
                                                            + formatShare(requestShare) + ')'});
    finding.facts.push_back({"requests that failed", std::to_string(group.failedRequests) + " of "
                                                         + std::to_string(group.requests)});
    finding.facts.push_back(causeFact(group.cause));
    if (!group.exampleMessage.empty())
        finding.facts.push_back({"first message", group.exampleMessage});
    if (!inEndpointSpan) {
        finding.facts.push_back({group.isCall ? "failing call" : "failing span",
                                 group.spanService + ' ' + group.operation});
    }
    if (!finding.examples.empty()) {
        finding.facts.push_back(
            {"logs", "search the logs for trace:" + toHex(finding.examples.front().traceId)});
    }

    finding.fixHint
        = "Open the worst example and its logs to see where " + causeForTitle(group.cause)
          + " starts; fix it there, or handle it (retry with back-off, a fallback, a "
            "clear 4xx for bad input) so it stops failing "
          + formatShare(requestShare) + " of " + group.endpoint.operation + " requests.";
    return finding;
}

} // namespace kansoku
