#include "analysis/start_delay_detector.h"

#include "analysis/finding_text.h"
#include "analysis/statement_normalizer.h"

#include <algorithm>
#include <tuple>

namespace kansoku {

StartDelayDetector::StartDelayDetector(const FindingThresholds &thresholds)
    : m_thresholds(thresholds)
{}

void StartDelayDetector::addTrace(const PreparedTrace &trace)
{
    ++m_traceNumber;
    for (int parent = 0; parent < trace.spanCount(); ++parent) {
        if (!trace.children(parent).empty())
            addParent(trace, parent);
    }
}

void StartDelayDetector::addParent(const PreparedTrace &trace, int parent)
{
    const AnalysisSpan &parentSpan = trace.span(parent);
    m_delayed.clear();
    // The children come in start order: the parent is idle from its start, or from the latest
    // end of the children before, until the next child starts.
    std::int64_t idleSinceNs = parentSpan.startTimeNs;
    for (int child : trace.children(parent)) {
        const AnalysisSpan &span = trace.span(child);
        const std::int64_t readyNs = idleSinceNs;
        idleSinceNs = std::max(idleSinceNs, span.endTimeNs);
        // An outgoing call starts when the parent's code sends it: the time before is the
        // parent's own (perhaps uninstrumented) work, not a wait.
        if (span.kind == SpanKind::Client || span.kind == SpanKind::Producer)
            continue;
        // Nor does a request or message handler's own internal span wait: it starts when the
        // handler's code reaches it.
        const bool internal = span.kind == SpanKind::Internal || span.kind == SpanKind::Unspecified;
        if (internal && span.service == parentSpan.service
            && (parentSpan.kind == SpanKind::Server || parentSpan.kind == SpanKind::Consumer))
            continue;
        // Before a server span under its client call lie the network and the connection (a
        // connect stall is its own finding) and, between two hosts, their clocks' skew.
        if (span.kind == SpanKind::Server && parentSpan.kind == SpanKind::Client)
            continue;
        m_keyBuffer.assign(span.service)
            .append(1, '\n')
            .append(StatementNormalizer::spanName(span.name));
        auto [found, inserted] = m_groups.try_emplace(m_keyBuffer);
        Group &group = found->second;
        if (inserted) {
            group.service = span.service;
            group.name = m_keyBuffer.substr(span.service.size() + 1);
        }
        ++group.spans;
        if (group.lastTrace != m_traceNumber) {
            group.lastTrace = m_traceNumber;
            ++group.traces;
        }
        const std::int64_t gapNs = span.startTimeNs - readyNs;
        // The parent's time, to the child's end when the child outlives it (a consumer
        // after its producer).
        const std::int64_t timeNs
            = std::max(parentSpan.endTimeNs, span.endTimeNs) - parentSpan.startTimeNs;
        if (gapNs >= m_thresholds.startDelayMinNs
            && double(gapNs) >= m_thresholds.startDelayMinShare * double(timeNs)) {
            group.delays.add(gapNs);
            m_delayed.push_back({&group, child, readyNs});
        }
    }
    if (m_delayed.empty())
        return;
    // One tally entry per group and parent; the order of the groups does not matter.
    std::stable_sort(m_delayed.begin(), m_delayed.end(),
                     [](const Delayed &a, const Delayed &b) { return a.group < b.group; });
    for (auto begin = m_delayed.begin(); begin != m_delayed.end();) {
        const auto end = std::find_if(begin, m_delayed.end(),
                                      [&](const Delayed &d) { return d.group != begin->group; });
        tallyParent(trace, parent, begin, end);
        begin = end;
    }
}

void StartDelayDetector::tallyParent(const PreparedTrace &trace, int parent,
                                     std::vector<Delayed>::iterator begin,
                                     std::vector<Delayed>::iterator end)
{
    const AnalysisSpan &parentSpan = trace.span(parent);
    Group &group = *begin->group;
    // A child's wait begins after every earlier sibling ended, so the waits of one parent's
    // children never overlap: they add up.
    std::int64_t waitNs = 0;
    std::int64_t lastEndNs = parentSpan.endTimeNs;
    std::vector<int> children;
    for (auto it = begin; it != end; ++it) {
        const AnalysisSpan &span = trace.span(it->child);
        waitNs += span.startTimeNs - it->readyNs;
        lastEndNs = std::max(lastEndNs, span.endTimeNs);
        children.push_back(it->child);
    }
    TalliedRequest request;
    request.latencyNs = lastEndNs - parentSpan.startTimeNs;
    request.addGroup(trace, children, waitNs);
    request.firstNs = std::min(request.firstNs, parentSpan.startTimeNs);
    group.tally.add(trace, request);
    group.parents[StatementNormalizer::spanName(parentSpan.name)] += std::int64_t(children.size());
}

std::vector<Finding> StartDelayDetector::findings(const EndpointStatistics &endpoints) const
{
    std::vector<const Group *> reported;
    for (const auto &entry : m_groups) {
        if (entry.second.delays.count() >= m_thresholds.startDelayMinSpans)
            reported.push_back(&entry.second);
    }
    std::sort(reported.begin(), reported.end(), [](const Group *a, const Group *b) {
        return std::tie(a->service, a->name) < std::tie(b->service, b->name);
    });
    std::vector<Finding> found;
    for (const Group *group : reported)
        found.push_back(findingFor(*group, endpoints));
    return found;
}

Finding StartDelayDetector::findingFor(const Group &group,
                                       const EndpointStatistics &endpoints) const
{
    // The parent the delayed spans wait under most often (the first of equal ones).
    const auto parent
        = std::max_element(group.parents.begin(), group.parents.end(),
                           [](const auto &a, const auto &b) { return a.second < b.second; });
    const DurationSample &delays = group.delays;
    Finding finding = group.tally.finding(FindingKind::StartDelay, {group.service, parent->first},
                                          group.name, endpoints, m_thresholds);
    // Counted here rather than by endpoint: the parent's name may carry a run's number.
    finding.occurrences = delays.count();
    finding.endpointTraces = group.traces;
    const std::string delayed
        = std::to_string(delays.count()) + " of " + std::to_string(group.spans);
    finding.title = group.service + ": `" + abbreviatedStatement(group.name) + "` starts "
                    + findingDurationText(delays.medianNs()) + " (p50) after `"
                    + abbreviatedStatement(parent->first)
                    + "` — waiting before work starts (scheduling or queueing) in " + delayed + ", "
                    + formatShare(finding.latencyShare) + " of the parents' time";
    finding.facts = {
        {"delayed", delayed},
        {"delay p50", findingDurationText(delays.medianNs())},
        {"delay p95", findingDurationText(delays.quantileNs(0.95))},
        {"delay max", findingDurationText(delays.maxNs())},
        {"share", formatShare(finding.latencyShare)},
        {"parent", parent->first},
    };
    finding.fixHint
        = "Find what the work waited for. Pending pods: read the scheduler's events (`kubectl "
          "describe pod`: FailedScheduling, Insufficient cpu or memory), then lower the resource "
          "requests, add node capacity or raise the priority. Queues: add consumers, raise their "
          "concurrency or prefetch.";
    return finding;
}

} // namespace kansoku
