#include "view/trace_comparison_model.h"

#include "core/time_format.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace kansoku {

TraceComparisonModel::TraceComparisonModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void TraceComparisonModel::setComparison(std::shared_ptr<const TraceComparison> comparison)
{
    beginResetModel();
    m_comparison = std::move(comparison);
    const std::size_t count = m_comparison ? m_comparison->nodes().size() : 0;
    m_children.assign(count + 1, {});
    m_rowInParent.assign(count, 0);
    for (std::size_t i = 0; i < count; ++i) {
        const int parent = m_comparison->nodes()[i].parent;
        std::vector<int> &siblings = m_children[parent < 0 ? count : std::size_t(parent)];
        m_rowInParent[i] = int(siblings.size());
        siblings.push_back(int(i));
    }
    endResetModel();
}

const TraceComparisonNode *TraceComparisonModel::nodeAt(const QModelIndex &index) const
{
    if (!index.isValid() || !m_comparison || index.internalId() == 0)
        return nullptr;
    return &m_comparison->nodes()[std::size_t(index.internalId() - 1)];
}

TraceComparisonModel::Change TraceComparisonModel::changeOf(const TraceComparisonNode &node)
{
    if (node.onlyInA())
        return Change::OnlyInA;
    if (node.onlyInB())
        return Change::OnlyInB;
    return node.countChange() != 0 || node.durationChangeNs() != 0 ? Change::Changed : Change::Same;
}

QModelIndex TraceComparisonModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!m_comparison || row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const std::size_t list
        = parent.isValid() ? std::size_t(parent.internalId() - 1) : m_comparison->nodes().size();
    if (parent.isValid() && parent.column() != 0)
        return {};
    const std::vector<int> &children = m_children[list];
    if (row >= int(children.size()))
        return {};
    // Internal id: node index + 1, so 0 never names a node.
    return createIndex(row, column, quintptr(children[std::size_t(row)] + 1));
}

QModelIndex TraceComparisonModel::parent(const QModelIndex &child) const
{
    const TraceComparisonNode *node = nodeAt(child);
    if (!node || node->parent < 0)
        return {};
    return createIndex(m_rowInParent[std::size_t(node->parent)], 0, quintptr(node->parent + 1));
}

int TraceComparisonModel::rowCount(const QModelIndex &parent) const
{
    if (!m_comparison)
        return 0;
    if (!parent.isValid())
        return int(m_children.back().size());
    if (parent.column() != 0)
        return 0;
    return int(m_children[std::size_t(parent.internalId() - 1)].size());
}

int TraceComparisonModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

namespace {

QString signedCount(std::int64_t change)
{
    return change > 0 ? QStringLiteral("+%1").arg(change) : QString::number(change);
}

QString signedDuration(std::int64_t changeNs)
{
    if (changeNs == 0)
        return QStringLiteral("0");
    return (changeNs > 0 ? QStringLiteral("+") : QStringLiteral("−"))
           + formatDurationNs(changeNs > 0 ? changeNs : -changeNs);
}

} // namespace

QVariant TraceComparisonModel::data(const QModelIndex &index, int role) const
{
    const TraceComparisonNode *node = nodeAt(index);
    if (!node)
        return {};
    const Change change = changeOf(*node);
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case OperationColumn:
            return QStringLiteral("%1: %2").arg(QString::fromStdString(node->service),
                                                QString::fromStdString(node->name));
        case CallsAColumn:
            return node->count[0] ? QVariant(qint64(node->count[0]))
                                  : QVariant(QStringLiteral("–"));
        case CallsBColumn:
            return node->count[1] ? QVariant(qint64(node->count[1]))
                                  : QVariant(QStringLiteral("–"));
        case CallsChangeColumn:
            return node->countChange() ? signedCount(node->countChange()) : QString();
        case TimeAColumn:
            return node->count[0] ? formatDurationNs(node->totalDurationNs[0])
                                  : QStringLiteral("–");
        case TimeBColumn:
            return node->count[1] ? formatDurationNs(node->totalDurationNs[1])
                                  : QStringLiteral("–");
        case TimeChangeColumn:
            return node->durationChangeNs() ? signedDuration(node->durationChangeNs()) : QString();
        }
        return {};
    case SortRole:
        switch (column) {
        case OperationColumn:
            return QString::fromStdString(node->name);
        case CallsAColumn:
            return qint64(node->count[0]);
        case CallsBColumn:
            return qint64(node->count[1]);
        case CallsChangeColumn:
            return qint64(node->countChange());
        case TimeAColumn:
            return qint64(node->totalDurationNs[0]);
        case TimeBColumn:
            return qint64(node->totalDurationNs[1]);
        case TimeChangeColumn:
            return qint64(node->durationChangeNs());
        }
        return {};
    case ChangeRole:
        return int(change);
    case Qt::TextAlignmentRole:
        return column == OperationColumn ? QVariant()
                                         : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::FontRole:
        if (change == Change::OnlyInA && column == OperationColumn) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole: {
        // Warm: more work in B; green: less. Only-in rows colour the whole row.
        const QColor warm(0xc0, 0x39, 0x2b);
        const QColor cool(0x1e, 0x84, 0x49);
        if (change == Change::OnlyInA)
            return QBrush(QColor(0x80, 0x80, 0x80));
        if (change == Change::OnlyInB)
            return QBrush(QColor(0x1f, 0x5f, 0xbf));
        if (column == CallsChangeColumn && node->countChange() != 0)
            return QBrush(node->countChange() > 0 ? warm : cool);
        if (column == TimeChangeColumn && node->durationChangeNs() != 0)
            return QBrush(node->durationChangeNs() > 0 ? warm : cool);
        return {};
    }
    case Qt::ToolTipRole:
        switch (change) {
        case Change::OnlyInA:
            return tr("Only in trace A: %n call(s), %1", nullptr, int(node->count[0]))
                .arg(formatDurationNs(node->totalDurationNs[0]));
        case Change::OnlyInB:
            return tr("Only in trace B: %n call(s), %1", nullptr, int(node->count[1]))
                .arg(formatDurationNs(node->totalDurationNs[1]));
        case Change::Changed:
        case Change::Same:
            return tr("A: %1 call(s), %2 (self %3)\nB: %4 call(s), %5 (self %6)")
                .arg(node->count[0])
                .arg(formatDurationNs(node->totalDurationNs[0]),
                     formatDurationNs(node->selfTimeNs[0]))
                .arg(node->count[1])
                .arg(formatDurationNs(node->totalDurationNs[1]),
                     formatDurationNs(node->selfTimeNs[1]));
        }
        return {};
    default:
        return {};
    }
}

QVariant TraceComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    // Calls, times and their changes sort largest first on a first click.
    if (role == Qt::InitialSortOrderRole)
        return section == OperationColumn ? Qt::AscendingOrder : Qt::DescendingOrder;
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case OperationColumn:
        return tr("Operation");
    case CallsAColumn:
        return tr("Calls A");
    case CallsBColumn:
        return tr("Calls B");
    case CallsChangeColumn:
        return tr("Δ calls");
    case TimeAColumn:
        return tr("Time A");
    case TimeBColumn:
        return tr("Time B");
    case TimeChangeColumn:
        return tr("Δ time");
    }
    return {};
}

} // namespace kansoku
