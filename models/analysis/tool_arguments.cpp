#include "analysis/tool_arguments.h"

#include "analysis/page_cursor.h"
#include "core/time_format.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace kansoku {

namespace {

QString shown(const QJsonValue &value)
{
    if (value.isString())
        return QLatin1Char('"') + value.toString().left(80) + QLatin1Char('"');
    if (value.isObject() || value.isArray()) {
        const QJsonDocument document
            = value.isObject() ? QJsonDocument(value.toObject()) : QJsonDocument(value.toArray());
        return QString::fromUtf8(document.toJson(QJsonDocument::Compact)).left(80);
    }
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isNull())
        return QStringLiteral("null");
    return QString::number(value.toDouble(), 'g', 17);
}

} // namespace

std::optional<QJsonValue> ToolArguments::present(const QString &name) const
{
    if (!isValid() || !m_arguments.contains(name))
        return std::nullopt;
    return m_arguments.value(name);
}

template<typename T>
std::optional<T> ToolArguments::failWith(const QString &name, const QString &expected)
{
    fail(QStringLiteral("%1: expected %2, got %3")
             .arg(name, expected, shown(m_arguments.value(name))));
    return std::nullopt;
}

void ToolArguments::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

void ToolArguments::require(const QString &name)
{
    if (!m_arguments.contains(name))
        fail(QStringLiteral("%1: required").arg(name));
}

void ToolArguments::allowOnly(const QStringList &names)
{
    for (auto it = m_arguments.constBegin(); it != m_arguments.constEnd(); ++it) {
        if (!names.contains(it.key())) {
            fail(QStringLiteral("unknown argument \"%1\"; this tool takes: %2")
                     .arg(it.key(), names.join(QStringLiteral(", "))));
            return;
        }
    }
}

std::optional<QString> ToolArguments::string(const QString &name)
{
    const std::optional<QJsonValue> value = present(name);
    if (!value)
        return std::nullopt;
    if (!value->isString())
        return failWith<QString>(name, QStringLiteral("a string"));
    return value->toString();
}

std::optional<QString> ToolArguments::choice(const QString &name, const QStringList &allowed)
{
    const std::optional<QString> value = string(name);
    if (value && !allowed.contains(*value))
        return failWith<QString>(
            name, QStringLiteral("one of %1").arg(allowed.join(QStringLiteral(", "))));
    return value;
}

std::optional<std::int64_t> ToolArguments::integer(const QString &name, std::int64_t minimum,
                                                   std::int64_t maximum)
{
    const std::optional<QJsonValue> value = present(name);
    if (!value)
        return std::nullopt;
    const double number = value->toDouble(std::nan(""));
    if (!value->isDouble() || std::floor(number) != number || number < double(minimum)
        || number > double(maximum))
        return failWith<std::int64_t>(
            name, QStringLiteral("a whole number from %1 to %2").arg(minimum).arg(maximum));
    return std::int64_t(number);
}

std::optional<double> ToolArguments::number(const QString &name, double minimum, double maximum)
{
    const std::optional<QJsonValue> value = present(name);
    if (!value)
        return std::nullopt;
    const double number = value->toDouble(std::nan(""));
    if (!value->isDouble() || !(number >= minimum && number <= maximum))
        return failWith<double>(name,
                                QStringLiteral("a number from %1 to %2").arg(minimum).arg(maximum));
    return number;
}

std::optional<bool> ToolArguments::boolean(const QString &name)
{
    const std::optional<QJsonValue> value = present(name);
    if (!value)
        return std::nullopt;
    if (!value->isBool())
        return failWith<bool>(name, QStringLiteral("true or false"));
    return value->toBool();
}

std::optional<std::int64_t> ToolArguments::timeNs(const QString &name)
{
    const std::optional<QString> text = string(name);
    if (!text)
        return std::nullopt;
    const std::optional<std::int64_t> time = parseIsoTimestampNs(*text);
    if (!time)
        return failWith<std::int64_t>(
            name, QStringLiteral("an ISO 8601 date and time such as 2026-12-03T10:00:00Z"));
    return time;
}

template<std::size_t Size>
std::optional<FixedId<Size>> ToolArguments::hexId(const QString &name, const QString &expected)
{
    const std::optional<QString> text = string(name);
    if (!text)
        return std::nullopt;
    const std::optional<FixedId<Size>> id = idFromHex<Size>(text->toStdString());
    if (!id || id->isZero())
        return failWith<FixedId<Size>>(name, expected);
    return id;
}

std::optional<TraceId> ToolArguments::traceId(const QString &name)
{
    return hexId<16>(name, QStringLiteral("a trace id of 32 hex digits, not all zero"));
}

std::optional<SpanId> ToolArguments::spanId(const QString &name)
{
    return hexId<8>(name, QStringLiteral("a span id of 16 hex digits, not all zero"));
}

std::optional<std::int64_t> ToolArguments::cursor(const QString &name, const QString &kind)
{
    const std::optional<QString> text = string(name);
    if (!text)
        return std::nullopt;
    const std::optional<std::int64_t> position = PageCursor::decode(*text, kind);
    if (!position || *position < 0)
        return failWith<std::int64_t>(
            name, QStringLiteral("a next_cursor returned by an earlier call of this tool"));
    return position;
}

std::optional<std::vector<std::pair<QString, QString>>>
ToolArguments::stringMap(const QString &name)
{
    const std::optional<QJsonValue> value = present(name);
    if (!value)
        return std::nullopt;
    const QJsonObject object = value->toObject();
    std::vector<std::pair<QString, QString>> entries;
    bool strings = value->isObject();
    for (auto it = object.constBegin(); strings && it != object.constEnd(); ++it) {
        strings = it.value().isString();
        entries.emplace_back(it.key(), it.value().toString());
    }
    if (!strings)
        return failWith<std::vector<std::pair<QString, QString>>>(
            name, QStringLiteral("an object of string values, such as {\"http.route\": \"/\"}"));
    return entries;
}

} // namespace kansoku
