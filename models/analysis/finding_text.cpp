#include "analysis/finding_text.h"

#include "core/time_format.h"

#include <cmath>
#include <cstdio>

namespace kansoku {

std::string findingDurationText(std::int64_t durationNs)
{
    return formatDurationNs(durationNs).toStdString();
}

std::string findingPercentText(double share)
{
    const double percent = share * 100.0;
    if (std::lround(percent) >= 10)
        return std::to_string(std::lround(percent)) + '%';
    char text[16];
    std::snprintf(text, sizeof text, "%.1f", percent);
    std::string out = text;
    if (out.ends_with(".0"))
        out.resize(out.size() - 2);
    return out + '%';
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

} // namespace kansoku
