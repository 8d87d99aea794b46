#include "support/synthetic_trace.h"

#include <algorithm>
#include <deque>
#include <random>

namespace kansoku {

namespace {

struct ServiceProfile
{
    const char *service;
    const char *scope;
    std::vector<const char *> operations;
    SpanKind kind;
};

const std::vector<ServiceProfile> &profiles()
{
    static const std::vector<ServiceProfile> all = {
        {"frontend",
         "@opentelemetry/instrumentation-http",
         {"GET /checkout", "render cart", "GET /api/cart"},
         SpanKind::Server},
        {"api-gateway",
         "io.opentelemetry.netty-4.1",
         {"POST /v1/orders", "authorize", "route"},
         SpanKind::Server},
        {"checkout",
         "go.opentelemetry.io/contrib/otelgrpc",
         {"PlaceOrder", "validate order", "reserve stock"},
         SpanKind::Internal},
        {"cart",
         "opentelemetry.instrumentation.redis",
         {"GetCart", "EmptyCart", "HGETALL"},
         SpanKind::Client},
        {"payment",
         "io.opentelemetry.spring-webmvc-6.0",
         {"Charge", "fraud check", "POST /charge"},
         SpanKind::Client},
        {"inventory",
         "opentelemetry.instrumentation.sqlalchemy",
         {"SELECT stock", "UPDATE stock", "lock row"},
         SpanKind::Client},
        {"shipping",
         "opentelemetry-rust",
         {"GetQuote", "compute route", "POST /quote"},
         SpanKind::Internal},
        {"email",
         "opentelemetry.instrumentation.celery",
         {"send confirmation", "render template"},
         SpanKind::Consumer},
    };
    return all;
}

SpanId makeSpanId(std::uint64_t value)
{
    SpanId id;
    for (int i = 0; i < 8; ++i)
        id.bytes[std::size_t(i)] = std::uint8_t(value >> (56 - 8 * i));
    return id;
}

} // namespace

std::shared_ptr<const Trace> makeSyntheticTrace(const SyntheticTraceOptions &options)
{
    auto trace = std::make_shared<Trace>();
    std::mt19937_64 random(options.seed);
    for (int i = 0; i < 16; ++i)
        trace->traceId.bytes[std::size_t(i)] = std::uint8_t(random());

    const auto &serviceProfiles = profiles();
    for (const ServiceProfile &profile : serviceProfiles) {
        Resource resource;
        resource.attributes = {{"service.name", AnyValue::fromString(profile.service)},
                               {"service.version", AnyValue::fromString("1.8.2")},
                               {"host.name", AnyValue::fromString("node-7.eu-west-1")},
                               {"telemetry.sdk.language", AnyValue::fromString("cpp")}};
        trace->resources.push_back(std::move(resource));
        InstrumentationScope scope;
        scope.name = profile.scope;
        scope.version = "0.45.0";
        trace->scopes.push_back(std::move(scope));
    }

    const int spanCount = std::max(options.spanCount, 1);
    const int regularCount = options.withOrphan && spanCount >= 3 ? spanCount - 1 : spanCount;
    trace->spans.reserve(std::size_t(spanCount));
    std::uint64_t nextId = 0x1000;

    const auto makeSpan = [&](int service, std::int64_t start, std::int64_t end,
                              const SpanId &parent) {
        TraceSpan traceSpan;
        const ServiceProfile &profile = serviceProfiles[std::size_t(service)];
        Span &span = traceSpan.span;
        span.traceId = trace->traceId;
        span.spanId = makeSpanId(nextId++ * 0x9e3779b97f4a7c15ULL | 1);
        span.parentSpanId = parent;
        span.name = profile.operations[random() % profile.operations.size()];
        span.kind = parent.isZero() ? SpanKind::Server : profile.kind;
        span.startTimeNs = start;
        span.endTimeNs = end;
        span.attributes = {{"http.method", AnyValue::fromString("POST")},
                           {"http.status_code", AnyValue::fromInt(200)},
                           {"retry", AnyValue::fromBool(false)},
                           {"load", AnyValue::fromDouble(0.42)}};
        if (service == 5) {
            span.attributes.push_back(
                {"db.statement",
                 AnyValue::fromString("SELECT s.sku, s.quantity, s.reserved, w.name FROM stock s "
                                      "JOIN warehouse w ON w.id = s.warehouse_id WHERE s.sku IN "
                                      "($1, $2, $3, $4) AND s.quantity > s.reserved FOR UPDATE")});
        }
        if (random() % 10 == 0) {
            span.events.push_back({start + (end - start) / 3,
                                   "cache miss",
                                   {{"cache.key", AnyValue::fromString("cart:42")}},
                                   0});
        }
        if (random() % 40 == 0) {
            span.status = {StatusCode::Error, "upstream timed out after 3 retries"};
            span.attributes[1].value = AnyValue::fromInt(503);
            span.events.push_back(
                {end - (end - start) / 10,
                 "exception",
                 {{"exception.type", AnyValue::fromString("TimeoutError")},
                  {"exception.message", AnyValue::fromString("deadline exceeded")},
                  {"exception.stacktrace",
                   AnyValue::fromString(
                       "TimeoutError: deadline exceeded\n  at call (client.js:88)\n"
                       "  at retry (retry.js:12)")}},
                 0});
        } else if (random() % 3 == 0) {
            span.status.code = StatusCode::Ok;
        }
        if (random() % 50 == 0) {
            SpanLink link;
            for (int i = 0; i < 16; ++i)
                link.traceId.bytes[std::size_t(i)] = std::uint8_t(random());
            link.spanId = makeSpanId(random() | 1);
            link.attributes = {{"messaging.operation", AnyValue::fromString("process")}};
            span.links.push_back(std::move(link));
        }
        traceSpan.resourceIndex = service;
        traceSpan.scopeIndex = service;
        trace->spans.push_back(std::move(traceSpan));
        return int(trace->spans.size()) - 1;
    };

    makeSpan(0, options.startTimeNs, options.startTimeNs + options.rootDurationNs, SpanId{});
    // Breadth-first fan-out: each parent's interval is split among its children, partly in
    // sequence and partly concurrently (as RPC fan-out does).
    std::deque<int> parents{0};
    while (int(trace->spans.size()) < regularCount) {
        // Breadth-first runs out of parents only when all intervals are tiny; recycle the root.
        if (parents.empty())
            parents.push_back(0);
        const int parentIndex = parents.front();
        parents.pop_front();
        const Span parent = trace->spans[std::size_t(parentIndex)].span;
        const std::int64_t parentDuration = parent.durationNs();
        if (parentDuration < 20)
            continue;
        const int childCount = 1 + int(random() % 6);
        const int service = int((parentIndex + 1 + random() % 3) % serviceProfiles.size());
        std::int64_t cursor = parent.startTimeNs + parentDuration / 50;
        for (int c = 0; c < childCount && int(trace->spans.size()) < regularCount; ++c) {
            const bool concurrent = random() % 3 == 0;
            const std::int64_t slot = parentDuration / (childCount + 1);
            const std::int64_t duration
                = std::max<std::int64_t>(1, slot * std::int64_t(40 + random() % 60) / 100);
            const std::int64_t start = concurrent
                                           ? parent.startTimeNs + parentDuration / 20
                                                 + std::int64_t(random() % std::uint64_t(slot + 1))
                                           : cursor;
            const std::int64_t end = std::min(start + duration, parent.endTimeNs);
            const int childService = c == 0 ? service : int((service + c) % serviceProfiles.size());
            parents.push_back(makeSpan(childService, start, end, parent.spanId));
            if (!concurrent)
                cursor = end + slot / 10;
        }
    }
    if (options.withOrphan && spanCount >= 3) {
        const std::int64_t start = options.startTimeNs + options.rootDurationNs / 2;
        const int orphan
            = makeSpan(6, start, start + options.rootDurationNs / 5, makeSpanId(0xdeadbeefULL));
        trace->spans[std::size_t(orphan)].span.name = "late callback (parent missing)";
    }
    std::stable_sort(trace->spans.begin(), trace->spans.end(),
                     [](const TraceSpan &a, const TraceSpan &b) {
                         return a.span.startTimeNs < b.span.startTimeNs;
                     });
    return trace;
}

} // namespace kansoku
