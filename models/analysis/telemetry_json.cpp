#include "analysis/telemetry_json.h"

#include "core/log_severity.h"
#include "core/time_format.h"

#include <cmath>
#include <map>
#include <set>

namespace kansoku {

namespace {

constexpr std::int64_t largestExactInteger = std::int64_t(1) << 53;

} // namespace

QString TelemetryJson::text(const std::string &value)
{
    return QString::fromStdString(value);
}

QString TelemetryJson::time(std::int64_t epochNs)
{
    return formatIsoTimestampNs(epochNs);
}

double TelemetryJson::milliseconds(std::int64_t durationNs)
{
    return std::round(double(durationNs) / 1000.0) / 1000.0;
}

QJsonValue TelemetryJson::value(const AnyValue &value)
{
    switch (value.type()) {
    case AnyValue::Type::Empty:
        return QJsonValue::Null;
    case AnyValue::Type::String:
        return text(value.stringValue());
    case AnyValue::Type::Bool:
        return value.boolValue();
    case AnyValue::Type::Int:
        if (std::abs(value.intValue()) <= largestExactInteger)
            return double(value.intValue());
        return QString::number(value.intValue());
    case AnyValue::Type::Double:
        // JSON has no NaN or infinities; their text keeps the fact visible.
        if (!std::isfinite(value.doubleValue()))
            return text(value.toDisplayString());
        return value.doubleValue();
    case AnyValue::Type::Bytes:
        return text(toHex(value.bytesValue()));
    case AnyValue::Type::Array: {
        QJsonArray items;
        for (const AnyValue &item : value.arrayValue())
            items.append(TelemetryJson::value(item));
        return items;
    }
    case AnyValue::Type::Map:
        return attributes(value.mapValue());
    }
    return QJsonValue::Null;
}

QJsonObject TelemetryJson::attributes(const Attributes &attributes)
{
    QJsonObject object;
    for (const KeyValue &entry : attributes)
        object.insert(text(entry.key), value(entry.value));
    return object;
}

QString TelemetryJson::spanKind(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Internal:
        return QStringLiteral("internal");
    case SpanKind::Server:
        return QStringLiteral("server");
    case SpanKind::Client:
        return QStringLiteral("client");
    case SpanKind::Producer:
        return QStringLiteral("producer");
    case SpanKind::Consumer:
        return QStringLiteral("consumer");
    case SpanKind::Unspecified:
        break;
    }
    return QStringLiteral("unspecified");
}

QString TelemetryJson::statusCode(StatusCode code)
{
    switch (code) {
    case StatusCode::Ok:
        return QStringLiteral("ok");
    case StatusCode::Error:
        return QStringLiteral("error");
    case StatusCode::Unset:
        break;
    }
    return QStringLiteral("unset");
}

QJsonObject TelemetryJson::service(const ServiceStatistics &service)
{
    QJsonObject object{{QStringLiteral("name"), text(service.name)},
                       {QStringLiteral("spans"), double(service.spans)},
                       {QStringLiteral("traces"), double(service.traces)},
                       {QStringLiteral("logs"), double(service.logRecords)},
                       {QStringLiteral("metric_streams"), double(service.metricStreams)},
                       {QStringLiteral("data_points"), double(service.dataPoints)}};
    if (service.range) {
        object.insert(QStringLiteral("first"), time(service.range->startNs));
        // The range is half-open; "last" is the latest item's own time.
        object.insert(QStringLiteral("last"), time(service.range->endNs - 1));
    }
    return object;
}

QJsonObject TelemetryJson::traceSummary(const TraceSummary &trace)
{
    QJsonArray services;
    for (const std::string &service : trace.services)
        services.append(text(service));
    return {{QStringLiteral("trace_id"), text(toHex(trace.traceId))},
            {QStringLiteral("start"), time(trace.startTimeNs)},
            {QStringLiteral("duration_ms"), milliseconds(trace.durationNs)},
            {QStringLiteral("root_service"), text(trace.rootService)},
            {QStringLiteral("root_operation"), text(trace.rootName)},
            {QStringLiteral("spans"), double(trace.spanCount)},
            {QStringLiteral("errors"), double(trace.errorCount)},
            {QStringLiteral("services"), services}};
}

QJsonObject TelemetryJson::log(const StoredLog &log)
{
    const LogRecord &record = log.record;
    QString severity = text(record.severityText);
    if (severity.isEmpty())
        severity = LogSeverity::shortName(record.severityNumber);
    QJsonObject object{{QStringLiteral("time"), time(record.effectiveTimeNs())},
                       {QStringLiteral("severity"), severity},
                       {QStringLiteral("severity_number"), record.severityNumber},
                       {QStringLiteral("service"), text(log.resource.serviceName())},
                       {QStringLiteral("body"), value(record.body)},
                       {QStringLiteral("attributes"), attributes(record.attributes)}};
    if (!record.traceId.isZero())
        object.insert(QStringLiteral("trace_id"), text(toHex(record.traceId)));
    if (!record.spanId.isZero())
        object.insert(QStringLiteral("span_id"), text(toHex(record.spanId)));
    if (!record.eventName.empty())
        object.insert(QStringLiteral("event_name"), text(record.eventName));
    return object;
}

QString TelemetryJson::metricType(MetricType type)
{
    switch (type) {
    case MetricType::Gauge:
        return QStringLiteral("gauge");
    case MetricType::Sum:
        return QStringLiteral("sum");
    case MetricType::Histogram:
        return QStringLiteral("histogram");
    case MetricType::ExponentialHistogram:
        return QStringLiteral("exponential_histogram");
    case MetricType::Summary:
        return QStringLiteral("summary");
    }
    return QStringLiteral("gauge");
}

QJsonArray TelemetryJson::metrics(const std::vector<MetricStream> &streams)
{
    struct Group
    {
        const MetricStream *first = nullptr;
        std::set<std::string> services;
        std::int64_t streams = 0;
        std::int64_t points = 0;
        std::int64_t firstNs = 0;
        std::int64_t lastNs = 0;
    };
    std::map<std::string, Group> groups;
    for (const MetricStream &stream : streams) {
        Group &group = groups[stream.name];
        if (!group.first) {
            group.first = &stream;
            group.firstNs = stream.firstTimeNs;
            group.lastNs = stream.lastTimeNs;
        }
        group.services.insert(stream.resource.serviceName());
        ++group.streams;
        group.points += stream.pointCount;
        group.firstNs = std::min(group.firstNs, stream.firstTimeNs);
        group.lastNs = std::max(group.lastNs, stream.lastTimeNs);
    }
    QJsonArray metrics;
    for (const auto &[name, group] : groups) {
        QJsonArray services;
        for (const std::string &service : group.services)
            services.append(text(service));
        metrics.append(QJsonObject{{QStringLiteral("name"), text(name)},
                                   {QStringLiteral("type"), metricType(group.first->type)},
                                   {QStringLiteral("unit"), text(group.first->unit)},
                                   {QStringLiteral("description"), text(group.first->description)},
                                   {QStringLiteral("monotonic"), group.first->isMonotonic},
                                   {QStringLiteral("services"), services},
                                   {QStringLiteral("streams"), double(group.streams)},
                                   {QStringLiteral("data_points"), double(group.points)},
                                   {QStringLiteral("first"), time(group.firstNs)},
                                   {QStringLiteral("last"), time(group.lastNs)}});
    }
    return metrics;
}

QJsonObject TelemetryJson::chart(const MetricChart &chart)
{
    QJsonArray series;
    for (const ChartSeries &line : chart.series) {
        QJsonArray points;
        for (std::size_t i = 0; i < line.timesNs.size() && i < line.values.size(); ++i) {
            if (std::isfinite(line.values[i]))
                points.append(QJsonArray{time(line.timesNs[i]), line.values[i]});
        }
        series.append(
            QJsonObject{{QStringLiteral("name"), line.name}, {QStringLiteral("points"), points}});
    }
    return {{QStringLiteral("shown"), chart.shown},
            {QStringLiteral("unit"), chart.valueUnit},
            {QStringLiteral("series"), series},
            {QStringLiteral("omitted_series"), chart.omittedSeries}};
}

} // namespace kansoku
