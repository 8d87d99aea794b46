#include "view/trace_list_model.h"

#include "core/time_format.h"

#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QStringList>
#include <algorithm>
#include <map>

namespace kansoku {

namespace {

const QColor errorColor(0xd6, 0x27, 0x28);
const QColor missingColor(0x88, 0x88, 0x88);

QDateTime localTime(std::int64_t epochNs)
{
    // Floor division so times before 1970 do not round towards zero.
    const std::int64_t ms = epochNs / 1000000 - (epochNs % 1000000 < 0 ? 1 : 0);
    return QDateTime::fromMSecsSinceEpoch(ms);
}

QString joined(const std::vector<std::string> &names, QLatin1String separator)
{
    QStringList list;
    list.reserve(static_cast<qsizetype>(names.size()));
    for (const std::string &name : names)
        list.append(QString::fromStdString(name));
    return list.join(separator);
}

} // namespace

TraceListModel::TraceListModel(std::shared_ptr<const TelemetryQueries> queries, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queries(std::move(queries))
{}

void TraceListModel::setQuery(const TraceQuery &query)
{
    m_query = query;
    startLoad(Load::FirstPage);
}

void TraceListModel::refresh()
{
    if (m_loading) {
        m_refreshQueued = true;
        return;
    }
    startLoad(m_loaded ? Load::Refresh : Load::FirstPage);
}

void TraceListModel::setRange(const TimeRange &range)
{
    m_query.range = range;
    refresh();
}

void TraceListModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
}

std::optional<TraceSortOrder> TraceListModel::sortOrderFor(int column, Qt::SortOrder order)
{
    if (column == StartColumn)
        return order == Qt::AscendingOrder ? TraceSortOrder::StartTimeAscending
                                           : TraceSortOrder::StartTimeDescending;
    const bool ascending = order == Qt::AscendingOrder;
    switch (column) {
    case DurationColumn:
        return ascending ? TraceSortOrder::DurationAscending : TraceSortOrder::DurationDescending;
    case SpanCountColumn:
        return ascending ? TraceSortOrder::SpanCountAscending : TraceSortOrder::SpanCountDescending;
    case ErrorCountColumn:
        return ascending ? TraceSortOrder::ErrorCountAscending
                         : TraceSortOrder::ErrorCountDescending;
    case RootServiceColumn:
        return ascending ? TraceSortOrder::RootServiceAscending
                         : TraceSortOrder::RootServiceDescending;
    case RootOperationColumn:
        return ascending ? TraceSortOrder::RootOperationAscending
                         : TraceSortOrder::RootOperationDescending;
    default:
        return std::nullopt; // the services column lists several names: no single order
    }
}

bool TraceListModel::isNewestOrLargestFirstColumn(int column)
{
    return column == StartColumn || column == DurationColumn || column == SpanCountColumn
           || column == ErrorCountColumn;
}

std::pair<int, Qt::SortOrder> TraceListModel::headerSortFor(TraceSortOrder order)
{
    switch (order) {
    case TraceSortOrder::StartTimeDescending:
        return {StartColumn, Qt::DescendingOrder};
    case TraceSortOrder::StartTimeAscending:
        return {StartColumn, Qt::AscendingOrder};
    case TraceSortOrder::DurationDescending:
        return {DurationColumn, Qt::DescendingOrder};
    case TraceSortOrder::DurationAscending:
        return {DurationColumn, Qt::AscendingOrder};
    case TraceSortOrder::SpanCountDescending:
        return {SpanCountColumn, Qt::DescendingOrder};
    case TraceSortOrder::SpanCountAscending:
        return {SpanCountColumn, Qt::AscendingOrder};
    case TraceSortOrder::ErrorCountDescending:
        return {ErrorCountColumn, Qt::DescendingOrder};
    case TraceSortOrder::ErrorCountAscending:
        return {ErrorCountColumn, Qt::AscendingOrder};
    case TraceSortOrder::RootServiceAscending:
        return {RootServiceColumn, Qt::AscendingOrder};
    case TraceSortOrder::RootServiceDescending:
        return {RootServiceColumn, Qt::DescendingOrder};
    case TraceSortOrder::RootOperationAscending:
        return {RootOperationColumn, Qt::AscendingOrder};
    case TraceSortOrder::RootOperationDescending:
        return {RootOperationColumn, Qt::DescendingOrder};
    }
    return {StartColumn, Qt::DescendingOrder};
}

void TraceListModel::sort(int column, Qt::SortOrder order)
{
    const std::optional<TraceSortOrder> sortOrder = sortOrderFor(column, order);
    if (!sortOrder || *sortOrder == m_sortOrder)
        return;
    m_sortOrder = *sortOrder;
    startLoad(Load::FirstPage);
}

int TraceListModel::rowOf(const TraceId &traceId) const
{
    if (!m_ids.contains(traceId))
        return -1;
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [&traceId](const TraceSummary &row) {
        return row.traceId == traceId;
    });
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

void TraceListModel::startLoad(Load kind)
{
    if (kind == Load::FirstPage) {
        beginResetModel();
        m_rows.clear();
        m_ids.clear();
        m_loaded = false;
        m_atEnd = false;
        m_refreshQueued = false;
        endResetModel();
    }
    TraceQuery query = m_query;
    query.sortOrder = m_sortOrder;
    query.offset = kind == Load::NextPage ? static_cast<int>(m_rows.size()) : 0;
    query.limit = kind == Load::Refresh ? std::max(m_pageSize, static_cast<int>(m_rows.size()))
                                        : m_pageSize;
    setLoading(true);
    m_background.run(
        this, [queries = m_queries, query] { return queries->traces(query); },
        [this, kind, requested = query.limit](std::vector<TraceSummary> rows) {
            apply(kind, std::move(rows), requested);
        });
}

void TraceListModel::apply(Load kind, std::vector<TraceSummary> rows, int requested)
{
    m_atEnd = static_cast<int>(rows.size()) < requested;
    if (kind == Load::Refresh)
        replaceRows(std::move(rows));
    else
        appendRows(std::move(rows));
    m_loaded = true;
    setLoading(false);
    Q_EMIT loaded();
    if (m_refreshQueued) {
        m_refreshQueued = false;
        startLoad(Load::Refresh);
    }
}

void TraceListModel::appendRows(std::vector<TraceSummary> rows)
{
    // New traces shift offsets, so a page may repeat rows already shown.
    std::erase_if(rows, [this](const TraceSummary &row) { return m_ids.contains(row.traceId); });
    if (rows.empty())
        return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
    for (TraceSummary &row : rows) {
        m_ids.insert(row.traceId);
        m_rows.push_back(std::move(row));
    }
    endInsertRows();
}

void TraceListModel::replaceRows(std::vector<TraceSummary> rows)
{
    const std::size_t oldSize = m_rows.size();
    const std::size_t newSize = rows.size();
    const bool sameOrder = oldSize == newSize
                           && std::equal(m_rows.begin(), m_rows.end(), rows.begin(),
                                         [](const TraceSummary &a, const TraceSummary &b) {
                                             return a.traceId == b.traceId;
                                         });
    if (sameOrder) {
        const bool changed = m_rows != rows;
        m_rows = std::move(rows);
        if (changed)
            Q_EMIT dataChanged(index(0, 0), index(static_cast<int>(newSize) - 1, ColumnCount - 1));
        return;
    }

    // Row count changes go through insert/remove at the end; the move of every kept trace to its
    // new row is one layout change that carries persistent indexes (selection, current) along.
    if (newSize > oldSize) {
        beginInsertRows({}, static_cast<int>(oldSize), static_cast<int>(newSize) - 1);
        m_rows.insert(m_rows.end(), rows.begin() + static_cast<std::ptrdiff_t>(oldSize),
                      rows.end());
        endInsertRows();
    }
    std::vector<TraceSummary> target = rows;
    if (newSize < oldSize) {
        // Pad with the leaving traces so the removal below drops exactly them.
        std::set<TraceId> kept;
        for (const TraceSummary &row : rows)
            kept.insert(row.traceId);
        for (const TraceSummary &row : m_rows) {
            if (target.size() < oldSize && !kept.contains(row.traceId))
                target.push_back(row);
        }
    }

    Q_EMIT layoutAboutToBeChanged();
    std::map<TraceId, int> targetRows;
    for (std::size_t row = 0; row < target.size(); ++row)
        targetRows.emplace(target[row].traceId, static_cast<int>(row));
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &index : from) {
        const auto it = targetRows.find(m_rows[static_cast<std::size_t>(index.row())].traceId);
        to.append(it == targetRows.end() ? QModelIndex() : createIndex(it->second, index.column()));
    }
    m_rows = std::move(target);
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged();

    if (newSize < oldSize) {
        beginRemoveRows({}, static_cast<int>(newSize), static_cast<int>(oldSize) - 1);
        m_rows.resize(newSize);
        endRemoveRows();
    }
    m_ids.clear();
    for (const TraceSummary &row : m_rows)
        m_ids.insert(row.traceId);
}

void TraceListModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

int TraceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TraceListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool TraceListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loaded && !m_atEnd && !m_loading;
}

void TraceListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        startLoad(Load::NextPage);
}

QVariant TraceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TraceSummary &row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case StartColumn:
            return localTime(row.startTimeNs).toString(QStringLiteral("MMM d HH:mm:ss.zzz"));
        case RootServiceColumn:
            return row.rootService.empty() ? QStringLiteral("—")
                                           : QString::fromStdString(row.rootService);
        case RootOperationColumn:
            return row.rootName.empty() && row.rootService.empty()
                       ? tr("(root span missing)")
                       : QString::fromStdString(row.rootName);
        case DurationColumn:
            return formatDurationNs(row.durationNs);
        case SpanCountColumn:
            return QString::number(row.spanCount);
        case ErrorCountColumn:
            return QString::number(row.errorCount);
        case ServicesColumn:
            return joined(row.services, QLatin1String(", "));
        }
        break;
    case Qt::ToolTipRole:
        switch (column) {
        case StartColumn:
            return localTime(row.startTimeNs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t"));
        case DurationColumn:
            return tr("%1 ns").arg(row.durationNs);
        case ServicesColumn:
            return joined(row.services, QLatin1String("\n"));
        default:
            return tr("Trace %1").arg(QString::fromStdString(toHex(row.traceId)));
        }
    case Qt::TextAlignmentRole:
        if (column == DurationColumn || column == SpanCountColumn || column == ErrorCountColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (column == ErrorCountColumn && row.errorCount > 0)
            return errorColor;
        if ((column == RootServiceColumn || column == RootOperationColumn)
            && row.rootService.empty())
            return missingColor;
        if (column == ErrorCountColumn)
            return missingColor;
        break;
    case Qt::FontRole:
        if (column == ErrorCountColumn && row.errorCount > 0) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case TraceIdRole:
        return QString::fromStdString(toHex(row.traceId));
    case StartTimeNsRole:
        return QVariant::fromValue<qint64>(row.startTimeNs);
    case DurationNsRole:
        return QVariant::fromValue<qint64>(row.durationNs);
    case SpanCountRole:
        return QVariant::fromValue<qint64>(row.spanCount);
    case ErrorCountRole:
        return QVariant::fromValue<qint64>(row.errorCount);
    default:
        break;
    }
    return {};
}

QVariant TraceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    // A first click on a time or a count sorts newest or largest first: what people look for.
    if (role == Qt::InitialSortOrderRole)
        return isNewestOrLargestFirstColumn(section) ? Qt::DescendingOrder : Qt::AscendingOrder;
    if (role == Qt::TextAlignmentRole) {
        if (section == DurationColumn || section == SpanCountColumn || section == ErrorCountColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && !sortOrderFor(section, Qt::AscendingOrder))
        return tr("The list sorts by start time or duration");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StartColumn:
        return tr("Start");
    case RootServiceColumn:
        return tr("Root service");
    case RootOperationColumn:
        return tr("Root operation");
    case DurationColumn:
        return tr("Duration");
    case SpanCountColumn:
        return tr("Spans");
    case ErrorCountColumn:
        return tr("Errors");
    case ServicesColumn:
        return tr("Services");
    }
    return {};
}

} // namespace kansoku
