// Paints one command palette row: what kind of entry it is (dim, in a column of its own), its text
// with the characters the query matched in bold and underlined, then its detail (dim) and its
// shortcut on the right. GUI thread.
#pragma once

#include <QStyledItemDelegate>

namespace kansoku {

class CommandPaletteDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit CommandPaletteDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace kansoku
