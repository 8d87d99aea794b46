#include "telemetry_tool_catalog.h"

#include "analysis/finding.h"

namespace kansoku {

namespace {

QJsonObject typed(const char *type, const QString &description)
{
    return {{QStringLiteral("type"), QLatin1String(type)},
            {QStringLiteral("description"), description}};
}

QJsonObject string(const QString &description)
{
    return typed("string", description);
}

QJsonObject time(const QString &description)
{
    QJsonObject property
        = string(description
                 + QStringLiteral(" ISO 8601 date and time, e.g. "
                                  "2026-12-03T10:00:00Z (no offset: local time)."));
    property.insert(QStringLiteral("format"), QStringLiteral("date-time"));
    return property;
}

QJsonObject bounded(const char *type, const QString &description, double minimum,
                    double maximum = -1)
{
    QJsonObject property = typed(type, description);
    property.insert(QStringLiteral("minimum"), minimum);
    if (maximum >= minimum)
        property.insert(QStringLiteral("maximum"), maximum);
    return property;
}

QJsonObject choice(const QString &description, const QStringList &values)
{
    QJsonObject property = string(description);
    property.insert(QStringLiteral("enum"), QJsonArray::fromStringList(values));
    return property;
}

QJsonObject hexId(int digits, const QString &description)
{
    QJsonObject property = string(description);
    property.insert(QStringLiteral("pattern"), QStringLiteral("^[0-9a-fA-F]{%1}$").arg(digits));
    return property;
}

QJsonObject limit()
{
    return bounded("integer",
                   QStringLiteral("Items per page (default %1, at most %2).")
                       .arg(TelemetryToolCatalog::defaultLimit)
                       .arg(TelemetryToolCatalog::maxLimit),
                   1, TelemetryToolCatalog::maxLimit);
}

QJsonObject cursor()
{
    return string(QStringLiteral("The next_cursor of the previous page, to continue the listing "
                                 "with the same other arguments."));
}

QJsonObject range(QJsonObject properties, const QString &what)
{
    properties.insert(QStringLiteral("from"),
                      time(QStringLiteral("Only %1 at or after this.").arg(what)));
    properties.insert(QStringLiteral("to"), time(QStringLiteral("Only %1 before this.").arg(what)));
    return properties;
}

QJsonObject schema(const QJsonObject &properties, const QStringList &required = {})
{
    QJsonObject object{{QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), properties},
                       {QStringLiteral("additionalProperties"), false}};
    if (!required.isEmpty())
        object.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return object;
}

QJsonObject tool(const char *name, const QString &title, const QString &description,
                 const QJsonObject &inputSchema)
{
    return {{QStringLiteral("name"), QLatin1String(name)},
            {QStringLiteral("title"), title},
            {QStringLiteral("description"), description},
            {QStringLiteral("inputSchema"), inputSchema},
            {QStringLiteral("annotations"), QJsonObject{{QStringLiteral("readOnlyHint"), true},
                                                        {QStringLiteral("openWorldHint"), false}}}};
}

QStringList detectorIds()
{
    QStringList ids;
    for (FindingKind kind : allFindingKinds())
        ids.append(QLatin1String(findingKindId(kind)));
    return ids;
}

QJsonArray makeTools()
{
    const QJsonObject service
        = string(QStringLiteral("Service name (the service.name resource attribute)."));
    QJsonArray tools;
    tools.append(tool("list_services", QStringLiteral("List services"),
                      QStringLiteral("The services in the session, with how many spans, traces, "
                                     "logs, metric streams and data points each sent, and when "
                                     "(first, last). Start here."),
                      schema({})));
    tools.append(tool(
        "search_traces", QStringLiteral("Search traces"),
        QStringLiteral("Traces matching every given filter, newest first unless sort says "
                       "otherwise; without arguments the newest traces. Each: trace_id (32 hex "
                       "digits), start, duration_ms, root_service, root_operation, span and error "
                       "counts, services. Page on with next_cursor."),
        schema(
            range({{QStringLiteral("service"),
                    string(QStringLiteral("Traces with at least one span of this service."))},
                   {QStringLiteral("operation"),
                    string(QStringLiteral("The root span's name, exactly."))},
                   {QStringLiteral("min_duration_ms"),
                    bounded("number", QStringLiteral("Traces lasting at least this long."), 0)},
                   {QStringLiteral("max_duration_ms"),
                    bounded("number", QStringLiteral("Traces lasting at most this long."), 0)},
                   {QStringLiteral("error"),
                    typed("boolean", QStringLiteral("true: only traces with a span whose "
                                                    "status is error."))},
                   {QStringLiteral("attributes"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                {QStringLiteral("additionalProperties"),
                                 QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                                {QStringLiteral("description"),
                                 QStringLiteral("Span attributes that must match (as text) on "
                                                "some span of the trace, e.g. "
                                                "{\"http.route\": \"/checkout\"}.")}}},
                   {QStringLiteral("sort"),
                    choice(QStringLiteral("Order (default newest)."),
                           {QStringLiteral("newest"), QStringLiteral("oldest"),
                            QStringLiteral("slowest"), QStringLiteral("fastest")})},
                   {QStringLiteral("limit"), limit()},
                   {QStringLiteral("cursor"), cursor()}},
                  QStringLiteral("traces starting")))));
    tools.append(tool(
        "get_trace", QStringLiteral("Get a trace"),
        QStringLiteral("One trace as a span tree summary: spans in tree order with depth, "
                       "service, kind, start offset, duration and self time (ms), status and key "
                       "attributes; the critical path (the chain of work that decided when the "
                       "trace ended); the findings (N+1, slow query, ...) with spans in it. Huge "
                       "traces are cut at max_depth and max_spans (omitted_spans says how many "
                       "were left out). With span_id: that one span whole (all attributes, "
                       "events, links, resource)."),
        schema({{QStringLiteral("trace_id"), hexId(32, QStringLiteral("The trace id."))},
                {QStringLiteral("span_id"),
                 hexId(16, QStringLiteral("Return only this span, with all its fields."))},
                {QStringLiteral("max_depth"),
                 bounded("integer",
                         QStringLiteral("Deepest span level shown (default 20; 0 = "
                                        "the roots)."),
                         0, 1000)},
                {QStringLiteral("max_spans"),
                 bounded("integer", QStringLiteral("At most this many spans (default 200)."), 1,
                         2000)}},
               {QStringLiteral("trace_id")})));
    tools.append(tool(
        "search_logs", QStringLiteral("Search logs"),
        QStringLiteral("Logs matching a search in the Logs pane's language, newest first: words, "
                       "\"phrases\", prefix*, AND/OR/NOT, and filters severity>=warn, "
                       "service:NAME, trace:HEX, span:HEX, key=value. Each: time, severity, "
                       "service, body, trace_id, span_id, attributes. Page on with next_cursor."),
        schema(range(
            {{QStringLiteral("query"),
              string(QStringLiteral("The search text, e.g. 'severity>=error timeout' "
                                    "(empty: all logs)."))},
             {QStringLiteral("service"), service},
             {QStringLiteral("severity"),
              string(QStringLiteral("Minimum severity: trace, debug, info, warn, error, "
                                    "fatal or a number 1-24."))},
             {QStringLiteral("trace_id"), hexId(32, QStringLiteral("Only logs of this trace."))},
             {QStringLiteral("limit"), limit()},
             {QStringLiteral("cursor"), cursor()}},
            QStringLiteral("logs")))));
    tools.append(tool(
        "list_metrics", QStringLiteral("List metrics"),
        QStringLiteral("Metrics by name: type (gauge, sum, histogram, ...), unit, description, "
                       "services, stream and data point counts, first and last point. Page on "
                       "with next_cursor."),
        schema(range({{QStringLiteral("service"), service},
                      {QStringLiteral("name_contains"),
                       string(QStringLiteral("Part of the metric name (case-insensitive)."))},
                      {QStringLiteral("limit"), limit()},
                      {QStringLiteral("cursor"), cursor()}},
                     QStringLiteral("metrics with points")))));
    tools.append(tool(
        "query_metric", QStringLiteral("Query a metric"),
        QStringLiteral("The series of one metric over a time range, aggregated to about "
                       "`points` points: rates per second for monotonic counters, values for "
                       "gauges, p50/p90/p99 for histograms, the quantiles of summaries. One "
                       "series per stream, or per value of group_by. Points are [time, value]."),
        schema(
            range({{QStringLiteral("name"), string(QStringLiteral("The metric name, exactly."))},
                   {QStringLiteral("service"), service},
                   {QStringLiteral("points"),
                    bounded("integer", QStringLiteral("Points per series (default 60)."), 2, 1000)},
                   {QStringLiteral("group_by"),
                    string(QStringLiteral("An attribute key: one series per value of it."))},
                   {QStringLiteral("counter"),
                    choice(QStringLiteral("Monotonic sums as a rate per second (default) or "
                                          "the raw running value."),
                           {QStringLiteral("rate"), QStringLiteral("raw")})}},
                  QStringLiteral("points")),
            {QStringLiteral("name")})));
    tools.append(tool(
        "list_findings", QStringLiteral("List findings"),
        QStringLiteral("Performance problems the detectors find in the traces of a time range, "
                       "worst first: N+1 calls, redundant calls, slow queries, lock waits and "
                       "the other detectors the detector argument lists. Each with "
                       "its service, operation, statement, cost per request, share of latency, "
                       "example trace ids and a fix hint. Reads every trace of the range."),
        schema(range({{QStringLiteral("detector"),
                       choice(QStringLiteral("Only this kind of finding."), detectorIds())},
                      {QStringLiteral("limit"), limit()},
                      {QStringLiteral("cursor"), cursor()}},
                     QStringLiteral("traces starting")))));
    tools.append(tool(
        "compare_runs", QStringLiteral("Compare two runs"),
        QStringLiteral("Compares two time ranges of the session (before and after a change): per "
                       "operation and statement calls per request, p50, p95, error rate, and the "
                       "findings that are new, fixed or persisting; worse is true when p95 or "
                       "calls per request grew by more than threshold_percent or a new finding "
                       "appeared. Rows by impact, at most `limit`."),
        schema({{QStringLiteral("before_from"), time(QStringLiteral("Start of the run before."))},
                {QStringLiteral("before_to"), time(QStringLiteral("End of the run before."))},
                {QStringLiteral("after_from"), time(QStringLiteral("Start of the run after."))},
                {QStringLiteral("after_to"), time(QStringLiteral("End of the run after."))},
                {QStringLiteral("threshold_percent"),
                 bounded("number", QStringLiteral("Growth that counts as worse (default 10)."), 0)},
                {QStringLiteral("limit"), limit()}},
               {QStringLiteral("before_from"), QStringLiteral("before_to"),
                QStringLiteral("after_from"), QStringLiteral("after_to")})));
    return tools;
}

} // namespace

const QJsonArray &TelemetryToolCatalog::tools()
{
    static const QJsonArray catalog = makeTools();
    return catalog;
}

QJsonObject TelemetryToolCatalog::inputSchema(const QString &toolName)
{
    for (const QJsonValue &entry : tools()) {
        if (entry.toObject().value(QLatin1String("name")).toString() == toolName)
            return entry.toObject().value(QLatin1String("inputSchema")).toObject();
    }
    return {};
}

QStringList TelemetryToolCatalog::argumentNames(const QString &toolName)
{
    return inputSchema(toolName).value(QLatin1String("properties")).toObject().keys();
}

} // namespace kansoku
