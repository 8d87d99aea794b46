// The trace list: one row per trace summary, loaded page by page from TelemetryQueries::traces()
// on a worker (canFetchMore/fetchMore), never all at once. refresh() re-reads the loaded rows for
// live data and moves persistent indexes with their traces, so selections survive. GUI thread.
#pragma once

#include "core/telemetry_queries.h"
#include "view/background_query.h"

#include <QAbstractTableModel>
#include <memory>
#include <set>

namespace kansoku {

class TraceListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StartColumn,
        RootServiceColumn,
        RootOperationColumn,
        DurationColumn,
        SpanCountColumn,
        ErrorCountColumn,
        ServicesColumn,
        ColumnCount
    };
    enum Role {
        TraceIdRole = Qt::UserRole + 1, // QString, 32 lowercase hex digits
        StartTimeNsRole,                // qint64, Unix epoch ns
        DurationNsRole,                 // qint64
        SpanCountRole,                  // qint64
        ErrorCountRole                  // qint64
    };

    explicit TraceListModel(std::shared_ptr<const TelemetryQueries> queries,
                            QObject *parent = nullptr);

    // Filters and range of the list; its sortOrder, limit and offset are ignored (the model's
    // sort and paging apply). Drops every row and loads the first page.
    void setQuery(const TraceQuery &query);
    TraceQuery query() const { return m_query; }
    // Re-reads the loaded rows (at least one page) for new data, keeping rows in place where they
    // are unchanged. While another load runs, one refresh is queued behind it.
    void refresh();
    // A new range for the current filters, applied by refresh() rather than a reset: a range that
    // follows live data moves with every commit, and the user's rows must stay put.
    void setRange(const TimeRange &range);

    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    TraceSortOrder sortOrder() const { return m_sortOrder; }
    // Whether sort(column, order) is served by the store.
    static std::optional<TraceSortOrder> sortOrderFor(int column, Qt::SortOrder order);
    // The header column and arrow that show a store order (the inverse of sortOrderFor).
    static std::pair<int, Qt::SortOrder> headerSortFor(TraceSortOrder order);
    // Start, duration, spans and errors: a first click on their header sorts descending
    // (headerData's Qt::InitialSortOrderRole).
    static bool isNewestOrLargestFirstColumn(int column);

    bool isLoading() const { return m_loading; }
    // True once the first page of the current query and sort has arrived.
    bool hasLoaded() const { return m_loaded; }
    const TraceSummary &summary(int row) const { return m_rows.at(static_cast<std::size_t>(row)); }
    // -1 when the trace is not among the loaded rows.
    int rowOf(const TraceId &traceId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Columns the store cannot order by (sortOrderFor() is nullopt) are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    // After every answer was applied: first page, further page or refresh.
    void loaded();

private:
    enum class Load { FirstPage, NextPage, Refresh };

    void startLoad(Load kind);
    void apply(Load kind, std::vector<TraceSummary> rows, int requested);
    void appendRows(std::vector<TraceSummary> rows);
    void replaceRows(std::vector<TraceSummary> rows);
    void setLoading(bool loading);

    std::shared_ptr<const TelemetryQueries> m_queries;
    BackgroundQuery m_background;
    TraceQuery m_query;
    TraceSortOrder m_sortOrder = TraceSortOrder::StartTimeDescending;
    int m_pageSize = 200;
    std::vector<TraceSummary> m_rows;
    std::set<TraceId> m_ids; // of m_rows: pages that overlap after new data are de-duplicated
    bool m_loading = false;
    bool m_loaded = false;
    bool m_atEnd = false;
    bool m_refreshQueued = false;
};

} // namespace kansoku
