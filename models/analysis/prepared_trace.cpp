#include "analysis/prepared_trace.h"

#include "analysis/request_calls.h"

#include <algorithm>
#include <utility>

namespace kansoku {

namespace {

bool isRequestSpan(const AnalysisSpan &span)
{
    return span.kind == SpanKind::Server || span.kind == SpanKind::Consumer;
}

} // namespace

PreparedTrace::PreparedTrace(const AnalysisTrace &trace)
    : m_trace(&trace)
{
    const std::size_t count = trace.spans.size();
    m_calls.reserve(count);
    for (const AnalysisSpan &span : trace.spans)
        m_calls.push_back(identifyCall(span));

    // Parents by binary search over the sorted span ids (no hashing of every id).
    std::vector<std::pair<SpanId, int>> byId;
    byId.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        byId.emplace_back(trace.spans[i].spanId, int(i));
    std::sort(byId.begin(), byId.end());
    m_parents.assign(count, -1);
    for (std::size_t i = 0; i < count; ++i) {
        const AnalysisSpan &span = trace.spans[i];
        if (span.isRoot())
            continue;
        const auto found
            = std::lower_bound(byId.begin(), byId.end(), std::make_pair(span.parentSpanId, -1));
        if (found != byId.end() && found->first == span.parentSpanId && found->second != int(i))
            m_parents[i] = found->second;
    }

    // Walk down from the spans without a parent; what the walk never reaches sits in a parent
    // loop and is cut loose to stand as a root of its own.
    m_children.assign(count, {});
    for (std::size_t i = 0; i < count; ++i) {
        if (m_parents[i] >= 0)
            m_children[std::size_t(m_parents[i])].push_back(int(i));
    }
    const auto byStart = [&](int a, int b) {
        return trace.spans[std::size_t(a)].startTimeNs < trace.spans[std::size_t(b)].startTimeNs;
    };
    for (std::vector<int> &children : m_children)
        std::stable_sort(children.begin(), children.end(), byStart);

    m_endpoints.assign(count, -1);
    std::vector<int> pending;
    const auto walkFrom = [&](int root) {
        m_roots.push_back(root);
        m_endpoints[std::size_t(root)] = root;
        pending.push_back(root);
        while (!pending.empty()) {
            const int index = pending.back();
            pending.pop_back();
            for (int child : m_children[std::size_t(index)]) {
                m_endpoints[std::size_t(child)] = isRequestSpan(trace.spans[std::size_t(child)])
                                                      ? child
                                                      : m_endpoints[std::size_t(index)];
                pending.push_back(child);
            }
        }
    };
    for (std::size_t i = 0; i < count; ++i) {
        if (m_parents[i] < 0)
            walkFrom(int(i));
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (m_endpoints[i] >= 0)
            continue;
        // In a loop: detach it from its parent so the loop has a root.
        auto &siblings = m_children[std::size_t(m_parents[i])];
        siblings.erase(std::remove(siblings.begin(), siblings.end(), int(i)), siblings.end());
        m_parents[i] = -1;
        walkFrom(int(i));
    }
    std::stable_sort(m_roots.begin(), m_roots.end(), byStart);

    std::vector<bool> isEndpoint(count, false);
    for (int endpoint : m_endpoints)
        isEndpoint[std::size_t(endpoint)] = true;
    for (std::size_t i = 0; i < count; ++i) {
        if (isEndpoint[i])
            m_endpointSpans.push_back(int(i));
    }
    std::stable_sort(m_endpointSpans.begin(), m_endpointSpans.end(), byStart);
}

PreparedTrace::~PreparedTrace() = default;
PreparedTrace::PreparedTrace(PreparedTrace &&) noexcept = default;
PreparedTrace &PreparedTrace::operator=(PreparedTrace &&) noexcept = default;

const RequestCalls &PreparedTrace::requestCalls() const
{
    if (!m_requestCalls)
        m_requestCalls = std::make_unique<const RequestCalls>(*this);
    return *m_requestCalls;
}

} // namespace kansoku
