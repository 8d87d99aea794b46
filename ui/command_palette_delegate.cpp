#include "command_palette_delegate.h"

#include "view/command_palette_model.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

namespace kansoku {

namespace {
constexpr int kindColumnWidthInChars = 15; // "Filter service" and a gap
constexpr int padding = 6;
} // namespace

CommandPaletteDelegate::CommandPaletteDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QSize CommandPaletteDelegate::sizeHint(const QStyleOptionViewItem &option,
                                       const QModelIndex &index) const
{
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    return {base.width(), std::max(base.height(), option.fontMetrics.height() + 2 * padding)};
}

void CommandPaletteDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QColor textColor
        = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dimColor = textColor;
    dimColor.setAlphaF(0.6f);
    const QFontMetrics metrics(opt.font);
    QRect area = opt.rect.adjusted(padding, 0, -padding, 0);

    painter->save();
    painter->setFont(opt.font);
    painter->setClipRect(opt.rect);
    painter->setPen(dimColor);
    const int kindWidth = metrics.averageCharWidth() * kindColumnWidthInChars;
    painter->drawText(QRect(area.left(), area.top(), kindWidth, area.height()),
                      Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                      metrics.elidedText(index.data(CommandPaletteModel::KindTextRole).toString(),
                                         Qt::ElideRight, kindWidth));
    area.setLeft(area.left() + kindWidth);

    const QString shortcut = index.data(CommandPaletteModel::ShortcutRole).toString();
    if (!shortcut.isEmpty()) {
        const int shortcutWidth = metrics.horizontalAdvance(shortcut);
        painter->drawText(area, Qt::AlignRight | Qt::AlignVCenter | Qt::TextSingleLine, shortcut);
        area.setRight(area.right() - shortcutWidth - 2 * padding);
    }

    // The text first; the detail fills what it leaves, elided in the middle.
    const QString shown = metrics.elidedText(text, Qt::ElideRight, area.width());
    const int textWidth = metrics.horizontalAdvance(shown);
    QTextLayout layout(shown, opt.font);
    QList<QTextLayout::FormatRange> formats;
    QTextCharFormat matched;
    matched.setFontWeight(QFont::Bold);
    matched.setFontUnderline(true);
    const QList<int> positions
        = index.data(CommandPaletteModel::MatchPositionsRole).value<QList<int>>();
    // An elided text ends in "…", which matched nothing.
    const qsizetype visibleChars = shown == text ? shown.size() : shown.size() - 1;
    for (const int position : positions) {
        if (position < visibleChars)
            formats.append({position, 1, matched});
    }
    layout.setFormats(formats);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    line.setLineWidth(area.width());
    layout.endLayout();
    painter->setPen(textColor);
    layout.draw(painter, QPointF(area.left(), area.top() + (area.height() - line.height()) / 2.0));

    const QString detail = index.data(CommandPaletteModel::DetailRole).toString();
    const int detailLeft = area.left() + static_cast<int>(line.naturalTextWidth()) + 3 * padding;
    if (!detail.isEmpty() && detailLeft < area.right() && textWidth > 0) {
        const QRect detailRect(detailLeft, area.top(), area.right() - detailLeft, area.height());
        painter->setPen(dimColor);
        painter->drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                          metrics.elidedText(detail, Qt::ElideMiddle, detailRect.width()));
    }
    painter->restore();
}

} // namespace kansoku
