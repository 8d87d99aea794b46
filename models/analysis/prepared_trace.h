// One AnalysisTrace with what every detector needs, computed once: each span's parent and
// children (by index, children in start order), its endpoint and its call identity, and (when
// first asked) its calls grouped by request and statement. Built and used on one worker thread;
// it refers to the trace, which must outlive it.
#pragma once

#include "analysis/call_identity.h"
#include "core/analysis_span.h"

#include <memory>
#include <vector>

namespace kansoku {

class RequestCalls;

class PreparedTrace
{
public:
    explicit PreparedTrace(const AnalysisTrace &trace);
    ~PreparedTrace();
    PreparedTrace(PreparedTrace &&) noexcept;
    PreparedTrace &operator=(PreparedTrace &&) noexcept;

    const AnalysisTrace &trace() const { return *m_trace; }
    const TraceId &traceId() const { return m_trace->traceId; }
    int spanCount() const { return int(m_trace->spans.size()); }
    const AnalysisSpan &span(int index) const { return m_trace->spans[std::size_t(index)]; }
    const CallIdentity &call(int index) const { return m_calls[std::size_t(index)]; }

    // -1 for a root, and for an orphan whose parent is not in the trace (or that sits in a
    // parent loop).
    int parent(int index) const { return m_parents[std::size_t(index)]; }
    const std::vector<int> &children(int index) const { return m_children[std::size_t(index)]; }
    const std::vector<int> &roots() const { return m_roots; } // in start order

    // The request a span serves: the nearest server or consumer span among the span and its
    // ancestors, else the top of its ancestry. Endpoints are identified by service and name.
    int endpoint(int index) const { return m_endpoints[std::size_t(index)]; }
    // Every span that is some span's endpoint, in start order: the requests of this trace.
    const std::vector<int> &endpointSpans() const { return m_endpointSpans; }
    // The database, HTTP and RPC calls grouped by request and statement, built on first use and
    // kept for the other detectors that ask.
    const RequestCalls &requestCalls() const;

private:
    const AnalysisTrace *m_trace;
    std::vector<CallIdentity> m_calls;
    std::vector<int> m_parents;
    std::vector<std::vector<int>> m_children;
    std::vector<int> m_roots;
    std::vector<int> m_endpoints;
    std::vector<int> m_endpointSpans;
    mutable std::unique_ptr<const RequestCalls> m_requestCalls;
};

} // namespace kansoku
