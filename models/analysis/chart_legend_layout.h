// How a chart legend fits beside its plot rather than over it: labels elided in the middle (the
// start and the end of an attribute set say the most), and how many columns of entries fit the
// width. Text is measured by a function the caller gives (font metrics), so this stays free of
// widgets. Pure; any thread.
#pragma once

#include <QString>
#include <functional>

namespace kansoku {

class ChartLegendLayout
{
public:
    using TextWidth = std::function<int(const QString &)>;

    // text as is if it fits maxWidthPx, else its start and end around "…", as long as fits.
    static QString elideMiddle(const QString &text, int maxWidthPx, const TextWidth &widthOf);
    // Columns of entries itemWidthPx wide that fit availableWidthPx: at least 1, at most count.
    static int columnsFor(int availableWidthPx, int itemWidthPx, int itemCount);
};

} // namespace kansoku
