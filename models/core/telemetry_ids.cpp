#include "core/telemetry_ids.h"

namespace kansoku {

std::string toHex(std::string_view raw)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.resize(raw.size() * 2);
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const auto byte = static_cast<unsigned char>(raw[i]);
        hex[2 * i] = digits[byte >> 4];
        hex[2 * i + 1] = digits[byte & 0x0f];
    }
    return hex;
}

std::optional<std::string> fromHex(std::string_view hex)
{
    if (hex.size() % 2 != 0)
        return std::nullopt;
    std::string raw;
    raw.resize(hex.size() / 2);
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const int high = hexDigitValue(hex[2 * i]);
        const int low = hexDigitValue(hex[2 * i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        raw[i] = static_cast<char>((high << 4) | low);
    }
    return raw;
}

} // namespace kansoku
