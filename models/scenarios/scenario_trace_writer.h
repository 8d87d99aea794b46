// Writes one request of a scenario as the spans (and logs) an instrumented service would record:
// HTTP server and client spans, database calls, TCP connects and internal work, with the current
// semantic-convention attributes (or the older ones, where a scenario's service is an older SDK),
// the instrumentation scopes real SDKs use, exception events on failures. Times are given by the
// scenario; ids come from its random stream. One writer per request; not thread-safe.
#pragma once

#include "core/log_record.h"
#include "core/span.h"
#include "scenarios/scenario_random.h"
#include "scenarios/service_identity.h"

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace kansoku {

// A request as generated: its spans and logs, and when its last span ends (it is sent then).
struct GeneratedTrace
{
    struct SpanItem
    {
        const ServiceIdentity *service;
        std::string scope;
        Span span;
    };
    struct LogItem
    {
        const ServiceIdentity *service;
        std::string scope;
        LogRecord log;
    };
    std::int64_t endNs = 0;
    std::vector<SpanItem> spans;
    std::vector<LogItem> logs;
};

// A database call as the client library reports it.
struct DatabaseCall
{
    std::string system = "postgresql"; // db.system.name
    std::string statement;             // db.query.text, with placeholders
    std::string operation;             // db.operation.name: SELECT, UPDATE, GET, ...
    std::string collection;            // db.collection.name (the table); may be empty
    std::string database = "shop";     // db.namespace
    std::string serverAddress = "postgres";
    int serverPort = 5432;
    // Older SDKs (db.system, db.statement, db.name, net.peer.name, net.peer.port).
    bool legacyConventions = false;

    // A call to the shop's PostgreSQL (database "shop" on host postgres).
    static DatabaseCall postgres(std::string statement, std::string operation, std::string table);
};

class ScenarioTraceWriter
{
public:
    using SpanIndex = std::size_t;
    static constexpr SpanIndex NoParent = std::numeric_limits<SpanIndex>::max();

    explicit ScenarioTraceWriter(ScenarioRandom &random);

    ScenarioRandom &random() { return m_random; }

    // A SERVER span named "METHOD route"; parent is the caller's client span, if any.
    SpanIndex httpServer(const ServiceIdentity &service, const std::string &method,
                         const std::string &route, const std::string &path, std::int64_t startNs,
                         std::int64_t durationNs, int statusCode, SpanIndex parent = NoParent);
    // A CLIENT span named "METHOD"; url is the full URL.
    SpanIndex httpClient(const ServiceIdentity &service, SpanIndex parent,
                         const std::string &method, const std::string &url,
                         const std::string &serverAddress, int serverPort, std::int64_t startNs,
                         std::int64_t durationNs, int statusCode);
    SpanIndex database(const ServiceIdentity &service, SpanIndex parent, const DatabaseCall &call,
                       std::int64_t startNs, std::int64_t durationNs);
    // The TCP connect an HTTP client makes before its request (Node's net instrumentation).
    SpanIndex tcpConnect(const ServiceIdentity &service, SpanIndex parent,
                         const std::string &peerName, int peerPort, std::int64_t startNs,
                         std::int64_t durationNs);
    SpanIndex internal(const ServiceIdentity &service, SpanIndex parent, const std::string &name,
                       std::int64_t startNs, std::int64_t durationNs, Attributes attributes = {});

    // Marks the span failed, with an "exception" event and an ERROR log line.
    void recordException(SpanIndex span, const std::string &type, const std::string &message);
    // A log line inside the span, at its end (severity: OTLP severity number).
    void log(SpanIndex span, int severityNumber, const std::string &body,
             Attributes attributes = {});

    Span &span(SpanIndex index) { return m_trace.spans[index].span; }
    // The request; the writer is empty afterwards.
    GeneratedTrace take();

private:
    SpanIndex add(const ServiceIdentity &service, std::string scope, SpanIndex parent,
                  std::string name, SpanKind kind, std::int64_t startNs, std::int64_t durationNs,
                  Attributes attributes);

    ScenarioRandom &m_random;
    TraceId m_traceId;
    GeneratedTrace m_trace;
};

} // namespace kansoku
