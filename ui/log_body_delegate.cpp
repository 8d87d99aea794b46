#include "log_body_delegate.h"

#include <QApplication>
#include <QPainter>

namespace kansoku {

LogBodyDelegate::LogBodyDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

void LogBodyDelegate::setHighlightPhrases(std::vector<SearchPhrase> phrases)
{
    m_phrases = std::move(phrases);
}

void LogBodyDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (text.isEmpty())
        return;

    const QRect textRect
        = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(3, 0, -3, 0);
    const QFontMetrics metrics(opt.font);
    // Elided on the right, so match positions in the shown prefix stay valid.
    const QString shown = metrics.elidedText(text, Qt::ElideRight, textRect.width());
    painter->save();
    painter->setFont(opt.font);
    painter->setClipRect(textRect);
    const QList<TextRange> ranges = FullTextMatcher::matches(shown, m_phrases);
    const int baselineTop = textRect.top() + (textRect.height() - metrics.height()) / 2;
    for (const TextRange &range : ranges) {
        const int x = textRect.left() + metrics.horizontalAdvance(shown.left(range.start));
        const int width = metrics.horizontalAdvance(shown.mid(range.start, range.length));
        const QRect mark(x - 1, baselineTop, width + 2, metrics.height());
        painter->setPen(Qt::NoPen);
        QColor markColor = matchColor();
        markColor.setAlpha(opt.state & QStyle::State_Selected ? 150 : 255);
        painter->setBrush(markColor);
        painter->drawRoundedRect(mark, 2, 2);
    }
    const bool selected = opt.state & QStyle::State_Selected;
    QColor textColor = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    painter->setPen(textColor);
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, shown);
    if (!selected && !ranges.isEmpty()) {
        // Matched words in dark text on the yellow mark, whatever the palette.
        painter->setPen(QColor(0x20, 0x20, 0x20));
        for (const TextRange &range : ranges) {
            const int x = textRect.left() + metrics.horizontalAdvance(shown.left(range.start));
            painter->drawText(QRect(x, textRect.top(), textRect.right() - x, textRect.height()),
                              Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                              shown.mid(range.start, range.length));
        }
    }
    painter->restore();
}

} // namespace kansoku
