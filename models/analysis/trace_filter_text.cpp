#include "analysis/trace_filter_text.h"

#include <QRegularExpression>
#include <cmath>

namespace kansoku {

std::optional<TraceFilterText::DurationBound> TraceFilterText::parseDuration(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral(
            "^\\s*(>=|<=|>|<)?\\s*(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(ns|us|µs|ms|s|m|h)?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    DurationBound bound;
    const QString comparison = match.captured(1);
    if (comparison.startsWith(QLatin1Char('>')))
        bound.comparison = Comparison::AtLeast;
    else if (comparison.startsWith(QLatin1Char('<')))
        bound.comparison = Comparison::AtMost;

    bool ok = false;
    const double number = match.captured(2).toDouble(&ok);
    if (!ok)
        return std::nullopt;
    const QString unit = match.captured(3).toLower();
    double nsPerUnit = 1e6; // a bare number is milliseconds, the unit people think in for traces
    if (unit == QLatin1String("ns"))
        nsPerUnit = 1;
    else if (unit == QLatin1String("us") || unit == QStringLiteral("µs"))
        nsPerUnit = 1e3;
    else if (unit == QLatin1String("s"))
        nsPerUnit = 1e9;
    else if (unit == QLatin1String("m"))
        nsPerUnit = 60e9;
    else if (unit == QLatin1String("h"))
        nsPerUnit = 3600e9;
    const double ns = std::round(number * nsPerUnit);
    // 9.2e18 is the largest double below INT64_MAX with room to spare.
    if (!std::isfinite(ns) || ns > 9.2e18)
        return std::nullopt;
    bound.durationNs = static_cast<std::int64_t>(ns);
    return bound;
}

std::optional<std::vector<AttributeFilter>>
TraceFilterText::parseAttributeFilters(const QString &text)
{
    std::vector<AttributeFilter> filters;
    qsizetype i = 0;
    const qsizetype size = text.size();
    while (true) {
        while (i < size && text.at(i).isSpace())
            ++i;
        if (i == size)
            break;
        QString key;
        while (i < size && text.at(i) != QLatin1Char('=') && !text.at(i).isSpace())
            key += text.at(i++);
        if (key.isEmpty() || i == size || text.at(i) != QLatin1Char('='))
            return std::nullopt;
        ++i; // '='
        QString value;
        if (i < size && text.at(i) == QLatin1Char('"')) {
            ++i;
            bool closed = false;
            while (i < size) {
                const QChar c = text.at(i++);
                if (c == QLatin1Char('\\') && i < size) {
                    value += text.at(i++);
                } else if (c == QLatin1Char('"')) {
                    closed = true;
                    break;
                } else {
                    value += c;
                }
            }
            if (!closed || (i < size && !text.at(i).isSpace()))
                return std::nullopt;
        } else {
            while (i < size && !text.at(i).isSpace())
                value += text.at(i++);
        }
        filters.push_back({key.toStdString(), value.toStdString()});
    }
    return filters;
}

std::optional<TraceId> TraceFilterText::parseTraceId(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() != 32)
        return std::nullopt;
    const std::optional<TraceId> id = idFromHex<16>(trimmed.toStdString());
    if (!id || id->isZero())
        return std::nullopt;
    return id;
}

} // namespace kansoku
