#include "scenarios/scenario_trace_writer.h"

#include <algorithm>

namespace kansoku {

namespace {

KeyValue text(const char *key, std::string value)
{
    return KeyValue{key, AnyValue::fromString(std::move(value))};
}

KeyValue integer(const char *key, std::int64_t value)
{
    return KeyValue{key, AnyValue::fromInt(value)};
}

bool isJava(const ServiceIdentity &service)
{
    return service.sdkLanguage == "java";
}

std::string httpServerScope(const ServiceIdentity &service)
{
    return isJava(service) ? "io.opentelemetry.tomcat-10.0" : "@opentelemetry/instrumentation-http";
}

std::string logScope(const ServiceIdentity &service)
{
    return isJava(service) ? "com.example.Application" : "@opentelemetry/instrumentation-pino";
}

} // namespace

DatabaseCall DatabaseCall::postgres(std::string statement, std::string operation, std::string table)
{
    DatabaseCall call;
    call.statement = std::move(statement);
    call.operation = std::move(operation);
    call.collection = std::move(table);
    return call;
}

ScenarioTraceWriter::ScenarioTraceWriter(ScenarioRandom &random)
    : m_random(random)
    , m_traceId(random.traceId())
{}

ScenarioTraceWriter::SpanIndex
ScenarioTraceWriter::add(const ServiceIdentity &service, std::string scope, SpanIndex parent,
                         std::string name, SpanKind kind, std::int64_t startNs,
                         std::int64_t durationNs, Attributes attributes)
{
    Span span;
    span.traceId = m_traceId;
    span.spanId = m_random.spanId();
    if (parent != NoParent)
        span.parentSpanId = m_trace.spans[parent].span.spanId;
    span.flags = 1; // sampled
    span.name = std::move(name);
    span.kind = kind;
    span.startTimeNs = startNs;
    span.endTimeNs = startNs + std::max<std::int64_t>(durationNs, 1'000);
    span.attributes = std::move(attributes);
    m_trace.endNs = std::max(m_trace.endNs, span.endTimeNs);
    m_trace.spans.push_back({&service, std::move(scope), std::move(span)});
    return m_trace.spans.size() - 1;
}

ScenarioTraceWriter::SpanIndex
ScenarioTraceWriter::httpServer(const ServiceIdentity &service, const std::string &method,
                                const std::string &route, const std::string &path,
                                std::int64_t startNs, std::int64_t durationNs, int statusCode,
                                SpanIndex parent)
{
    Attributes attributes{
        text("http.request.method", method),
        text("http.route", route),
        text("url.path", path),
        text("url.scheme", "http"),
        integer("http.response.status_code", statusCode),
        text("server.address", service.name),
        integer("server.port", 8080),
        text("network.protocol.version", "1.1"),
        text("user_agent.original",
             parent == NoParent ? "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0" : "node"),
        text("client.address", "10.42.0.17")};
    const SpanIndex index = add(service, httpServerScope(service), parent, method + ' ' + route,
                                SpanKind::Server, startNs, durationNs, std::move(attributes));
    // The HTTP semantic conventions: a server span is an error for 5xx only.
    if (statusCode >= 500)
        span(index).status.code = StatusCode::Error;
    return index;
}

ScenarioTraceWriter::SpanIndex
ScenarioTraceWriter::httpClient(const ServiceIdentity &service, SpanIndex parent,
                                const std::string &method, const std::string &url,
                                const std::string &serverAddress, int serverPort,
                                std::int64_t startNs, std::int64_t durationNs, int statusCode)
{
    Attributes attributes{text("http.request.method", method), text("url.full", url),
                          text("server.address", serverAddress),
                          integer("server.port", serverPort)};
    if (statusCode > 0)
        attributes.push_back(integer("http.response.status_code", statusCode));
    const SpanIndex index = add(
        service, isJava(service) ? "io.opentelemetry.java-http-client" : httpServerScope(service),
        parent, method, SpanKind::Client, startNs, durationNs, std::move(attributes));
    if (statusCode >= 400 || statusCode == 0)
        span(index).status.code = StatusCode::Error;
    return index;
}

ScenarioTraceWriter::SpanIndex ScenarioTraceWriter::database(const ServiceIdentity &service,
                                                             SpanIndex parent,
                                                             const DatabaseCall &call,
                                                             std::int64_t startNs,
                                                             std::int64_t durationNs)
{
    Attributes attributes;
    if (call.legacyConventions) {
        attributes = {text("db.system", call.system),
                      text("db.statement", call.statement),
                      text("db.name", call.database),
                      text("db.operation", call.operation),
                      text("net.peer.name", call.serverAddress),
                      integer("net.peer.port", call.serverPort)};
        if (!call.collection.empty())
            attributes.push_back(text("db.sql.table", call.collection));
    } else {
        attributes = {
            text("db.system.name", call.system),        text("db.query.text", call.statement),
            text("db.namespace", call.database),        text("db.operation.name", call.operation),
            text("server.address", call.serverAddress), integer("server.port", call.serverPort)};
        if (!call.collection.empty())
            attributes.push_back(text("db.collection.name", call.collection));
    }
    std::string scope;
    if (isJava(service))
        scope = "io.opentelemetry.jdbc";
    else if (call.system == "redis")
        scope = "@opentelemetry/instrumentation-ioredis";
    else
        scope = "@opentelemetry/instrumentation-pg";
    std::string name = call.operation;
    if (!call.collection.empty())
        name += ' ' + call.collection;
    return add(service, std::move(scope), parent, std::move(name), SpanKind::Client, startNs,
               durationNs, std::move(attributes));
}

ScenarioTraceWriter::SpanIndex ScenarioTraceWriter::tcpConnect(const ServiceIdentity &service,
                                                               SpanIndex parent,
                                                               const std::string &peerName,
                                                               int peerPort, std::int64_t startNs,
                                                               std::int64_t durationNs)
{
    // @opentelemetry/instrumentation-net still writes the older network attributes.
    Attributes attributes{text("net.transport", "ip_tcp"), text("net.peer.name", peerName),
                          integer("net.peer.port", peerPort), text("net.peer.ip", "10.96.14.22"),
                          text("net.host.ip", "10.42.0.31")};
    return add(service, "@opentelemetry/instrumentation-net", parent, "tcp.connect",
               SpanKind::Internal, startNs, durationNs, std::move(attributes));
}

ScenarioTraceWriter::SpanIndex
ScenarioTraceWriter::internal(const ServiceIdentity &service, SpanIndex parent,
                              const std::string &name, std::int64_t startNs,
                              std::int64_t durationNs, Attributes attributes)
{
    return add(service, isJava(service) ? "com.example.Application" : "app", parent, name,
               SpanKind::Internal, startNs, durationNs, std::move(attributes));
}

void ScenarioTraceWriter::recordException(SpanIndex index, const std::string &type,
                                          const std::string &message)
{
    Span &failed = span(index);
    failed.status.code = StatusCode::Error;
    failed.status.message = message;
    failed.events.push_back(
        SpanEvent{failed.endTimeNs,
                  "exception",
                  {text("exception.type", type), text("exception.message", message),
                   text("exception.stacktrace", type + ": " + message + "\n    at " + failed.name)},
                  0});
    log(index, 17, message, {text("exception.type", type)});
}

void ScenarioTraceWriter::log(SpanIndex index, int severityNumber, const std::string &body,
                              Attributes attributes)
{
    const GeneratedTrace::SpanItem &item = m_trace.spans[index];
    LogRecord record;
    record.timeNs = item.span.endTimeNs;
    record.observedTimeNs = item.span.endTimeNs;
    record.severityNumber = severityNumber;
    record.severityText = severityNumber >= 17   ? "ERROR"
                          : severityNumber >= 13 ? "WARN"
                          : severityNumber >= 9  ? "INFO"
                                                 : "DEBUG";
    record.body = AnyValue::fromString(body);
    record.attributes = std::move(attributes);
    record.traceId = item.span.traceId;
    record.spanId = item.span.spanId;
    record.flags = 1;
    m_trace.logs.push_back({item.service, logScope(*item.service), std::move(record)});
}

GeneratedTrace ScenarioTraceWriter::take()
{
    // Spans may have been lengthened after they were added (a server span ends after its children).
    for (const GeneratedTrace::SpanItem &item : m_trace.spans)
        m_trace.endNs = std::max(m_trace.endNs, item.span.endTimeNs);
    GeneratedTrace trace = std::move(m_trace);
    m_trace = {};
    m_traceId = m_random.traceId();
    return trace;
}

} // namespace kansoku
