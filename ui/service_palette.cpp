#include "service_palette.h"

#include <array>
#include <cstdint>

namespace kansoku {

QColor ServicePalette::color(std::string_view serviceName)
{
    // Mid-saturation hues that stay distinct from each other and from the error red.
    static constexpr std::array<QRgb, 14> colors = {
        0x4e79a7, 0xf28e2b, 0x59a14f, 0xb07aa1, 0x76b7b2, 0xedc948, 0x9c755f,
        0x6b9ac4, 0xff9da7, 0x8cd17d, 0xa0cbe8, 0xd4a6c8, 0x86bcb6, 0xbab0ac,
    };
    std::uint32_t hash = 2166136261u;
    for (char c : serviceName) {
        hash ^= std::uint8_t(c);
        hash *= 16777619u;
    }
    return QColor::fromRgb(colors[hash % colors.size()]);
}

QColor ServicePalette::textColor(const QColor &background)
{
    const double luminance
        = 0.299 * background.redF() + 0.587 * background.greenF() + 0.114 * background.blueF();
    return luminance > 0.6 ? QColor(0x1d, 0x1d, 0x1f) : QColor(Qt::white);
}

QColor ServicePalette::blend(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace kansoku
