#include "analysis/metric_units.h"

#include <QLocale>
#include <array>
#include <cmath>
#include <utility>

namespace kansoku {

namespace {

// Seconds per duration unit.
double secondsPer(const QString &unit)
{
    static const std::array<std::pair<const char *, double>, 8> units{{{"ns", 1e-9},
                                                                       {"us", 1e-6},
                                                                       {"\xc2\xb5s", 1e-6},
                                                                       {"ms", 1e-3},
                                                                       {"s", 1.0},
                                                                       {"min", 60.0},
                                                                       {"h", 3600.0},
                                                                       {"d", 86400.0}}};
    for (const auto &[name, seconds] : units) {
        if (unit == QString::fromUtf8(name))
            return seconds;
    }
    return 0;
}

double bytesPer(const QString &unit)
{
    static const std::array<std::pair<const char *, double>, 9> units{{{"By", 1.0},
                                                                       {"KiBy", 1024.0},
                                                                       {"MiBy", 1048576.0},
                                                                       {"GiBy", 1073741824.0},
                                                                       {"TiBy", 1099511627776.0},
                                                                       {"KBy", 1e3},
                                                                       {"MBy", 1e6},
                                                                       {"GBy", 1e9},
                                                                       {"bit", 0.125}}};
    for (const auto &[name, bytes] : units) {
        if (unit == QLatin1String(name))
            return bytes;
    }
    return 0;
}

QString decimals(double value)
{
    const double magnitude = std::abs(value);
    const int digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
    QString text = QLocale().toString(value, 'f', digits);
    const QChar point = QLocale().decimalPoint().at(0);
    if (text.contains(point)) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(1);
    }
    return text;
}

QString formatDuration(double seconds)
{
    const double magnitude = std::abs(seconds);
    if (magnitude == 0)
        return QStringLiteral("0 s");
    if (magnitude >= 86400)
        return decimals(seconds / 86400) + QStringLiteral(" d");
    if (magnitude >= 3600)
        return decimals(seconds / 3600) + QStringLiteral(" h");
    if (magnitude >= 60)
        return decimals(seconds / 60) + QStringLiteral(" min");
    if (magnitude >= 1)
        return decimals(seconds) + QStringLiteral(" s");
    if (magnitude >= 1e-3)
        return decimals(seconds * 1e3) + QStringLiteral(" ms");
    if (magnitude >= 1e-6)
        return decimals(seconds * 1e6) + QStringLiteral(" µs");
    return decimals(seconds * 1e9) + QStringLiteral(" ns");
}

QString formatBytes(double bytes)
{
    static const std::array<const char *, 6> prefixes{"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double scaled = bytes;
    std::size_t prefix = 0;
    while (std::abs(scaled) >= 1024 && prefix + 1 < prefixes.size()) {
        scaled /= 1024;
        ++prefix;
    }
    return decimals(scaled) + QLatin1Char(' ') + QLatin1String(prefixes[prefix]);
}

// "{requests}" → "requests"; "{packets}/s" keeps its tail.
QString withoutBraces(QString unit)
{
    unit.remove(QLatin1Char('{'));
    unit.remove(QLatin1Char('}'));
    return unit;
}

} // namespace

QString MetricUnits::compactNumber(double value)
{
    const double magnitude = std::abs(value);
    if (magnitude >= 1e15)
        return QLocale().toString(value, 'g', 3);
    if (magnitude >= 1e12)
        return decimals(value / 1e12) + QLatin1Char('T');
    if (magnitude >= 1e9)
        return decimals(value / 1e9) + QLatin1Char('G');
    if (magnitude >= 1e6)
        return decimals(value / 1e6) + QLatin1Char('M');
    if (magnitude >= 1e4)
        return decimals(value / 1e3) + QLatin1Char('k');
    if (magnitude != 0 && magnitude < 1e-3)
        return QLocale().toString(value, 'g', 3);
    return decimals(value);
}

QString MetricUnits::formatValue(double value, const QString &unit)
{
    if (std::isnan(value))
        return QStringLiteral("–");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    const QString trimmed = unit.trimmed();
    if (trimmed.endsWith(QLatin1String("/s")) && trimmed.size() > 2) {
        const QString numerator = trimmed.chopped(2);
        if (numerator == QLatin1String("1"))
            return compactNumber(value) + QStringLiteral("/s");
        return formatValue(value, numerator) + QStringLiteral("/s");
    }
    if (const double seconds = secondsPer(trimmed); seconds > 0)
        return formatDuration(value * seconds);
    if (const double bytes = bytesPer(trimmed); bytes > 0)
        return formatBytes(value * bytes);
    if (trimmed.isEmpty() || trimmed == QLatin1String("1"))
        return compactNumber(value);
    if (trimmed == QLatin1String("%"))
        return compactNumber(value) + QStringLiteral(" %");
    if (trimmed == QLatin1String("Cel"))
        return compactNumber(value) + QStringLiteral(" °C");
    return compactNumber(value) + QLatin1Char(' ') + withoutBraces(trimmed);
}

QString MetricUnits::formatTick(double value, const QString &unit)
{
    if (unit.trimmed().startsWith(QLatin1Char('{')) || unit.trimmed() == QLatin1String("1/s"))
        return std::isfinite(value) ? compactNumber(value) : formatValue(value, QString());
    return formatValue(value, unit);
}

QString MetricUnits::describe(const QString &unit)
{
    const QString trimmed = unit.trimmed();
    if (trimmed.isEmpty() || trimmed == QLatin1String("1"))
        return {};
    if (trimmed == QLatin1String("s"))
        return QStringLiteral("seconds");
    if (trimmed == QLatin1String("ms"))
        return QStringLiteral("milliseconds");
    if (trimmed == QLatin1String("By"))
        return QStringLiteral("bytes");
    if (trimmed == QLatin1String("Cel"))
        return QStringLiteral("°C");
    if (trimmed == QLatin1String("1/s"))
        return QStringLiteral("/s");
    if (trimmed.endsWith(QLatin1String("/s")) && trimmed.size() > 2) {
        const QString numerator = describe(trimmed.chopped(2));
        return numerator.isEmpty() ? QStringLiteral("/s") : numerator + QStringLiteral("/s");
    }
    return withoutBraces(trimmed);
}

QString MetricUnits::perSecond(const QString &unit)
{
    const QString trimmed = unit.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("1/s");
    return trimmed + QStringLiteral("/s");
}

} // namespace kansoku
