// The merged tree of two compared traces (analysis/TraceComparison) for a tree view: operation,
// calls in A and B and their change, total time in A and B and its change. Work only in A is
// struck out, work only in B is marked new, changes are coloured (slower or more calls: warm;
// faster or fewer: green). Whole comparisons go in with a reset. GUI thread.
#pragma once

#include "analysis/trace_comparison.h"

#include <QAbstractItemModel>
#include <memory>

namespace kansoku {

class TraceComparisonModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        OperationColumn,
        CallsAColumn,
        CallsBColumn,
        CallsChangeColumn,
        TimeAColumn,
        TimeBColumn,
        TimeChangeColumn,
        ColumnCount
    };
    enum class Change { Same, OnlyInA, OnlyInB, Changed };
    enum Role {
        ChangeRole = Qt::UserRole + 1, // int(Change)
        SortRole,                      // numbers as numbers, for a sort proxy
    };

    explicit TraceComparisonModel(QObject *parent = nullptr);

    void setComparison(std::shared_ptr<const TraceComparison> comparison);
    const TraceComparison *comparison() const { return m_comparison.get(); }
    // nullptr for an invalid index.
    const TraceComparisonNode *nodeAt(const QModelIndex &index) const;
    static Change changeOf(const TraceComparisonNode &node);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const TraceComparison> m_comparison;
    std::vector<std::vector<int>> m_children; // per node; the last entry holds the roots
    std::vector<int> m_rowInParent;
};

} // namespace kansoku
