// Test helper: builds small hand-written traces span by span.
#pragma once

#include "core/telemetry_queries.h"

#include <memory>

namespace kansoku::test {

inline SpanId spanId(std::uint64_t value)
{
    SpanId id;
    for (int i = 0; i < 8; ++i)
        id.bytes[std::size_t(i)] = std::uint8_t(value >> (56 - 8 * i));
    return id;
}

class TraceTestBuilder
{
public:
    TraceTestBuilder()
    {
        m_trace->traceId.bytes[0] = 0xab;
        for (const char *service : {"frontend", "backend", "db"}) {
            Resource resource;
            resource.attributes = {{"service.name", AnyValue::fromString(service)}};
            m_trace->resources.push_back(resource);
        }
        m_trace->scopes.push_back({"scope", "1.0", {}, 0});
    }
    // Times in ns relative to 1'000'000 (so x positions stay small in tests); parent 0 = root.
    TraceTestBuilder &span(std::uint64_t id, std::uint64_t parent, std::int64_t start,
                           std::int64_t end, int service = 0, const char *name = "op",
                           bool error = false)
    {
        TraceSpan traceSpan;
        traceSpan.span.traceId = m_trace->traceId;
        traceSpan.span.spanId = spanId(id);
        traceSpan.span.parentSpanId = parent ? spanId(parent) : SpanId{};
        traceSpan.span.name = name;
        traceSpan.span.startTimeNs = Base + start;
        traceSpan.span.endTimeNs = Base + end;
        traceSpan.span.status.code = error ? StatusCode::Error : StatusCode::Unset;
        traceSpan.resourceIndex = service;
        m_trace->spans.push_back(traceSpan);
        return *this;
    }
    TraceTestBuilder &event(std::int64_t time, const char *name)
    {
        m_trace->spans.back().span.events.push_back({Base + time, name, {}, 0});
        return *this;
    }
    Span &last() { return m_trace->spans.back().span; }
    std::shared_ptr<const Trace> build() { return m_trace; }

    static constexpr std::int64_t Base = 1000000;

private:
    std::shared_ptr<Trace> m_trace = std::make_shared<Trace>();
};

} // namespace kansoku::test
