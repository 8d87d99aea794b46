#include "analysis/chart_legend_layout.h"

#include <algorithm>

namespace kansoku {

QString ChartLegendLayout::elideMiddle(const QString &text, int maxWidthPx,
                                       const TextWidth &widthOf)
{
    if (widthOf(text) <= maxWidthPx)
        return text;
    const auto candidate = [&text](qsizetype kept) {
        const qsizetype head = (kept + 1) / 2;
        QString elided = text.left(head);
        elided.append(QChar(0x2026));
        elided.append(QStringView(text).right(kept - head));
        return elided;
    };
    // The most characters kept (half from each end) that still fit.
    qsizetype low = 0;
    qsizetype high = text.size() - 1;
    while (low < high) {
        const qsizetype middle = (low + high + 1) / 2;
        if (widthOf(candidate(middle)) <= maxWidthPx)
            low = middle;
        else
            high = middle - 1;
    }
    return candidate(low);
}

int ChartLegendLayout::columnsFor(int availableWidthPx, int itemWidthPx, int itemCount)
{
    if (itemCount <= 0)
        return 1;
    const int columns = itemWidthPx > 0 ? availableWidthPx / itemWidthPx : itemCount;
    return std::clamp(columns, 1, itemCount);
}

} // namespace kansoku
