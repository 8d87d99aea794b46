#include "formats/record_table_writer.h"

#include "formats/csv_writer.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace kansoku {

QString RecordTableWriter::cell(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 15);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items.append(cell(item));
        return items.join(QLatin1Char(','));
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QByteArray RecordTableWriter::text(const QList<RecordColumn> &columns, const QJsonArray &rows,
                                   int maxCellWidth)
{
    QList<QStringList> cells;
    QList<int> widths;
    QList<bool> numeric;
    for (const RecordColumn &column : columns) {
        widths.append(int(column.header.size()));
        numeric.append(!rows.isEmpty());
    }
    for (const QJsonValue &row : rows) {
        QStringList line;
        for (qsizetype i = 0; i < columns.size(); ++i) {
            const QJsonValue value = row.toObject().value(columns[i].key);
            QString text = cell(value).simplified();
            if (text.size() > maxCellWidth)
                text = text.left(maxCellWidth - 1) + QChar(0x2026);
            numeric[i] = numeric[i] && (value.isDouble() || value.isUndefined());
            widths[i] = std::max(widths[i], int(text.size()));
            line.append(text);
        }
        cells.append(line);
    }
    const auto format = [&](const QStringList &line) {
        QStringList padded;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const bool last = i + 1 == line.size();
            padded.append(numeric[i] ? line[i].rightJustified(widths[i])
                          : last     ? line[i]
                                     : line[i].leftJustified(widths[i]));
        }
        // Padding before empty cells at the end of a line is no use to anyone.
        QString text = padded.join(QStringLiteral("  "));
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        return (text + QLatin1Char('\n')).toUtf8();
    };
    QStringList headers;
    for (const RecordColumn &column : columns)
        headers.append(column.header);
    QByteArray output = format(headers);
    for (const QStringList &line : std::as_const(cells))
        output += format(line);
    return output;
}

QByteArray RecordTableWriter::csv(const QList<RecordColumn> &columns, const QJsonArray &rows)
{
    QStringList keys;
    for (const RecordColumn &column : columns)
        keys.append(column.key);
    QByteArray output = CsvWriter::row(keys);
    for (const QJsonValue &row : rows) {
        QStringList fields;
        for (const RecordColumn &column : columns)
            fields.append(cell(row.toObject().value(column.key)));
        output += CsvWriter::row(fields);
    }
    return output;
}

QByteArray RecordTableWriter::jsonLines(const QJsonArray &rows)
{
    QByteArray output;
    for (const QJsonValue &row : rows)
        output += QJsonDocument(row.toObject()).toJson(QJsonDocument::Compact) + '\n';
    return output;
}

} // namespace kansoku
