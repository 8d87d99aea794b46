// Paints the log body cell on one line with the words the search matched highlighted (as the FTS5
// index matched them: whole words, prefixes, phrases; case and diacritics folded). GUI thread.
#pragma once

#include "analysis/full_text_matcher.h"

#include <QStyledItemDelegate>

namespace kansoku {

class LogBodyDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit LogBodyDelegate(QObject *parent = nullptr);

    // The mark behind matched words (translucent on a selected row).
    static QColor matchColor() { return QColor(0xff, 0xd8, 0x4d); }

    void setHighlightPhrases(std::vector<SearchPhrase> phrases);
    const std::vector<SearchPhrase> &highlightPhrases() const { return m_phrases; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    std::vector<SearchPhrase> m_phrases;
};

} // namespace kansoku
