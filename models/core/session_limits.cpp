#include "core/session_limits.h"

#include <array>
#include <limits>

namespace kansoku {

namespace {

struct RetentionUnit
{
    char suffix;
    std::int64_t ns;
};

constexpr std::int64_t secondNs = 1'000'000'000;
// Largest first, so retentionText() picks the shortest form.
constexpr std::array<RetentionUnit, 5> units{{{'w', 7 * 24 * 3600 * secondNs},
                                              {'d', 24 * 3600 * secondNs},
                                              {'h', 3600 * secondNs},
                                              {'m', 60 * secondNs},
                                              {'s', secondNs}}};

} // namespace

SessionLimits SessionLimits::defaults()
{
    return SessionLimits{std::int64_t(2) * 1024 * 1024 * 1024, 7 * 24 * 3600 * secondNs};
}

std::optional<std::int64_t> SessionLimits::parseRetention(const QString &text)
{
    const QString trimmed = text.trimmed().toLower();
    if (trimmed == QLatin1String("off") || trimmed == QLatin1String("0"))
        return 0;
    if (trimmed.size() < 2)
        return std::nullopt;
    const QChar suffix = trimmed.back();
    bool ok = false;
    const qlonglong count = trimmed.chopped(1).toLongLong(&ok);
    if (!ok || count < 0 || !trimmed.front().isDigit())
        return std::nullopt;
    for (const RetentionUnit &unit : units) {
        if (suffix != QLatin1Char(unit.suffix))
            continue;
        if (count > std::numeric_limits<std::int64_t>::max() / unit.ns)
            return std::nullopt;
        return count * unit.ns;
    }
    return std::nullopt;
}

QString SessionLimits::retentionText(std::int64_t retainNs)
{
    if (retainNs <= 0)
        return QStringLiteral("off");
    // Days at most ("14d", not "2w"): what people say about keeping telemetry.
    for (const RetentionUnit &unit : units) {
        if (unit.suffix != 'w' && retainNs % unit.ns == 0)
            return QString::number(retainNs / unit.ns) + QLatin1Char(unit.suffix);
    }
    // Below a whole second: not something parseRetention() makes; say it in seconds anyway.
    return QString::number(double(retainNs) / double(secondNs)) + QLatin1Char('s');
}

QString SessionLimits::sizeText(std::int64_t maxBytes)
{
    if (maxBytes <= 0)
        return QStringLiteral("no cap");
    constexpr std::int64_t mib = 1024 * 1024;
    if (maxBytes % (1024 * mib) == 0)
        return QString::number(maxBytes / (1024 * mib)) + QStringLiteral(" GiB");
    return QString::number(double(maxBytes) / double(mib), 'f', maxBytes % mib == 0 ? 0 : 1)
           + QStringLiteral(" MiB");
}

} // namespace kansoku
