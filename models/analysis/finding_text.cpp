#include "analysis/finding_text.h"

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

std::string formatShare(double share)
{
    const double percent = share * 100.0;
    const double whole = std::round(percent);
    if (share <= 0 || share >= 1 || (whole > 0 && whole < 100))
        return std::to_string(int(whole)) + '%';
    if (percent < 0.1)
        return "<0.1%";
    char buffer[32];
    // Shares just below 100% round down so they never read as all of them.
    std::snprintf(buffer, sizeof buffer, "%.1f%%",
                  whole >= 100 ? std::min(std::floor(percent * 10.0) / 10.0, 99.9) : percent);
    return buffer;
}

std::string formatRatePerSecond(double perSecond)
{
    return significant(perSecond) + "/s";
}

std::string formatFactor(double factor)
{
    return significant(factor) + "×";
}

} // namespace kansoku
