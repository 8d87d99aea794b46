#include "receiver_token.h"

#include <QByteArray>
#include <QRandomGenerator>
#include <array>

namespace kansoku {

QString ReceiverToken::generate()
{
    std::array<quint32, 8> words{}; // 32 bytes
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()),
                           qsizetype(words.size() * sizeof(quint32)));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString ReceiverToken::problemWith(const QString &text)
{
    if (text.isEmpty())
        return QStringLiteral("the token is empty");
    if (text.size() > maxLength)
        return QStringLiteral("the token is longer than %1 characters").arg(maxLength);
    for (const QChar c : text) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f)
            return QStringLiteral("the token may hold only printable ASCII characters, no "
                                  "spaces (it is sent in an HTTP header)");
    }
    return {};
}

} // namespace kansoku
