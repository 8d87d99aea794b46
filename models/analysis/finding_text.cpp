#include "analysis/finding_text.h"

#include "core/time_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kansoku {

namespace {

// Three significant digits, trailing zeros of the fraction dropped: 123, 12.5, 1.25, 0.25.
std::string significant(double value)
{
    const int decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0')
            text.pop_back();
        if (text.back() == '.')
            text.pop_back();
    }
    return text;
}

} // namespace

std::string findingDurationText(std::int64_t durationNs)
{
    return formatDurationNs(durationNs).toStdString();
}

std::string formatShare(double share)
{
    if (share <= 0)
        return "0%";
    if (share >= 1)
        return "100%";
    const double percent = share * 100.0;
    if (percent < 0.1)
        return "<0.1%";
    char buffer[32];
    if (percent < 10 || std::round(percent) >= 100) {
        // Shares just below 100% round down so they never read as all of them.
        const double shown
            = percent < 10 ? percent : std::min(std::floor(percent * 10.0) / 10.0, 99.9);
        std::snprintf(buffer, sizeof buffer, "%.1f", shown);
        std::string text = buffer;
        if (text.ends_with(".0"))
            text.resize(text.size() - 2);
        return text + '%';
    }
    return std::to_string(int(std::round(percent))) + '%';
}

std::string formatRatePerSecond(double perSecond)
{
    return significant(perSecond) + "/s";
}

std::string formatFactor(double factor)
{
    return significant(factor) + "×";
}

std::string abbreviatedStatement(std::string_view statement, std::size_t maxChars)
{
    if (maxChars == 0)
        return std::string(statement);
    // Count characters, not bytes: a UTF-8 continuation byte starts no character.
    const auto startsCharacter = [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    };
    std::size_t characters = 0;
    std::size_t cut = statement.size();
    for (std::size_t i = 0; i < statement.size(); ++i) {
        if (!startsCharacter(statement[i]))
            continue;
        if (characters == maxChars - 1 && cut == statement.size())
            cut = i;
        ++characters;
    }
    if (characters <= maxChars)
        return std::string(statement);
    std::string out(statement.substr(0, cut));
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out + "…";
}

std::string formatCount(double count)
{
    return significant(count);
}

std::string formatAverageAndMost(double average, std::int64_t most)
{
    return significant(average) + " on average, " + std::to_string(most) + " at most";
}

std::string formatReach(const Finding &finding)
{
    if (finding.endpointTraces > 0)
        return "in " + formatShare(finding.shareOfEndpointTraces()) + " of these requests";
    return "in " + std::to_string(finding.affectedTraces) + " traces";
}

std::string formatTracesAffected(const Finding &finding)
{
    return std::to_string(finding.affectedTraces) + " of " + std::to_string(finding.endpointTraces);
}

} // namespace kansoku
