// What a grabbed image of a widget shows, for the GUI tests that take screenshots: distinct
// colours in a region, pixels of a colour, a colour drawn near a point. Header-only; GUI thread.
#pragma once

#include <QColor>
#include <QImage>
#include <QList>
#include <QRect>
#include <QSet>
#include <cstdlib>

namespace kansoku::test {

inline bool isNear(const QColor &a, const QColor &b, int tolerance)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
           && std::abs(a.blue() - b.blue()) <= tolerance;
}

// Distinct colours on a grid of `step` pixels over region (its last row and column left out).
inline int distinctColours(const QImage &image, const QRect &region, int step = 3)
{
    const QRect area = region & image.rect();
    QSet<QRgb> colours;
    for (int y = area.top(); y < area.bottom(); y += step) {
        for (int x = area.left(); x < area.right(); x += step)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

// Pixels of region within `tolerance` of colour in each of red, green and blue.
inline int pixelsNear(const QImage &image, const QRect &region, const QColor &colour,
                      int tolerance = 0)
{
    const QRect area = region & image.rect();
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x)
            count += isNear(QColor(image.pixel(x, y)), colour, tolerance) ? 1 : 0;
    }
    return count;
}

// Share (0 to 1) of region's pixels that are clearly coloured, not white, grey or black text.
inline double saturatedShare(const QImage &image, const QRect &region)
{
    const QRect area = region & image.rect();
    if (area.isEmpty())
        return 0;
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x)
            count += QColor(image.pixel(x, y)).hsvSaturation() > 80 ? 1 : 0;
    }
    return double(count) / double(area.width() * area.height());
}

// True when a pixel within `radius` of centre is within `tolerance` of one of colours.
inline bool drawnNear(const QImage &image, QPoint centre, int radius, const QList<QColor> &colours,
                      int tolerance)
{
    const QRect around(centre.x() - radius, centre.y() - radius, 2 * radius + 1, 2 * radius + 1);
    for (const QColor &colour : colours) {
        if (pixelsNear(image, around, colour, tolerance) > 0)
            return true;
    }
    return false;
}

} // namespace kansoku::test
