#include "interop_manifest.h"

#include <QByteArray>
#include <QStringList>
#include <algorithm>

namespace kansoku::interop {

namespace {

std::string utf8(const QJsonValue &value)
{
    return value.toString().toStdString();
}

std::uint64_t uint64FromManifest(const QJsonValue &value)
{
    // Counts are written as JSON numbers; all of them are far below 2^53.
    return static_cast<std::uint64_t>(value.toDouble());
}

std::vector<std::uint64_t> countsFromManifest(const QJsonArray &array)
{
    std::vector<std::uint64_t> counts;
    for (const QJsonValue &value : array)
        counts.push_back(uint64FromManifest(value));
    return counts;
}

std::optional<double> optionalDouble(const QJsonObject &object, QLatin1String key)
{
    if (!object.contains(key) || object.value(key).isNull())
        return std::nullopt;
    return object.value(key).toDouble();
}

void fillPointBase(DataPointBase &point, const QJsonObject &entry)
{
    point.attributes = attributesFromManifest(entry.value(QLatin1String("attributes")).toArray());
    point.startTimeNs = int64FromManifest(entry.value(QLatin1String("startTimeUnixNano")));
    point.timeNs = int64FromManifest(entry.value(QLatin1String("timeUnixNano")));
}

QString doubleText(double value)
{
    return QString::number(value, 'g', 17);
}

} // namespace

AnyValue anyValueFromManifest(const QJsonObject &typed)
{
    const QString type = typed.value(QLatin1String("type")).toString();
    const QJsonValue value = typed.value(QLatin1String("value"));
    if (type == QLatin1String("string"))
        return AnyValue::fromString(utf8(value));
    if (type == QLatin1String("bool"))
        return AnyValue::fromBool(value.toBool());
    if (type == QLatin1String("int"))
        return AnyValue::fromInt(int64FromManifest(value));
    if (type == QLatin1String("double"))
        return AnyValue::fromDouble(value.toDouble());
    if (type == QLatin1String("bytes"))
        return AnyValue::fromBytes(
            QByteArray::fromBase64(value.toString().toLatin1()).toStdString());
    if (type == QLatin1String("array")) {
        std::vector<AnyValue> values;
        for (const QJsonValue &item : value.toArray())
            values.push_back(anyValueFromManifest(item.toObject()));
        return AnyValue::fromArray(std::move(values));
    }
    if (type == QLatin1String("map"))
        return AnyValue::fromMap(attributesFromManifest(value.toArray()));
    return {};
}

Attributes attributesFromManifest(const QJsonArray &entries)
{
    Attributes attributes;
    for (const QJsonValue &entry : entries) {
        const QJsonObject object = entry.toObject();
        attributes.push_back(
            {utf8(object.value(QLatin1String("key"))),
             anyValueFromManifest(object.value(QLatin1String("value")).toObject())});
    }
    return attributes;
}

std::int64_t int64FromManifest(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().toLongLong();
    return static_cast<std::int64_t>(value.toDouble());
}

TraceId traceIdFromManifest(const QJsonValue &hex)
{
    return idFromHex<16>(utf8(hex)).value_or(TraceId{});
}

SpanId spanIdFromManifest(const QJsonValue &hex)
{
    return idFromHex<8>(utf8(hex)).value_or(SpanId{});
}

Resource resourceFromManifest(const QJsonObject &resource)
{
    Resource result;
    result.attributes
        = attributesFromManifest(resource.value(QLatin1String("attributes")).toArray());
    return result;
}

InstrumentationScope scopeFromManifest(const QJsonObject &scope)
{
    InstrumentationScope result;
    result.name = utf8(scope.value(QLatin1String("name")));
    result.version = utf8(scope.value(QLatin1String("version")));
    return result;
}

Span spanFromManifest(const QJsonObject &span)
{
    Span result;
    result.traceId = traceIdFromManifest(span.value(QLatin1String("traceId")));
    result.spanId = spanIdFromManifest(span.value(QLatin1String("spanId")));
    result.parentSpanId = spanIdFromManifest(span.value(QLatin1String("parentSpanId")));
    result.traceState = utf8(span.value(QLatin1String("traceState")));
    result.flags = static_cast<std::uint32_t>(span.value(QLatin1String("flags")).toInt());
    result.name = utf8(span.value(QLatin1String("name")));
    result.kind = static_cast<SpanKind>(span.value(QLatin1String("kind")).toInt());
    result.startTimeNs = int64FromManifest(span.value(QLatin1String("startTimeUnixNano")));
    result.endTimeNs = int64FromManifest(span.value(QLatin1String("endTimeUnixNano")));
    result.attributes = attributesFromManifest(span.value(QLatin1String("attributes")).toArray());
    result.droppedAttributesCount
        = static_cast<std::uint32_t>(span.value(QLatin1String("droppedAttributesCount")).toInt());
    const QJsonObject status = span.value(QLatin1String("status")).toObject();
    result.status.code = static_cast<StatusCode>(status.value(QLatin1String("code")).toInt());
    result.status.message = utf8(status.value(QLatin1String("message")));
    for (const QJsonValue &value : span.value(QLatin1String("events")).toArray()) {
        const QJsonObject event = value.toObject();
        SpanEvent spanEvent;
        spanEvent.name = utf8(event.value(QLatin1String("name")));
        spanEvent.timeNs = int64FromManifest(event.value(QLatin1String("timeUnixNano")));
        spanEvent.attributes
            = attributesFromManifest(event.value(QLatin1String("attributes")).toArray());
        result.events.push_back(std::move(spanEvent));
    }
    for (const QJsonValue &value : span.value(QLatin1String("links")).toArray()) {
        const QJsonObject link = value.toObject();
        SpanLink spanLink;
        spanLink.traceId = traceIdFromManifest(link.value(QLatin1String("traceId")));
        spanLink.spanId = spanIdFromManifest(link.value(QLatin1String("spanId")));
        spanLink.traceState = utf8(link.value(QLatin1String("traceState")));
        spanLink.flags = static_cast<std::uint32_t>(link.value(QLatin1String("flags")).toInt());
        spanLink.attributes
            = attributesFromManifest(link.value(QLatin1String("attributes")).toArray());
        result.links.push_back(std::move(spanLink));
    }
    return result;
}

LogRecord logFromManifest(const QJsonObject &log)
{
    LogRecord result;
    result.timeNs = int64FromManifest(log.value(QLatin1String("timeUnixNano")));
    result.observedTimeNs = int64FromManifest(log.value(QLatin1String("observedTimeUnixNano")));
    result.severityNumber = log.value(QLatin1String("severityNumber")).toInt();
    result.severityText = utf8(log.value(QLatin1String("severityText")));
    result.body = anyValueFromManifest(log.value(QLatin1String("body")).toObject());
    result.attributes = attributesFromManifest(log.value(QLatin1String("attributes")).toArray());
    result.flags = static_cast<std::uint32_t>(log.value(QLatin1String("flags")).toInt());
    result.traceId = traceIdFromManifest(log.value(QLatin1String("traceId")));
    result.spanId = spanIdFromManifest(log.value(QLatin1String("spanId")));
    result.eventName = utf8(log.value(QLatin1String("eventName")));
    return result;
}

Metric metricFromManifest(const QJsonObject &metric)
{
    Metric result;
    result.name = utf8(metric.value(QLatin1String("name")));
    result.description = utf8(metric.value(QLatin1String("description")));
    result.unit = utf8(metric.value(QLatin1String("unit")));
    result.temporality
        = static_cast<AggregationTemporality>(metric.value(QLatin1String("temporality")).toInt());
    result.isMonotonic = metric.value(QLatin1String("isMonotonic")).toBool();
    const QString type = metric.value(QLatin1String("type")).toString();
    const bool isInt = metric.value(QLatin1String("valueType")).toString() == QLatin1String("int");
    const QJsonArray points = metric.value(QLatin1String("points")).toArray();
    if (type == QLatin1String("sum") || type == QLatin1String("gauge")) {
        result.type = type == QLatin1String("sum") ? MetricType::Sum : MetricType::Gauge;
        for (const QJsonValue &value : points) {
            const QJsonObject entry = value.toObject();
            NumberDataPoint point;
            fillPointBase(point, entry);
            if (isInt)
                point.value = int64FromManifest(entry.value(QLatin1String("value")));
            else
                point.value = entry.value(QLatin1String("value")).toDouble();
            result.numberPoints.push_back(std::move(point));
        }
    } else if (type == QLatin1String("histogram")) {
        result.type = MetricType::Histogram;
        for (const QJsonValue &value : points) {
            const QJsonObject entry = value.toObject();
            HistogramDataPoint point;
            fillPointBase(point, entry);
            point.count = uint64FromManifest(entry.value(QLatin1String("count")));
            point.sum = optionalDouble(entry, QLatin1String("sum"));
            point.min = optionalDouble(entry, QLatin1String("min"));
            point.max = optionalDouble(entry, QLatin1String("max"));
            point.bucketCounts
                = countsFromManifest(entry.value(QLatin1String("bucketCounts")).toArray());
            for (const QJsonValue &bound : entry.value(QLatin1String("explicitBounds")).toArray())
                point.explicitBounds.push_back(bound.toDouble());
            result.histogramPoints.push_back(std::move(point));
        }
    } else if (type == QLatin1String("exponentialHistogram")) {
        result.type = MetricType::ExponentialHistogram;
        for (const QJsonValue &value : points) {
            const QJsonObject entry = value.toObject();
            ExponentialHistogramDataPoint point;
            fillPointBase(point, entry);
            point.count = uint64FromManifest(entry.value(QLatin1String("count")));
            point.sum = optionalDouble(entry, QLatin1String("sum"));
            point.min = optionalDouble(entry, QLatin1String("min"));
            point.max = optionalDouble(entry, QLatin1String("max"));
            point.scale = entry.value(QLatin1String("scale")).toInt();
            point.zeroCount = uint64FromManifest(entry.value(QLatin1String("zeroCount")));
            const QJsonObject positive = entry.value(QLatin1String("positive")).toObject();
            point.positive.offset = positive.value(QLatin1String("offset")).toInt();
            point.positive.bucketCounts
                = countsFromManifest(positive.value(QLatin1String("bucketCounts")).toArray());
            const QJsonObject negative = entry.value(QLatin1String("negative")).toObject();
            point.negative.offset = negative.value(QLatin1String("offset")).toInt();
            point.negative.bucketCounts
                = countsFromManifest(negative.value(QLatin1String("bucketCounts")).toArray());
            result.exponentialHistogramPoints.push_back(std::move(point));
        }
    }
    return result;
}

QString canonicalText(const AnyValue &value)
{
    switch (value.type()) {
    case AnyValue::Type::Empty:
        return QStringLiteral("empty");
    case AnyValue::Type::String:
        return QStringLiteral("string:\"") + QString::fromStdString(value.stringValue())
               + QLatin1Char('"');
    case AnyValue::Type::Bool:
        return value.boolValue() ? QStringLiteral("bool:true") : QStringLiteral("bool:false");
    case AnyValue::Type::Int:
        return QStringLiteral("int:") + QString::number(value.intValue());
    case AnyValue::Type::Double:
        return QStringLiteral("double:") + doubleText(value.doubleValue());
    case AnyValue::Type::Bytes:
        return QStringLiteral("bytes:")
               + QString::fromLatin1(QByteArray::fromStdString(value.bytesValue()).toHex());
    case AnyValue::Type::Array: {
        QStringList items;
        for (const AnyValue &item : value.arrayValue())
            items.append(canonicalText(item));
        return QStringLiteral("array[") + items.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case AnyValue::Type::Map:
        return QStringLiteral("map") + canonicalText(value.mapValue());
    }
    return {};
}

QString canonicalText(const Attributes &attributes)
{
    QStringList entries;
    for (const KeyValue &entry : attributes)
        entries.append(QString::fromStdString(entry.key) + QLatin1Char('=')
                       + canonicalText(entry.value));
    std::sort(entries.begin(), entries.end());
    return QLatin1Char('{') + entries.join(QStringLiteral(", ")) + QLatin1Char('}');
}

QString shortText(const QString &text)
{
    constexpr qsizetype maxLength = 600;
    if (text.size() <= maxLength)
        return text;
    return text.left(maxLength) + QStringLiteral("... (") + QString::number(text.size())
           + QStringLiteral(" characters)");
}

} // namespace kansoku::interop
