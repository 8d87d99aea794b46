#include "analysis/log_body_formatter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace kansoku {

namespace {

QString jsonString(const QString &text)
{
    // QJsonDocument escapes exactly as JSON requires; strip the array brackets around it.
    const QByteArray json = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

// Indented JSON keeping the map's key order (QJsonObject would sort the keys).
void appendPretty(QString &out, const AnyValue &value, int depth)
{
    const QString indent(4 * (depth + 1), QLatin1Char(' '));
    const QString closingIndent(4 * depth, QLatin1Char(' '));
    if (value.type() == AnyValue::Type::Map) {
        if (value.mapValue().empty()) {
            out += QStringLiteral("{}");
            return;
        }
        out += QStringLiteral("{\n");
        bool first = true;
        for (const KeyValue &entry : value.mapValue()) {
            if (!first)
                out += QStringLiteral(",\n");
            first = false;
            out += indent + jsonString(QString::fromStdString(entry.key)) + QStringLiteral(": ");
            appendPretty(out, entry.value, depth + 1);
        }
        out += QLatin1Char('\n') + closingIndent + QLatin1Char('}');
    } else if (value.type() == AnyValue::Type::Array) {
        if (value.arrayValue().empty()) {
            out += QStringLiteral("[]");
            return;
        }
        out += QStringLiteral("[\n");
        bool first = true;
        for (const AnyValue &item : value.arrayValue()) {
            if (!first)
                out += QStringLiteral(",\n");
            first = false;
            out += indent;
            appendPretty(out, item, depth + 1);
        }
        out += QLatin1Char('\n') + closingIndent + QLatin1Char(']');
    } else {
        const QByteArray json = QJsonDocument(QJsonArray{LogBodyFormatter::toJson(value)})
                                    .toJson(QJsonDocument::Compact);
        out += QString::fromUtf8(json.mid(1, json.size() - 2));
    }
}

} // namespace

QString LogBodyFormatter::singleLine(const AnyValue &body, qsizetype maxChars)
{
    const std::string &text
        = body.type() == AnyValue::Type::String ? body.stringValue() : body.toDisplayString();
    // Converting only the shown prefix keeps a multi-megabyte body cheap to display; +4 bytes
    // per character covers the longest UTF-8 sequence.
    const std::size_t bytes = std::min(text.size(), static_cast<std::size_t>(maxChars) * 4 + 4);
    QString line = QString::fromUtf8(text.data(), static_cast<qsizetype>(bytes));
    bool truncated = bytes < text.size();
    if (line.size() > maxChars) {
        line.truncate(maxChars);
        truncated = true;
    }
    if (line.endsWith(QChar::ReplacementCharacter) && truncated)
        line.chop(1); // a UTF-8 sequence cut by the byte limit
    QString result;
    result.reserve(line.size() + 1);
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (c == QLatin1Char('\r') && i + 1 < line.size() && line[i + 1] == QLatin1Char('\n'))
            continue;
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            result += QStringLiteral(" ⏎ ");
        else if (c == QLatin1Char('\t') || c.category() == QChar::Other_Control)
            result += QLatin1Char(' ');
        else
            result += c;
    }
    if (truncated)
        result += QChar(0x2026);
    return result;
}

QString LogBodyFormatter::pretty(const AnyValue &body)
{
    switch (body.type()) {
    case AnyValue::Type::Map:
    case AnyValue::Type::Array: {
        QString text;
        appendPretty(text, body, 0);
        return text;
    }
    case AnyValue::Type::String: {
        const std::string &text = body.stringValue();
        const auto first = text.find_first_not_of(" \t\r\n");
        if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(
                QByteArray::fromRawData(text.data(), static_cast<qsizetype>(text.size())), &error);
            if (error.error == QJsonParseError::NoError && !document.isNull())
                return QString::fromUtf8(document.toJson(QJsonDocument::Indented).trimmed());
        }
        return QString::fromStdString(text);
    }
    default:
        return QString::fromStdString(body.toDisplayString());
    }
}

QJsonValue LogBodyFormatter::toJson(const AnyValue &value)
{
    switch (value.type()) {
    case AnyValue::Type::Empty:
        return QJsonValue(QJsonValue::Null);
    case AnyValue::Type::String:
        return QString::fromStdString(value.stringValue());
    case AnyValue::Type::Bool:
        return value.boolValue();
    case AnyValue::Type::Int:
        return static_cast<qint64>(value.intValue());
    case AnyValue::Type::Double: {
        const double number = value.doubleValue();
        if (std::isnan(number))
            return QStringLiteral("NaN");
        if (std::isinf(number))
            return number > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
        return number;
    }
    case AnyValue::Type::Bytes:
        return QString::fromStdString(value.toDisplayString());
    case AnyValue::Type::Array: {
        QJsonArray array;
        for (const AnyValue &item : value.arrayValue())
            array.append(toJson(item));
        return array;
    }
    case AnyValue::Type::Map: {
        QJsonObject object;
        for (const KeyValue &entry : value.mapValue())
            object.insert(QString::fromStdString(entry.key), toJson(entry.value));
        return object;
    }
    }
    return QJsonValue(QJsonValue::Null);
}

QString LogBodyFormatter::typeName(const AnyValue &value)
{
    return QLatin1String(AnyValue::typeName(value.type()));
}

} // namespace kansoku
