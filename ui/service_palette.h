// Stable colours per service name: the same service gets the same colour in every trace and every
// session (a fixed FNV-1a hash, not the per-process seeded qHash), and the blend the trace views
// shade them and their palettes with. GUI thread (QColor).
#pragma once

#include <QColor>
#include <string_view>

namespace kansoku {

class ServicePalette
{
public:
    static QColor color(std::string_view serviceName);
    // Readable text colour on top of color(serviceName).
    static QColor textColor(const QColor &background);
    static QColor errorColor() { return QColor(0xd6, 0x27, 0x28); }
    // Marks spans picked out for the user (a finding's calls) and the open trace's scatter dot:
    // an amber no service hue is close enough to be mistaken for.
    static QColor highlightColor() { return QColor(0xff, 0x7f, 0x0e); }
    // What the find bar fades the spans that do not match to, in the waterfall and the flame
    // graph alike (painter opacity).
    static constexpr double SearchDimmedOpacity = 0.3;
    // a moved towards b by t (0 = a, 1 = b), opaque.
    static QColor blend(const QColor &a, const QColor &b, double t);
};

} // namespace kansoku
