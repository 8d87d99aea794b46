#include "query_command.h"

#include "analysis/tool_arguments.h"
#include "formats/record_table_writer.h"
#include "read_only_session.h"
#include "telemetry_store.h"
#include "telemetry_tool_catalog.h"
#include "telemetry_tools.h"

#include <QJsonArray>
#include <cstdio>

namespace kansoku {

namespace {

struct Listing
{
    QString key; // the array of the tool's result that holds the rows
    QList<RecordColumn> columns;
};

Listing listingOf(const QString &tool)
{
    const auto columns = [](std::initializer_list<const char *> keys) {
        QList<RecordColumn> result;
        for (const char *key : keys)
            result.append({QLatin1String(key), QString::fromLatin1(key).toUpper()});
        return result;
    };
    if (tool == QLatin1String("search_traces"))
        return {QStringLiteral("traces"),
                columns({"trace_id", "start", "duration_ms", "root_service", "root_operation",
                         "spans", "errors"})};
    if (tool == QLatin1String("get_trace"))
        return {QStringLiteral("spans"),
                columns({"span_id", "parent_span_id", "depth", "service", "name", "duration_ms",
                         "self_ms", "critical_path_ms", "status"})};
    if (tool == QLatin1String("search_logs"))
        return {QStringLiteral("logs"),
                columns({"time", "severity", "service", "body", "trace_id", "span_id"})};
    if (tool == QLatin1String("list_metrics"))
        return {QStringLiteral("metrics"), columns({"name", "type", "unit", "services", "streams",
                                                    "data_points", "first", "last"})};
    if (tool == QLatin1String("query_metric"))
        return {QStringLiteral("points"), columns({"series", "time", "value"})};
    return {QStringLiteral("services"),
            columns({"name", "spans", "traces", "logs", "metric_streams", "data_points", "first",
                     "last"})};
}

// query_metric's series as rows of one point each.
QJsonArray pointsOf(const QJsonObject &result)
{
    QJsonArray rows;
    for (const QJsonValue &series : result.value(QLatin1String("series")).toArray()) {
        const QJsonObject object = series.toObject();
        for (const QJsonValue &point : object.value(QLatin1String("points")).toArray())
            rows.append(QJsonObject{{QStringLiteral("series"), object.value(QLatin1String("name"))},
                                    {QStringLiteral("time"), point.toArray().at(0)},
                                    {QStringLiteral("value"), point.toArray().at(1)}});
    }
    return rows;
}

} // namespace

bool QueryCommand::toolCall(const QString &kind, const QStringList &arguments, QString *tool,
                            QJsonObject *toolArguments, QString *errorMessage)
{
    QStringList filters = arguments;
    *toolArguments = {};
    if (kind == QLatin1String("traces")) {
        *tool = QStringLiteral("search_traces");
    } else if (kind == QLatin1String("trace")) {
        *tool = QStringLiteral("get_trace");
        toolArguments->insert(QStringLiteral("trace_id"), filters.takeFirst());
    } else if (kind == QLatin1String("logs")) {
        *tool = QStringLiteral("search_logs");
    } else if (kind == QLatin1String("metrics")) {
        const bool named = std::any_of(filters.cbegin(), filters.cend(), [](const QString &filter) {
            return filter.startsWith(QLatin1String("name="));
        });
        *tool = named ? QStringLiteral("query_metric") : QStringLiteral("list_metrics");
    } else {
        *tool = QStringLiteral("list_services");
    }
    const QJsonObject properties
        = TelemetryToolCatalog::inputSchema(*tool).value(QLatin1String("properties")).toObject();
    QJsonObject attributes;
    for (const QString &filter : std::as_const(filters)) {
        const qsizetype equals = filter.indexOf(QLatin1Char('='));
        const QString name = filter.left(equals);
        const QString value = filter.mid(equals + 1);
        const auto fail = [errorMessage](const QString &message) {
            *errorMessage = message;
            return false;
        };
        if (equals <= 0)
            return fail(QStringLiteral("\"%1\" is not a filter NAME=VALUE").arg(filter));
        if (name.startsWith(QLatin1String("attributes."))
            && properties.contains(QLatin1String("attributes"))) {
            attributes.insert(name.mid(int(qstrlen("attributes."))), value);
            continue;
        }
        // The cursor and the page size are the command's own business (--limit).
        const QString type
            = name == QLatin1String("cursor") || name == QLatin1String("limit")
                  ? QString()
                  : properties.value(name).toObject().value(QLatin1String("type")).toString();
        if (type.isEmpty()) {
            QStringList names = properties.keys();
            names.removeAll(QStringLiteral("cursor"));
            names.removeAll(QStringLiteral("limit"));
            if (properties.contains(QLatin1String("attributes")))
                names.replaceInStrings(QStringLiteral("attributes"),
                                       QStringLiteral("attributes.KEY"));
            return fail(QStringLiteral("unknown filter \"%1\" for query %2; filters: %3")
                            .arg(name, kind,
                                 names.isEmpty() ? QStringLiteral("(none)")
                                                 : names.join(QStringLiteral(", "))));
        }
        if (type == QLatin1String("integer") || type == QLatin1String("number")) {
            bool ok = false;
            const double number = value.toDouble(&ok);
            if (!ok)
                return fail(QStringLiteral("%1: \"%2\" is not a number").arg(name, value));
            toolArguments->insert(name, number);
        } else if (type == QLatin1String("boolean")) {
            if (value != QLatin1String("true") && value != QLatin1String("false"))
                return fail(QStringLiteral("%1: \"%2\" is not true or false").arg(name, value));
            toolArguments->insert(name, value == QLatin1String("true"));
        } else {
            toolArguments->insert(name, value);
        }
    }
    if (!attributes.isEmpty())
        toolArguments->insert(QStringLiteral("attributes"), attributes);
    return true;
}

int QueryCommand::run() const
{
    const auto fail = [](const QString &message) {
        std::fprintf(stderr, "kansoku query: %s\n", message.toLocal8Bit().constData());
        return 2;
    };
    QString tool;
    QJsonObject arguments;
    QString error;
    if (!toolCall(m_options.queryKind, m_options.queryArguments, &tool, &arguments, &error))
        return fail(error);
    const std::unique_ptr<TelemetryStore> store
        = ReadOnlySession::open(m_options.databasePath, true, &error);
    if (!store)
        return fail(error);
    const TelemetryTools tools(store->queries(), m_options.databasePath);
    const Listing listing = listingOf(tool);
    const bool pages = TelemetryToolCatalog::argumentNames(tool).contains(QLatin1String("cursor"));
    if (tool == QLatin1String("get_trace") && m_options.queryLimit > 0
        && !arguments.contains(QLatin1String("max_spans")))
        arguments.insert(QStringLiteral("max_spans"), m_options.queryLimit);
    const int limit = m_options.queryLimit > 0 ? m_options.queryLimit : 20;

    QJsonArray rows;
    for (;;) {
        if (pages)
            arguments.insert(QStringLiteral("limit"), std::min<int>(TelemetryToolCatalog::maxLimit,
                                                                    limit - int(rows.size())));
        const ToolOutcome outcome = tools.call(tool, arguments);
        if (outcome.failed())
            return fail(outcome.error);
        QJsonArray page = tool == QLatin1String("query_metric")
                              ? pointsOf(outcome.result)
                              : outcome.result.value(listing.key).toArray();
        if (outcome.result.contains(QLatin1String("span")))
            page = {outcome.result.value(QLatin1String("span"))};
        for (const QJsonValue &row : std::as_const(page))
            rows.append(row);
        const QJsonValue cursor = outcome.result.value(QLatin1String("next_cursor"));
        if (!pages || !cursor.isString() || rows.size() >= limit)
            break;
        arguments.insert(QStringLiteral("cursor"), cursor);
    }
    const QByteArray output = m_options.json  ? RecordTableWriter::jsonLines(rows)
                              : m_options.csv ? RecordTableWriter::csv(listing.columns, rows)
                                              : RecordTableWriter::text(listing.columns, rows);
    std::fwrite(output.constData(), 1, std::size_t(output.size()), stdout);
    return 0;
}

} // namespace kansoku
