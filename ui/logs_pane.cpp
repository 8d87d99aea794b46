#include "logs_pane.h"

#include "core/log_severity.h"
#include "core/plural_count.h"
#include "export_control.h"
#include "log_body_delegate.h"
#include "log_details_view.h"
#include "view/log_severity_color.h"
#include "view/log_table_model.h"
#include "view/workbench_state.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <limits>

namespace kansoku {

namespace {

constexpr int searchDelayMs = 300;
constexpr std::int64_t openEndNs = std::numeric_limits<std::int64_t>::max();

QString searchHelp()
{
    return LogsPane::tr(
        "<b>Search the log bodies and attribute values</b> (whole words, case and accents "
        "ignored):<br>"
        "&nbsp;&nbsp;<tt>timeout retry</tt> both words &nbsp; <tt>\"connection refused\"</tt> a "
        "phrase &nbsp; <tt>refus*</tt> a prefix<br>"
        "&nbsp;&nbsp;<tt>timeout OR refused</tt>, <tt>timeout NOT retry</tt>, "
        "<tt>(a OR b) c</tt> — operators in capitals<br>"
        "&nbsp;&nbsp;<tt>body:word</tt>, <tt>attributes:word</tt> one column only<br>"
        "<b>Filters</b> (anywhere outside parentheses):<br>"
        "&nbsp;&nbsp;<tt>severity&gt;=warn</tt> &nbsp; <tt>service:checkout</tt> &nbsp; "
        "<tt>trace:&lt;32 hex&gt;</tt> &nbsp; <tt>span:&lt;16 hex&gt;</tt><br>"
        "&nbsp;&nbsp;<tt>http.method=GET</tt> or <tt>user.id:42</tt> an attribute's exact "
        "value; <tt>key:\"two words\"</tt><br>"
        "Quote text containing <tt>: = * -</tt> to search for it literally.");
}

} // namespace

LogsPane::LogsPane(WorkbenchState *state, std::shared_ptr<const TelemetryQueries> queries,
                   QWidget *parent)
    : QWidget(parent)
    , m_state(state)
    , m_queries(std::move(queries))
    , m_model(new LogTableModel(m_queries, this))
    , m_bodyDelegate(new LogBodyDelegate(this))
    , m_search(new QLineEdit(this))
    , m_severity(new QComboBox(this))
    , m_traceChip(new QToolButton(this))
    , m_count(new QLabel(this))
    , m_message(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(m_stack))
    , m_emptyState(new QLabel(m_stack))
    , m_details(new LogDetailsView(this))
    , m_searchDelay(new QTimer(this))
    , m_export(new ExportControl(this))
{
    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(
        tr("Search logs: words, \"phrases\", prefix*, AND/OR/NOT · severity>=warn service:x "
           "trace:id key=value"));
    m_search->setToolTip(searchHelp());

    m_severity->setObjectName(QStringLiteral("logSeverity"));
    m_severity->addItem(tr("All severities"), 0);
    for (const LogSeverity::Level level :
         {LogSeverity::Level::Debug, LogSeverity::Level::Info, LogSeverity::Level::Warn,
          LogSeverity::Level::Error, LogSeverity::Level::Fatal}) {
        const int number = LogSeverity::firstNumberOf(level);
        m_severity->addItem(QStringLiteral("≥ ") + LogSeverity::levelName(level), number);
        m_severity->setItemData(m_severity->count() - 1, LogSeverity::color(number),
                                Qt::ForegroundRole);
    }
    m_severity->setToolTip(tr("Show logs of at least this severity"));

    m_traceChip->setObjectName(QStringLiteral("logTraceChip"));
    m_traceChip->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_traceChip->setStyleSheet(QStringLiteral(
        "QToolButton { background: #dde9fb; color: #1f4f8f; border: 1px solid #a9c4ee; "
        "border-radius: 9px; padding: 1px 8px; }"
        "QToolButton:hover { background: #c9dcf8; }"));
    m_traceChip->hide();

    m_count->setObjectName(QStringLiteral("logCount"));
    m_count->setMinimumWidth(
        m_count->fontMetrics().horizontalAdvance(tr("%Ln log(s)", nullptr, 12345678)));
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_message->setObjectName(QStringLiteral("logSearchMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_message->hide();

    m_table->setObjectName(QStringLiteral("logTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(LogTableModel::BodyColumn, m_bodyDelegate);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const QFontMetrics metrics = m_table->fontMetrics();
    header->resizeSection(LogTableModel::TimeColumn,
                          metrics.horizontalAdvance(QStringLiteral("00-00 00:00:00.000")) + 16);
    header->resizeSection(LogTableModel::SeverityColumn,
                          metrics.horizontalAdvance(QStringLiteral("ERROR2")) + 20);
    header->resizeSection(LogTableModel::ServiceColumn,
                          metrics.horizontalAdvance(QStringLiteral("checkout-service")) + 12);
    header->resizeSection(LogTableModel::TraceColumn,
                          metrics.horizontalAdvance(QStringLiteral("00000000")) + 16);
    header->setSectionResizeMode(LogTableModel::BodyColumn, QHeaderView::Stretch);

    m_emptyState->setObjectName(QStringLiteral("logEmptyState"));
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setStyleSheet(QStringLiteral("color: gray; font-size: 11pt;"));
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_emptyState);

    auto *toolbar = new QHBoxLayout;
    toolbar->setContentsMargins(0, 0, 0, 0);
    toolbar->addWidget(m_search, 1);
    toolbar->addWidget(m_severity);
    toolbar->addWidget(m_traceChip);
    toolbar->addWidget(m_count);
    toolbar->addWidget(m_export);

    // Every log matching the current search, streamed page by page on a worker; not only the
    // rows the table has loaded.
    const auto logExport = [this](auto write) {
        return [this, write]() -> ExportControl::Work {
            return [queries = m_queries, query = buildQuery(), write](const QString &path) {
                return write(*queries, query, path);
            };
        };
    };
    m_export->addExport(tr("Export results as OTLP JSON lines…"), QStringLiteral("logs.jsonl"),
                        tr("OTLP JSON lines (*.jsonl)"), tr("logs"),
                        logExport(&TelemetryExporter::writeLogs));
    m_export->addExport(tr("Export results as CSV…"), QStringLiteral("logs.csv"), tr("CSV (*.csv)"),
                        tr("logs"), logExport(&TelemetryExporter::writeLogsCsv));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_stack);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(toolbar);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(searchDelayMs);
    connect(m_searchDelay, &QTimer::timeout, this, &LogsPane::applySearchText);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &LogsPane::applySearchText);
    // A search asked for elsewhere (the command palette) runs at once, as Enter would.
    connect(m_state, &WorkbenchState::logSearchRequested, this, [this](const QString &text) {
        m_search->setText(text);
        applySearchText();
    });
    connect(m_severity, &QComboBox::currentIndexChanged, this, &LogsPane::reload);
    connect(m_traceChip, &QToolButton::clicked, this,
            [this] { setTraceFilter(std::nullopt, SpanId{}); });

    connect(m_model, &LogTableModel::firstPageLoaded, this, [this] {
        restoreSelection();
        updateEmptyState();
    });
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex &, int first) {
                if (first == 0)
                    m_scrollBeforeInsert = m_table->verticalScrollBar()->value();
            });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                // Someone reading older logs keeps them in view; at the top, new logs show.
                if (first == 0 && m_scrollBeforeInsert > 0)
                    m_table->verticalScrollBar()->setValue(m_scrollBeforeInsert + last + 1);
                updateEmptyState();
            });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LogsPane::showCurrentLog);
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) {
        if (index.column() != LogTableModel::TraceColumn)
            return;
        const auto traceId
            = idFromHex<16>(index.data(LogTableModel::TraceIdRole).toString().toStdString());
        const auto spanId
            = idFromHex<8>(index.data(LogTableModel::SpanIdRole).toString().toStdString());
        if (traceId && !traceId->isZero())
            m_state->selectSpan(*traceId, spanId.value_or(SpanId{}));
    });
    connect(m_details, &LogDetailsView::openTraceRequested, m_state, &WorkbenchState::selectSpan);

    connect(m_state, &WorkbenchState::timeRangeChanged, this, &LogsPane::onTimeRangeChanged);
    connect(m_state, &WorkbenchState::serviceChanged, this, &LogsPane::reload);
    connect(m_state, &WorkbenchState::telemetryCommitted, this, &LogsPane::scheduleLiveRefresh);
    // Live refreshes only add newer rows: rows deleted under the table go with a new query.
    connect(m_state, &WorkbenchState::telemetryRemoved, this, &LogsPane::reload);
    connect(
        m_state, &WorkbenchState::logsRequested, this,
        [this](const TraceId &traceId, const SpanId &spanId) { setTraceFilter(traceId, spanId); });

    m_lastRange = m_state->timeRange();
    m_lastPreset = static_cast<int>(m_state->rangePreset());
    m_details->clear();
    reload();
}

LogsPane::~LogsPane() = default;

void LogsPane::applySearchText()
{
    m_searchDelay->stop();
    LogSearch parsed = LogSearchParser::parse(m_search->text());
    if (!parsed.isValid()) {
        // Keep showing the last valid results; the message says what to fix.
        m_message->setText(QStringLiteral("⚠ ") + parsed.errorMessage);
        m_message->show();
        return;
    }
    m_message->hide();
    m_parsedSearch = std::move(parsed);
    m_bodyDelegate->setHighlightPhrases(m_parsedSearch.highlightPhrases);
    reload();
}

LogQuery LogsPane::buildQuery() const
{
    LogQuery query;
    query.range = m_state->timeRange();
    // A trace's logs come from every service it crossed: the service filter would hide some.
    if (!m_traceFilter)
        query.service = m_state->service().toStdString();
    query.minSeverityNumber = m_severity->currentData().toInt();
    if (m_traceFilter) {
        query.traceId = m_traceFilter;
        if (!m_spanFilter.isZero())
            query.spanId = m_spanFilter;
    }
    m_parsedSearch.applyTo(&query);
    return query;
}

void LogsPane::reload()
{
    m_model->setQuery(buildQuery());
    m_table->viewport()->update();
    refreshCount(true);
}

void LogsPane::onTimeRangeChanged()
{
    const TimeRange range = m_state->timeRange();
    // Following live, the app moves the start of an open-ended range forward as data arrives:
    // that is new data on top, not a new question, so the rows and selection stay.
    const bool followingForward = m_state->isFollowingLive()
                                  && static_cast<int>(m_state->rangePreset()) == m_lastPreset
                                  && range.endNs == openEndNs && m_lastRange.endNs == openEndNs
                                  && range.startNs >= m_lastRange.startNs && m_model->hasLoaded();
    m_lastRange = range;
    m_lastPreset = static_cast<int>(m_state->rangePreset());
    if (followingForward) {
        m_model->setRangeKeepingRows(range);
        refreshCount(false);
        return;
    }
    reload();
}

void LogsPane::scheduleLiveRefresh()
{
    if (m_livePending)
        return;
    m_livePending = true;
    QTimer::singleShot(0, this, [this] {
        m_livePending = false;
        m_model->refreshNewer();
        refreshCount(false);
    });
}

void LogsPane::refreshCount(bool newQuery)
{
    if (!newQuery && m_countQuery.isBusy()) {
        m_countAgain = true; // one count at a time while data streams in
        return;
    }
    if (newQuery) {
        m_totalCount.reset();
        setCountText();
    }
    m_countAgain = false;
    m_countQuery.run(
        this, [queries = m_queries, query = m_model->query()] { return queries->countLogs(query); },
        [this](std::int64_t count) {
            m_totalCount = count;
            setCountText();
            if (m_countAgain)
                QTimer::singleShot(0, this, [this] { refreshCount(false); });
        });
}

void LogsPane::setCountText()
{
    if (!m_totalCount) {
        m_count->setText(tr("counting…"));
        return;
    }
    m_count->setText(tr("%Ln log(s)", nullptr, pluralCount(*m_totalCount)));
}

void LogsPane::setTraceFilter(std::optional<TraceId> traceId, SpanId spanId)
{
    m_traceFilter = traceId;
    m_spanFilter = traceId ? spanId : SpanId{};
    if (m_traceFilter) {
        const QString trace = QString::fromStdString(toHex(*m_traceFilter));
        QString text = tr("trace %1").arg(trace.left(8));
        QString tip = tr("Showing the logs of trace %1 from every service. Click to show all "
                         "logs again.")
                          .arg(trace);
        if (!m_spanFilter.isZero()) {
            const QString span = QString::fromStdString(toHex(m_spanFilter));
            text = tr("span %1 of trace %2").arg(span.left(8), trace.left(8));
            tip = tr("Showing the logs of span %1 of trace %2 from every service. Click to show "
                     "all logs again.")
                      .arg(span, trace);
        }
        m_traceChip->setText(text + QStringLiteral("  ✕"));
        m_traceChip->setToolTip(tip);
        m_traceChip->show();
    } else {
        m_traceChip->hide();
    }
    reload();
}

void LogsPane::updateEmptyState()
{
    const bool empty = m_model->hasLoaded() && m_model->rowCount() == 0;
    if (!empty) {
        m_stack->setCurrentWidget(m_table);
        return;
    }
    const LogQuery &query = m_model->query();
    const bool filtered = !query.fullText.empty() || query.minSeverityNumber > 0
                          || !query.service.empty() || query.traceId || query.spanId
                          || !query.attributeFilters.empty();
    m_emptyState->setText(filtered ? tr("No logs match these filters in the selected time range.")
                                   : tr("No logs in the selected time range.\nLogs sent over "
                                        "OTLP appear here as they arrive."));
    m_stack->setCurrentWidget(m_emptyState);
}

void LogsPane::showCurrentLog()
{
    const StoredLog *log = m_model->logAt(m_table->currentIndex().row());
    if (!log) {
        m_selectedRowId.reset();
        m_details->clear();
        return;
    }
    m_selectedRowId = log->rowId;
    m_details->showLog(*log);
}

void LogsPane::restoreSelection()
{
    const int row = m_selectedRowId ? m_model->rowOfRowId(*m_selectedRowId) : -1;
    if (row < 0) {
        m_selectedRowId.reset();
        m_details->clear();
        return;
    }
    m_table->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(m_model->index(row, 0));
}

} // namespace kansoku
