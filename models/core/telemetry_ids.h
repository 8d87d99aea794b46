// Trace and span identifiers (16 and 8 raw bytes) and their lowercase-hex text form.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kansoku {

template<std::size_t Size>
struct FixedId
{
    std::array<std::uint8_t, Size> bytes{};

    bool isZero() const
    {
        for (std::uint8_t b : bytes) {
            if (b != 0)
                return false;
        }
        return true;
    }
    std::string_view raw() const
    {
        return {reinterpret_cast<const char *>(bytes.data()), bytes.size()};
    }
    // An empty input gives the zero id; any other length than Size gives nullopt.
    static std::optional<FixedId> fromRaw(std::string_view raw)
    {
        FixedId id;
        if (raw.empty())
            return id;
        if (raw.size() != Size)
            return std::nullopt;
        for (std::size_t i = 0; i < Size; ++i)
            id.bytes[i] = static_cast<std::uint8_t>(raw[i]);
        return id;
    }
    auto operator<=>(const FixedId &) const = default;
};

using TraceId = FixedId<16>;
using SpanId = FixedId<8>;

std::string toHex(std::string_view raw);
// 0 to 15 for a hex digit in either case, -1 for any other character. Inline: decoders call it
// for every digit of every id.
constexpr int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
// Lowercase or uppercase hex; nullopt on odd length or a non-hex character.
std::optional<std::string> fromHex(std::string_view hex);

template<std::size_t Size>
std::string toHex(const FixedId<Size> &id)
{
    return toHex(id.raw());
}

// Parses exactly 2*Size hex digits (empty gives the zero id).
template<std::size_t Size>
std::optional<FixedId<Size>> idFromHex(std::string_view hex)
{
    if (hex.empty())
        return FixedId<Size>{};
    if (hex.size() != 2 * Size)
        return std::nullopt;
    const std::optional<std::string> raw = fromHex(hex);
    if (!raw)
        return std::nullopt;
    return FixedId<Size>::fromRaw(*raw);
}

} // namespace kansoku
