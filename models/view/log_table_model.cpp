#include "view/log_table_model.h"

#include "analysis/log_body_formatter.h"
#include "core/log_severity.h"
#include "view/log_severity_color.h"

#include <QColor>
#include <QDateTime>
#include <QFont>

namespace kansoku {

namespace {

QDateTime localTime(std::int64_t timeNs)
{
    return QDateTime::fromMSecsSinceEpoch(timeNs / 1'000'000);
}

QString fullTime(std::int64_t timeNs)
{
    if (timeNs == 0)
        return LogTableModel::tr("unknown");
    const std::int64_t nanos = ((timeNs % 1'000'000'000) + 1'000'000'000) % 1'000'000'000;
    return localTime(timeNs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
           + QStringLiteral(".%1").arg(nanos, 9, 10, QLatin1Char('0'));
}

} // namespace

LogTableModel::LogTableModel(std::shared_ptr<const TelemetryQueries> queries, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queries(std::move(queries))
{}

void LogTableModel::setQuery(const LogQuery &query)
{
    m_query = query;
    m_query.limit = pageSize;
    m_query.beforeRowId.reset();
    m_query.afterRowId.reset();
    m_olderQuery.cancel();
    m_newerQuery.cancel();
    m_fetchingOlder = false;
    m_fetchingNewer = false;
    m_newerAgain = false;
    m_loadingFirstPage = true;
    ++m_generation;
    runLogs(m_firstPageQuery, m_query, &LogTableModel::applyFirstPage);
}

void LogTableModel::runLogs(BackgroundQuery &background, const LogQuery &query,
                            void (LogTableModel::*apply)(LogPage))
{
    background.run(
        this, [queries = m_queries, query] { return queries->logs(query); },
        [this, apply, generation = m_generation](LogPage page) {
            // A quick worker can answer inside run() itself; going through the event loop keeps
            // rows from changing under a caller such as a view inside fetchMore(). The
            // generation drops answers that belong to an earlier query.
            QMetaObject::invokeMethod(
                this,
                [this, apply, generation, page = std::move(page)]() mutable {
                    if (generation == m_generation)
                        (this->*apply)(std::move(page));
                },
                Qt::QueuedConnection);
        });
}

void LogTableModel::setRangeKeepingRows(TimeRange range)
{
    m_query.range = range;
    refreshNewer();
}

void LogTableModel::applyFirstPage(LogPage page)
{
    beginResetModel();
    m_logs.assign(std::make_move_iterator(page.logs.begin()),
                  std::make_move_iterator(page.logs.end()));
    m_nextBeforeRowId = page.nextBeforeRowId;
    m_newestRowId = m_logs.empty() ? std::nullopt : std::optional(m_logs.front().rowId);
    m_loadingFirstPage = false;
    m_loaded = true;
    endResetModel();
    Q_EMIT firstPageLoaded();
    if (m_newerAgain) {
        m_newerAgain = false;
        refreshNewer();
    }
}

bool LogTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loaded && !m_loadingFirstPage && m_nextBeforeRowId.has_value()
           && !m_fetchingOlder;
}

void LogTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetchingOlder = true;
    LogQuery older = m_query;
    older.beforeRowId = m_nextBeforeRowId;
    runLogs(m_olderQuery, older, &LogTableModel::applyOlderPage);
}

void LogTableModel::applyOlderPage(LogPage page)
{
    m_fetchingOlder = false;
    m_nextBeforeRowId = page.nextBeforeRowId;
    if (page.logs.empty())
        return;
    const int first = static_cast<int>(m_logs.size());
    beginInsertRows({}, first, first + static_cast<int>(page.logs.size()) - 1);
    for (StoredLog &log : page.logs)
        m_logs.push_back(std::move(log));
    endInsertRows();
}

void LogTableModel::refreshNewer()
{
    // Before the first page answers there is nothing to be newer than: that page is the newest.
    if (m_loadingFirstPage || !m_loaded) {
        m_newerAgain = m_loadingFirstPage;
        return;
    }
    if (m_fetchingNewer) {
        m_newerAgain = true;
        return;
    }
    m_fetchingNewer = true;
    LogQuery newer = m_query;
    newer.limit = liveLimit;
    newer.afterRowId = m_newestRowId;
    runLogs(m_newerQuery, newer, &LogTableModel::applyNewer);
}

void LogTableModel::applyNewer(LogPage page)
{
    m_fetchingNewer = false;
    if (static_cast<int>(page.logs.size()) >= liveLimit) {
        // More arrived than one answer holds: rows between would be missing, so start over
        // from the newest.
        page.nextBeforeRowId = page.logs.back().rowId;
        m_olderQuery.cancel();
        m_fetchingOlder = false;
        ++m_generation;
        applyFirstPage(std::move(page));
        return;
    }
    if (!page.logs.empty()) {
        const int count = static_cast<int>(page.logs.size());
        beginInsertRows({}, 0, count - 1);
        for (auto it = page.logs.rbegin(); it != page.logs.rend(); ++it)
            m_logs.push_front(std::move(*it));
        m_newestRowId = m_logs.front().rowId;
        endInsertRows();
        Q_EMIT newerRowsInserted(count);
        trimOldest();
    }
    if (m_newerAgain) {
        m_newerAgain = false;
        refreshNewer();
    }
}

void LogTableModel::trimOldest()
{
    const int count = static_cast<int>(m_logs.size());
    if (count <= maxRows || m_fetchingOlder)
        return;
    beginRemoveRows({}, maxRows, count - 1);
    m_logs.resize(maxRows);
    m_nextBeforeRowId = m_logs.back().rowId;
    endRemoveRows();
}

const StoredLog *LogTableModel::logAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_logs.size()))
        return nullptr;
    return &m_logs[static_cast<std::size_t>(row)];
}

int LogTableModel::rowOfRowId(std::int64_t rowId) const
{
    // Row ids descend down the table.
    auto it
        = std::lower_bound(m_logs.begin(), m_logs.end(), rowId,
                           [](const StoredLog &log, std::int64_t id) { return log.rowId > id; });
    if (it == m_logs.end() || it->rowId != rowId)
        return -1;
    return static_cast<int>(it - m_logs.begin());
}

int LogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_logs.size());
}

int LogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogTableModel::data(const QModelIndex &index, int role) const
{
    const StoredLog *log = logAt(index.row());
    if (!log || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const LogRecord &record = log->record;
    switch (role) {
    case SeverityNumberRole:
        return record.severityNumber;
    case TraceIdRole:
        return record.traceId.isZero() ? QString() : QString::fromStdString(toHex(record.traceId));
    case SpanIdRole:
        return record.spanId.isZero() ? QString() : QString::fromStdString(toHex(record.spanId));
    case RowIdRole:
        return static_cast<qint64>(log->rowId);
    case TimeNsRole:
        return static_cast<qint64>(record.effectiveTimeNs());
    default:
        break;
    }

    switch (index.column()) {
    case TimeColumn:
        if (role == Qt::DisplayRole) {
            const std::int64_t timeNs = record.effectiveTimeNs();
            return timeNs == 0 ? QStringLiteral("—")
                               : localTime(timeNs).toString(QStringLiteral("MM-dd HH:mm:ss.zzz"));
        }
        if (role == Qt::ToolTipRole)
            return tr("Time: %1\nObserved: %2")
                .arg(fullTime(record.timeNs), fullTime(record.observedTimeNs));
        break;
    case SeverityColumn:
        if (role == Qt::DisplayRole) {
            const QString name = LogSeverity::shortName(record.severityNumber);
            return name.isEmpty() ? QString::fromStdString(record.severityText) : name;
        }
        if (role == Qt::ForegroundRole)
            return LogSeverity::color(record.severityNumber);
        if (role == Qt::FontRole && record.severityNumber >= 17) {
            QFont font;
            font.setBold(true);
            return font;
        }
        if (role == Qt::ToolTipRole)
            return tr("SeverityNumber %1, text “%2”")
                .arg(record.severityNumber)
                .arg(QString::fromStdString(record.severityText));
        break;
    case ServiceColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return QString::fromStdString(log->resource.serviceName());
        break;
    case BodyColumn:
        if (role == Qt::DisplayRole)
            return LogBodyFormatter::singleLine(record.body);
        if (role == Qt::ToolTipRole)
            return LogBodyFormatter::singleLine(record.body, 500);
        break;
    case TraceColumn:
        if (record.traceId.isZero())
            break;
        if (role == Qt::DisplayRole)
            return QString::fromStdString(toHex(record.traceId).substr(0, 8));
        if (role == Qt::ToolTipRole) {
            const QString trace = QString::fromStdString(toHex(record.traceId));
            if (record.spanId.isZero())
                return tr("Open trace %1").arg(trace);
            return tr("Open trace %1\nand select span %2")
                .arg(trace, QString::fromStdString(toHex(record.spanId)));
        }
        if (role == Qt::ForegroundRole)
            return QColor(0x1f, 0x6f, 0xd1);
        if (role == Qt::FontRole) {
            QFont font;
            font.setUnderline(true);
            return font;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SeverityColumn:
        return tr("Severity");
    case ServiceColumn:
        return tr("Service");
    case BodyColumn:
        return tr("Body");
    case TraceColumn:
        return tr("Trace");
    default:
        return {};
    }
}

} // namespace kansoku
