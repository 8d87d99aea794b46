// RFC 4180 CSV rows in UTF-8: fields holding a comma, quote, CR or LF are quoted with inner quotes
// doubled; rows end with CRLF. Pure functions; any thread.
#pragma once

#include <QByteArray>
#include <QStringList>

namespace kansoku {

class CsvWriter
{
public:
    static QString field(const QString &text);
    // The row's fields joined by commas, with the CRLF line end, as UTF-8.
    static QByteArray row(const QStringList &fields);
};

} // namespace kansoku
