#include "analysis/page_cursor.h"

#include <QByteArray>

namespace kansoku {

namespace {

constexpr auto base64Options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

} // namespace

QString PageCursor::encode(const QString &kind, std::int64_t position)
{
    const QByteArray text = kind.toUtf8() + ':' + QByteArray::number(qint64(position));
    return QString::fromLatin1(text.toBase64(base64Options));
}

std::optional<std::int64_t> PageCursor::decode(const QString &cursor, const QString &kind)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), base64Options | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QByteArray prefix = kind.toUtf8() + ':';
    if (!decoded.decoded.startsWith(prefix))
        return std::nullopt;
    bool ok = false;
    const qint64 position = decoded.decoded.mid(prefix.size()).toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return std::int64_t(position);
}

} // namespace kansoku
