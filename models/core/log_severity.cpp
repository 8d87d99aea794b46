#include "core/log_severity.h"

namespace kansoku::LogSeverity {

Level levelOf(std::int32_t severityNumber)
{
    if (severityNumber < 1 || severityNumber > 24)
        return Level::Unspecified;
    return static_cast<Level>(1 + (severityNumber - 1) / 4);
}

QString levelName(Level level)
{
    switch (level) {
    case Level::Unspecified:
        break;
    case Level::Trace:
        return QStringLiteral("TRACE");
    case Level::Debug:
        return QStringLiteral("DEBUG");
    case Level::Info:
        return QStringLiteral("INFO");
    case Level::Warn:
        return QStringLiteral("WARN");
    case Level::Error:
        return QStringLiteral("ERROR");
    case Level::Fatal:
        return QStringLiteral("FATAL");
    }
    return {};
}

QString shortName(std::int32_t severityNumber)
{
    const Level level = levelOf(severityNumber);
    if (level == Level::Unspecified)
        return {};
    const int step = (severityNumber - 1) % 4;
    return step == 0 ? levelName(level) : levelName(level) + QString::number(step + 1);
}

std::int32_t firstNumberOf(Level level)
{
    return level == Level::Unspecified ? 0 : 1 + 4 * (static_cast<int>(level) - 1);
}

std::optional<std::int32_t> parseMinimum(const QString &text)
{
    const QString name = text.trimmed().toLower();
    if (name.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const int number = name.toInt(&isNumber);
    if (isNumber)
        return number >= 1 && number <= 24 ? std::optional<std::int32_t>(number) : std::nullopt;
    struct Alias
    {
        const char *name;
        Level level;
    };
    static constexpr Alias aliases[] = {
        {"trace", Level::Trace}, {"t", Level::Trace},      {"debug", Level::Debug},
        {"d", Level::Debug},     {"info", Level::Info},    {"i", Level::Info},
        {"warn", Level::Warn},   {"warning", Level::Warn}, {"w", Level::Warn},
        {"error", Level::Error}, {"err", Level::Error},    {"e", Level::Error},
        {"fatal", Level::Fatal}, {"f", Level::Fatal},      {"critical", Level::Fatal},
    };
    for (const Alias &alias : aliases) {
        if (name == QLatin1String(alias.name))
            return firstNumberOf(alias.level);
    }
    return std::nullopt;
}

} // namespace kansoku::LogSeverity
