// Test helper: builds AnalysisTraces for the findings detectors span by span, with the semantic-
// convention attributes of database and HTTP calls. Times are nanoseconds from an arbitrary epoch
// base; span ids are assigned 1, 2, 3, ... in the order spans are added.
#pragma once

#include "core/analysis_span.h"

#include <algorithm>
#include <string>
#include <utility>

namespace kansoku::test {

class AnalysisTraceBuilder
{
public:
    // Traces built with different numbers have different trace ids.
    explicit AnalysisTraceBuilder(std::uint64_t traceNumber)
    {
        for (int i = 0; i < 8; ++i)
            m_trace.traceId.bytes[std::size_t(8 + i)] = std::uint8_t(traceNumber >> (56 - 8 * i));
        m_trace.traceId.bytes[0] = 0x7e;
    }

    // A server span (the endpoint), a root unless parent is given. Returns its index.
    int server(const std::string &service, const std::string &name, std::int64_t startNs,
               std::int64_t endNs, int parent = -1)
    {
        const int index = add(parent, name, SpanKind::Server, startNs, endNs);
        m_trace.spans.back().service = service;
        return index;
    }
    // A span of any kind under parent (-1: a root); it takes its parent's service and version.
    int add(int parent, const std::string &name, SpanKind kind, std::int64_t startNs,
            std::int64_t endNs)
    {
        AnalysisSpan span;
        span.spanId = idOf(m_trace.spans.size() + 1);
        if (parent >= 0) {
            const AnalysisSpan &parentSpan = m_trace.spans.at(std::size_t(parent));
            span.parentSpanId = parentSpan.spanId;
            span.service = parentSpan.service;
            span.serviceVersion = parentSpan.serviceVersion;
        }
        span.name = name;
        span.kind = kind;
        span.startTimeNs = Base + startNs;
        span.endTimeNs = Base + endNs;
        m_trace.spans.push_back(std::move(span));
        return int(m_trace.spans.size()) - 1;
    }
    // A database client span with the current names (db.system.name, db.query.text).
    int db(int parent, const std::string &system, const std::string &statement,
           std::int64_t startNs, std::int64_t endNs)
    {
        const int index = add(parent, statement.substr(0, statement.find(' ')), SpanKind::Client,
                              startNs, endNs);
        attribute(index, "db.system.name", system);
        attribute(index, "db.query.text", statement);
        return index;
    }
    // An HTTP client span with the current names (http.request.method, url.full).
    int http(int parent, const std::string &method, const std::string &url, std::int64_t startNs,
             std::int64_t endNs)
    {
        const int index = add(parent, method, SpanKind::Client, startNs, endNs);
        attribute(index, "http.request.method", method);
        attribute(index, "url.full", url);
        return index;
    }
    // A TCP connect as Node's net instrumentation records it: an internal "tcp.connect" span with
    // the older names (net.peer.name, net.peer.port, net.transport).
    int connect(int parent, const std::string &host, std::int64_t port, std::int64_t startNs,
                std::int64_t endNs)
    {
        const int index = add(parent, "tcp.connect", SpanKind::Internal, startNs, endNs);
        attribute(index, "net.peer.name", host);
        attribute(index, "net.peer.port", port);
        attribute(index, "net.transport", "ip_tcp");
        return index;
    }
    AnalysisTraceBuilder &attribute(int index, const std::string &key, const std::string &value)
    {
        m_trace.spans.at(std::size_t(index))
            .attributes.push_back({key, AnyValue::fromString(value)});
        return *this;
    }
    AnalysisTraceBuilder &attribute(int index, const std::string &key, std::int64_t value)
    {
        m_trace.spans.at(std::size_t(index)).attributes.push_back({key, AnyValue::fromInt(value)});
        return *this;
    }
    AnalysisTraceBuilder &error(int index, const std::string &exceptionType = {},
                                const std::string &message = {})
    {
        AnalysisSpan &span = m_trace.spans.at(std::size_t(index));
        span.statusCode = StatusCode::Error;
        span.statusMessage = message;
        span.exceptionType = exceptionType;
        return *this;
    }
    AnalysisTraceBuilder &version(int index, const std::string &serviceVersion)
    {
        m_trace.spans.at(std::size_t(index)).serviceVersion = serviceVersion;
        return *this;
    }
    AnalysisSpan &span(int index) { return m_trace.spans.at(std::size_t(index)); }

    // The trace with its spans in start order, as storage hands them out.
    AnalysisTrace build() const
    {
        AnalysisTrace trace = m_trace;
        std::stable_sort(trace.spans.begin(), trace.spans.end(),
                         [](const AnalysisSpan &a, const AnalysisSpan &b) {
                             return a.startTimeNs < b.startTimeNs;
                         });
        return trace;
    }

    // The trace id of the traces built with this number.
    static TraceId traceIdOf(std::uint64_t traceNumber)
    {
        return AnalysisTraceBuilder(traceNumber).m_trace.traceId;
    }
    static SpanId idOf(std::uint64_t value)
    {
        SpanId id;
        for (int i = 0; i < 8; ++i)
            id.bytes[std::size_t(i)] = std::uint8_t(value >> (56 - 8 * i));
        return id;
    }

    static constexpr std::int64_t Base = 1'700'000'000'000'000'000;

private:
    AnalysisTrace m_trace;
};

} // namespace kansoku::test
