#include "core/time_format.h"

#include <QDateTime>
#include <cmath>
#include <cstdlib>

namespace kansoku {

static QString withUnit(double value, const QString &unit)
{
    // Three significant digits: 1.23, 12.3, 123.
    const int decimals = value < 10 ? 2 : value < 100 ? 1 : 0;
    QString number = QString::number(value, 'f', decimals);
    if (number.contains(QLatin1Char('.'))) {
        while (number.endsWith(QLatin1Char('0')))
            number.chop(1);
        if (number.endsWith(QLatin1Char('.')))
            number.chop(1);
    }
    return number + QLatin1Char(' ') + unit;
}

QString formatDurationNs(std::int64_t durationNs)
{
    const QString sign = durationNs < 0 ? QStringLiteral("-") : QString();
    const double ns = std::fabs(double(durationNs));
    if (ns < 1e3)
        return sign + QString::number(std::llabs(durationNs)) + QStringLiteral(" ns");
    if (ns < 999.5e3)
        return sign + withUnit(ns / 1e3, QStringLiteral("µs"));
    if (ns < 999.5e6)
        return sign + withUnit(ns / 1e6, QStringLiteral("ms"));
    if (ns < 60e9)
        return sign + withUnit(ns / 1e9, QStringLiteral("s"));
    const auto totalSeconds = std::int64_t(ns / 1e9);
    return sign
           + QStringLiteral("%1m %2s")
                 .arg(totalSeconds / 60)
                 .arg(totalSeconds % 60, 2, 10, QLatin1Char('0'));
}

QString formatTimestampNs(std::int64_t epochNs)
{
    const std::int64_t ms = epochNs / 1000000;
    const auto micros = int((epochNs / 1000) % 1000);
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms);
    return time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
           + QStringLiteral("%1").arg(std::abs(micros), 3, 10, QLatin1Char('0'));
}

QString formatIsoTimestampNs(std::int64_t epochNs)
{
    // Floor division, so times before 1970 keep a fraction in [0, 1 s).
    std::int64_t seconds = epochNs / 1000000000;
    std::int64_t fractionNs = epochNs % 1000000000;
    if (fractionNs < 0) {
        fractionNs += 1000000000;
        --seconds;
    }
    const QDateTime time = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    return time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QLatin1Char('.')
           + QStringLiteral("%1").arg(fractionNs, 9, 10, QLatin1Char('0')) + QLatin1Char('Z');
}

std::optional<std::int64_t> parseIsoTimestampNs(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!time.isValid() || !text.contains(QLatin1Char('T')))
        return std::nullopt;
    return std::int64_t(time.toMSecsSinceEpoch()) * 1'000'000;
}

} // namespace kansoku
