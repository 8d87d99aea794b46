#include "bench_request_factory.h"

#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"

#include <chrono>

namespace kansoku::bench {

namespace otlp = opentelemetry::proto;

namespace {
const char *const serviceNames[] = {"checkout", "inventory"};
const char *const operations[]
    = {"GET /api/cart",       "POST /api/checkout", "SELECT orders", "redis GET session",
       "GET /api/items/{id}", "inventory.reserve",  "UPDATE stock",  "kafka publish orders"};
const char *const logTemplates[] = {
    "user %llu added item to cart; cart size now %llu",
    "slow query detected: SELECT * FROM orders WHERE customer_id = %llu took %llu ms",
    "payment authorised for order %llu amount %llu JPY",
    "connection pool exhausted, waiting for a free connection (waiters=%llu, max=%llu)",
    "cache miss for key session:%llu, loading from database shard %llu",
    "注文 %llu を処理しました (%llu 件) 🚀",
};

void setString(otlp::common::v1::KeyValue *attribute, const char *key, const std::string &value)
{
    attribute->set_key(key);
    attribute->mutable_value()->set_string_value(value);
}

void setInt(otlp::common::v1::KeyValue *attribute, const char *key, std::int64_t value)
{
    attribute->set_key(key);
    attribute->mutable_value()->set_int_value(value);
}

void fillResource(otlp::resource::v1::Resource *resource, const char *serviceName)
{
    setString(resource->add_attributes(), "service.name", serviceName);
    setString(resource->add_attributes(), "service.version", "1.4.2");
    setString(resource->add_attributes(), "deployment.environment", "bench");
    setString(resource->add_attributes(), "host.name", "bench-host-01");
    setString(resource->add_attributes(), "telemetry.sdk.language", "cpp");
}

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}
} // namespace

BenchRequestFactory::BenchRequestFactory(std::uint32_t seed)
    : m_state(0x9E3779B97F4A7C15ull ^ seed)
{}

std::uint64_t BenchRequestFactory::next()
{
    // splitmix64: fast, and deterministic for a given seed.
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::string BenchRequestFactory::randomBytes(int count)
{
    std::string bytes;
    while (int(bytes.size()) < count) {
        const std::uint64_t value = next();
        bytes.append(reinterpret_cast<const char *>(&value), sizeof value);
    }
    bytes.resize(std::size_t(count));
    return bytes;
}

RequestTemplate BenchRequestFactory::traceRequest(int spanCount)
{
    constexpr int spansPerTrace = 8;
    otlp::collector::trace::v1::ExportTraceServiceRequest request;
    otlp::trace::v1::ScopeSpans *scopes[2];
    for (int service = 0; service < 2; ++service) {
        auto *resourceSpans = request.add_resource_spans();
        fillResource(resourceSpans->mutable_resource(), serviceNames[service]);
        resourceSpans->set_schema_url("https://opentelemetry.io/schemas/1.24.0");
        scopes[service] = resourceSpans->add_scope_spans();
        scopes[service]->mutable_scope()->set_name("@opentelemetry/instrumentation-http");
        scopes[service]->mutable_scope()->set_version("0.52.1");
    }

    std::vector<std::string> traceIds;
    std::string rootSpanId;
    const std::int64_t baseNs = nowNs();
    for (int index = 0; index < spanCount; ++index) {
        const int positionInTrace = index % spansPerTrace;
        if (positionInTrace == 0)
            traceIds.push_back(randomBytes(16));
        const bool isRoot = positionInTrace == 0;
        const int service = isRoot ? 0 : int(next() % 2);
        otlp::trace::v1::Span *span = scopes[service]->add_spans();
        span->set_trace_id(traceIds.back());
        const std::string spanId = randomBytes(8);
        if (isRoot)
            rootSpanId = spanId;
        else
            span->set_parent_span_id(rootSpanId);
        span->set_span_id(spanId);
        const char *operation = operations[(index + int(next() % 3)) % 8];
        span->set_name(operation);
        span->set_kind(isRoot ? otlp::trace::v1::Span::SPAN_KIND_SERVER
                              : otlp::trace::v1::Span::SPAN_KIND_CLIENT);
        const std::int64_t startNs
            = baseNs + std::int64_t(index) * 1'000'000 + std::int64_t(positionInTrace) * 50'000;
        const std::int64_t durationNs
            = isRoot ? 40'000'000 : std::int64_t(next() % 20'000'000) + 10'000;
        span->set_start_time_unix_nano(std::uint64_t(startNs));
        span->set_end_time_unix_nano(std::uint64_t(startNs + durationNs));
        setString(span->add_attributes(), "http.request.method", isRoot ? "POST" : "GET");
        setString(span->add_attributes(), "url.path",
                  "/api/checkout/" + std::to_string(next() % 10000));
        setInt(span->add_attributes(), "http.response.status_code", next() % 50 == 0 ? 500 : 200);
        setString(span->add_attributes(), "server.address", "checkout.internal.example");
        setInt(span->add_attributes(), "server.port", 8080);
        setString(span->add_attributes(), "db.system", "postgresql");
        setString(span->add_attributes(), "db.statement",
                  "SELECT id, total FROM orders WHERE customer_id = $1 LIMIT 20");
        setString(span->add_attributes(), "user_agent.original", "Mozilla/5.0 (X11; Linux x86_64)");
        setInt(span->add_attributes(), "app.cart.items", std::int64_t(next() % 12));
        setString(span->add_attributes(), "app.customer.tier", next() % 2 ? "gold" : "standard");
        if (next() % 50 == 0) {
            span->mutable_status()->set_code(otlp::trace::v1::Status::STATUS_CODE_ERROR);
            span->mutable_status()->set_message("upstream returned 500");
        }
    }
    return RequestTemplate(request.SerializeAsString(), traceIds, spanCount);
}

RequestTemplate BenchRequestFactory::logRequest(int logCount)
{
    otlp::collector::logs::v1::ExportLogsServiceRequest request;
    otlp::logs::v1::ScopeLogs *scopes[2];
    for (int service = 0; service < 2; ++service) {
        auto *resourceLogs = request.add_resource_logs();
        fillResource(resourceLogs->mutable_resource(), serviceNames[service]);
        scopes[service] = resourceLogs->add_scope_logs();
        scopes[service]->mutable_scope()->set_name("app-logger");
    }
    std::vector<std::string> traceIds;
    const std::int64_t baseNs = nowNs();
    for (int index = 0; index < logCount; ++index) {
        if (index % 4 == 0)
            traceIds.push_back(randomBytes(16));
        otlp::logs::v1::LogRecord *log = scopes[index % 2]->add_log_records();
        log->set_time_unix_nano(std::uint64_t(baseNs + std::int64_t(index) * 100'000));
        log->set_observed_time_unix_nano(
            std::uint64_t(baseNs + std::int64_t(index) * 100'000 + 5000));
        const int severity = int(next() % 4);
        const otlp::logs::v1::SeverityNumber numbers[]
            = {otlp::logs::v1::SEVERITY_NUMBER_DEBUG, otlp::logs::v1::SEVERITY_NUMBER_INFO,
               otlp::logs::v1::SEVERITY_NUMBER_WARN, otlp::logs::v1::SEVERITY_NUMBER_ERROR};
        const char *texts[] = {"DEBUG", "INFO", "WARN", "ERROR"};
        log->set_severity_number(numbers[severity]);
        log->set_severity_text(texts[severity]);
        char body[256];
        std::snprintf(body, sizeof body, logTemplates[next() % 6],
                      static_cast<unsigned long long>(next() % 100000),
                      static_cast<unsigned long long>(next() % 1000));
        log->mutable_body()->set_string_value(body);
        setString(log->add_attributes(), "code.function", "handleCheckout");
        setString(log->add_attributes(), "code.filepath", "src/checkout/handler.ts");
        setInt(log->add_attributes(), "thread.id", std::int64_t(next() % 16));
        log->set_trace_id(traceIds.back());
        log->set_span_id(randomBytes(8));
        log->set_flags(1);
    }
    return RequestTemplate(request.SerializeAsString(), traceIds, logCount);
}

} // namespace kansoku::bench
