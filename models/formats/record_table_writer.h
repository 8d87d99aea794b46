// Rows of JSON objects (a tool's listing) as a script or a person wants them: an aligned text
// table of chosen columns, RFC 4180 CSV of the same columns, or JSON lines of the whole objects.
// `kansoku query` prints with it. Pure functions, any thread.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QStringList>

namespace kansoku {

struct RecordColumn
{
    QString key;    // the field of each row object
    QString header; // the column's title
};

class RecordTableWriter
{
public:
    // A header line, then one line per row, columns padded to their widest cell (cells longer
    // than maxCellWidth are cut with "…"); numbers are right-aligned. Ends with a newline.
    static QByteArray text(const QList<RecordColumn> &columns, const QJsonArray &rows,
                           int maxCellWidth = 60);
    // A header row of the column keys, then the rows, CRLF line ends.
    static QByteArray csv(const QList<RecordColumn> &columns, const QJsonArray &rows);
    // One compact JSON object per line, every field of the row.
    static QByteArray jsonLines(const QJsonArray &rows);
    // A cell as text: strings as they are, numbers shortest exact, arrays joined with ",",
    // objects as compact JSON, null and missing as empty.
    static QString cell(const QJsonValue &value);
};

} // namespace kansoku
