// The log table: time, severity, service, body, trace of the logs matching a LogQuery, newest
// first. Never loads everything: the first page on setQuery(), older pages on fetchMore() (keyset
// paging), newer rows on refreshNewer() inserted at the top. Queries run on workers through
// BackgroundQuery; the model lives on the GUI thread.
#pragma once

#include "core/telemetry_queries.h"
#include "view/background_query.h"

#include <QAbstractTableModel>
#include <deque>
#include <memory>

namespace kansoku {

class LogTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, SeverityColumn, ServiceColumn, BodyColumn, TraceColumn, ColumnCount };
    enum Role {
        SeverityNumberRole = Qt::UserRole + 1, // int
        TraceIdRole,                           // lowercase hex QString, empty without a trace
        SpanIdRole,                            // lowercase hex QString, empty without a span
        RowIdRole,                             // qint64, the storage row id
        TimeNsRole,                            // qint64, LogRecord::effectiveTimeNs()
    };

    static constexpr int pageSize = 200;
    // Newer rows asked for per refresh; a full answer means a gap, and the table starts over.
    static constexpr int liveLimit = 1000;
    // Rows kept while new ones arrive at the top; older ones are dropped and paged in again.
    static constexpr int maxRows = 20000;

    explicit LogTableModel(std::shared_ptr<const TelemetryQueries> queries,
                           QObject *parent = nullptr);

    // Loads the first page of a new query. The old rows stay until it answers (no flicker).
    void setQuery(const LogQuery &query);
    const LogQuery &query() const { return m_query; }
    // Changes the range used by later pages and refreshes without reloading (following live).
    void setRangeKeepingRows(TimeRange range);
    // Inserts logs stored after the newest row shown. One request at a time; a call meanwhile
    // runs once more after it.
    void refreshNewer();

    bool isLoadingFirstPage() const { return m_loadingFirstPage; }
    // A refreshNewer() request is running; one asked for meanwhile starts as it answers, so this
    // stays true until the last of them has answered.
    bool isRefreshingNewer() const { return m_fetchingNewer; }
    bool hasLoaded() const { return m_loaded; } // the first page of the current query answered
    const StoredLog *logAt(int row) const;
    int rowOfRowId(std::int64_t rowId) const; // -1 when not loaded

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void firstPageLoaded(); // after the reset that shows a new query's first page
    void newerRowsInserted(int count);

private:
    void applyFirstPage(LogPage page);
    void applyOlderPage(LogPage page);
    void applyNewer(LogPage page);
    void trimOldest();
    void runLogs(BackgroundQuery &background, const LogQuery &query,
                 void (LogTableModel::*apply)(LogPage));

    std::shared_ptr<const TelemetryQueries> m_queries;
    LogQuery m_query;
    std::deque<StoredLog> m_logs; // newest first
    std::optional<std::int64_t> m_nextBeforeRowId;
    std::optional<std::int64_t> m_newestRowId;
    BackgroundQuery m_firstPageQuery;
    BackgroundQuery m_olderQuery;
    BackgroundQuery m_newerQuery;
    std::uint64_t m_generation = 0; // bumped by each new first page
    bool m_loadingFirstPage = false;
    bool m_loaded = false;
    bool m_fetchingOlder = false;
    bool m_fetchingNewer = false;
    bool m_newerAgain = false;
};

} // namespace kansoku
