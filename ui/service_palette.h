// Stable colours per service name: the same service gets the same colour in every trace and every
// session (a fixed FNV-1a hash, not the per-process seeded qHash). GUI thread (QColor).
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
};

} // namespace kansoku
