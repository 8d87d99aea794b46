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

// A double-quoted string starting at text[i] (the quote); i ends past the closing quote.
// nullopt when it is not closed or a non-space follows it.
static std::optional<QString> quotedText(const QString &text, qsizetype &i)
{
    const qsizetype size = text.size();
    QString value;
    ++i; // the opening quote
    while (i < size) {
        const QChar c = text.at(i++);
        if (c == QLatin1Char('\\') && i < size) {
            value += text.at(i++);
        } else if (c == QLatin1Char('"')) {
            if (i < size && !text.at(i).isSpace())
                return std::nullopt;
            return value;
        } else {
            value += c;
        }
    }
    return std::nullopt;
}

std::optional<std::vector<TraceFilterText::SearchTerm>>
TraceFilterText::parseSearchTerms(const QString &text)
{
    std::vector<SearchTerm> terms;
    qsizetype i = 0;
    const qsizetype size = text.size();
    while (true) {
        while (i < size && text.at(i).isSpace())
            ++i;
        if (i == size)
            break;
        if (text.at(i) == QLatin1Char('"')) {
            const std::optional<QString> word = quotedText(text, i);
            if (!word)
                return std::nullopt;
            terms.push_back({{}, word->toStdString()});
            continue;
        }
        QString word;
        while (i < size && text.at(i) != QLatin1Char('=') && !text.at(i).isSpace())
            word += text.at(i++);
        if (i == size || text.at(i) != QLatin1Char('=')) {
            terms.push_back({{}, word.toStdString()});
            continue;
        }
        if (word.isEmpty())
            return std::nullopt;
        ++i; // '='
        QString value;
        if (i < size && text.at(i) == QLatin1Char('"')) {
            const std::optional<QString> quoted = quotedText(text, i);
            if (!quoted)
                return std::nullopt;
            value = *quoted;
        } else {
            while (i < size && !text.at(i).isSpace())
                value += text.at(i++);
        }
        terms.push_back({word.toStdString(), value.toStdString()});
    }
    return terms;
}

std::optional<std::vector<AttributeFilter>>
TraceFilterText::parseAttributeFilters(const QString &text)
{
    const std::optional<std::vector<SearchTerm>> terms = parseSearchTerms(text);
    if (!terms)
        return std::nullopt;
    std::vector<AttributeFilter> filters;
    for (const SearchTerm &term : *terms) {
        if (!term.isAttribute())
            return std::nullopt;
        filters.push_back({term.key, term.value});
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
