// Test helper: the rows of a SpanTree as the waterfall lists them, by span name, a group's row
// marked "name ×" (it stands for its first member), for comparing whole row lists.
#pragma once

#include "analysis/span_tree.h"

#include <QStringList>

namespace kansoku::test {

inline QStringList spanTreeRows(const SpanTree &tree)
{
    QStringList rows;
    for (int row = 0; row < tree.rowCount(); ++row) {
        const QString name
            = QString::fromStdString(tree.span(tree.visibleRows()[std::size_t(row)]).name);
        rows << (tree.rowGroup(row) >= 0 ? name + QStringLiteral(" ×") : name);
    }
    return rows;
}

} // namespace kansoku::test
