#include "findings_pane.h"

#include "core/plural_count.h"
#include "finding_details_view.h"
#include "on_screen_watch.h"
#include "view/finding_list_model.h"
#include "view/workbench_state.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <limits>

namespace kansoku {

namespace {

constexpr std::int64_t openEndNs = std::numeric_limits<std::int64_t>::max();
constexpr int progressIntervalMs = 250;

} // namespace

FindingsPane::FindingsPane(WorkbenchState *state, std::shared_ptr<const TelemetryQueries> queries,
                           QWidget *parent)
    : QWidget(parent)
    , m_state(state)
    , m_queries(std::move(queries))
    , m_model(new FindingListModel(this))
    , m_detectorFilter(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(m_stack))
    , m_emptyState(new QLabel(m_stack))
    , m_details(new FindingDetailsView(this))
    , m_liveTimer(new QTimer(this))
    , m_progressTimer(new QTimer(this))
{
    m_detectorFilter->setObjectName(QStringLiteral("findingDetectorFilter"));
    m_detectorFilter->setToolTip(tr("Show the findings of one detector"));
    m_detectorFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_detectorFilter->addItem(tr("All detectors"), -1);
    for (FindingKind kind : allFindingKinds()) {
        m_detectorFilter->addItem(FindingListModel::kindName(kind), int(kind));
        m_detectorFilter->setItemData(m_detectorFilter->count() - 1,
                                      FindingListModel::kindDescription(kind), Qt::ToolTipRole);
    }

    m_status->setObjectName(QStringLiteral("findingsStatus"));
    m_status->setContentsMargins(6, 0, 6, 0);

    m_table->setObjectName(QStringLiteral("findingTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    // The title says most: the other columns get what their usual values and headers need.
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto textWidth = [&metrics](const char *sample) {
        return metrics.horizontalAdvance(QLatin1String(sample)) + 20;
    };
    m_table->setColumnWidth(FindingListModel::SeverityColumn, textWidth("Medium") + 24);
    m_table->setColumnWidth(FindingListModel::ServiceColumn, textWidth("checkout-api"));
    m_table->setColumnWidth(FindingListModel::OperationColumn, textWidth("GET /orders/{id}"));
    m_table->setColumnWidth(FindingListModel::DetectorColumn, textWidth("Error hotspot"));
    m_table->setColumnWidth(FindingListModel::OccurrencesColumn, textWidth("Occurrences"));
    m_table->setColumnWidth(FindingListModel::TracesColumn, textWidth("1,234 · 99%"));
    m_table->setColumnWidth(FindingListModel::CostPerRequestColumn, textWidth("Per request"));
    m_table->setColumnWidth(FindingListModel::TotalCostColumn, textWidth("12.3 s"));
    // The title takes what the figures leave; the analyzer's order is severity, worst first.
    header->setSectionResizeMode(FindingListModel::TitleColumn, QHeaderView::Stretch);
    // Every title starts with its operation and ends with its detector ("GET /cart runs … —
    // N+1, …"): those columns start hidden, so the title has room beside the figures. The
    // header's context menu shows any column.
    for (int column : {FindingListModel::OperationColumn, FindingListModel::DetectorColumn})
        header->hideSection(column);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](QPoint pos) {
        // popup(), not exec(): no nested event loop.
        auto *menu = new QMenu(this);
        menu->setObjectName(QStringLiteral("findingColumnsMenu"));
        menu->setAttribute(Qt::WA_DeleteOnClose);
        for (int column = 0; column < FindingListModel::ColumnCount; ++column) {
            QAction *action
                = menu->addAction(m_model->headerData(column, Qt::Horizontal).toString());
            action->setCheckable(true);
            action->setChecked(!header->isSectionHidden(column));
            // The title always stays.
            action->setEnabled(column != FindingListModel::TitleColumn);
            connect(action, &QAction::toggled, header,
                    [header, column](bool shown) { header->setSectionHidden(column, !shown); });
        }
        menu->popup(header->mapToGlobal(pos));
    });
    header->setSortIndicator(FindingListModel::SeverityColumn, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);

    m_emptyState->setObjectName(QStringLiteral("findingsEmptyState"));
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_emptyState);

    m_details->setObjectName(QStringLiteral("findingDetails"));
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter = splitter;
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_stack);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({660, 340});

    auto *toolbar = new QHBoxLayout;
    toolbar->setContentsMargins(0, 0, 0, 0);
    toolbar->addWidget(m_detectorFilter);
    toolbar->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(toolbar);
    layout->addWidget(splitter, 1);

    m_liveTimer->setSingleShot(true);
    connect(m_liveTimer, &QTimer::timeout, this, [this] {
        if (m_liveDataPending && !m_run)
            startAnalysis();
    });
    m_progressTimer->setInterval(progressIntervalMs);
    connect(m_progressTimer, &QTimer::timeout, this, [this] {
        updateStatus();
        updateEmptyState();
    });

    connect(m_detectorFilter, &QComboBox::currentIndexChanged, this, [this] {
        const int kind = m_detectorFilter->currentData().toInt();
        changeRows([this, kind] {
            m_model->setKindFilter(kind < 0 ? std::nullopt
                                            : std::optional<FindingKind>(FindingKind(kind)));
        });
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &FindingsPane::showCurrentFinding);
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &index) { openFinding(index.row()); });
    connect(m_details, &FindingDetailsView::openRequested, this, [this] {
        if (m_details->finding())
            open(*m_details->finding());
    });
    connect(m_details, &FindingDetailsView::exampleActivated, this, [this](int index) {
        if (m_details->finding())
            openExample(*m_details->finding(), index);
    });
    connect(m_details, &FindingDetailsView::logsRequested, this, [this] {
        if (m_details->finding())
            showLogsOf(*m_details->finding());
    });

    m_onScreen = new OnScreenWatch(this);
    connect(m_onScreen, &OnScreenWatch::shown, this, [this] {
        if (m_analysisDeferred)
            scheduleFullAnalysis();
    });
    connect(m_state, &WorkbenchState::timeRangeChanged, this, &FindingsPane::onTimeRangeChanged);
    // Only a filter: the analysis covers every service, because a finding's share of its
    // endpoint's traces and the cross-service detectors need all of them.
    connect(m_state, &WorkbenchState::serviceChanged, this,
            [this] { changeRows([this] { m_model->setServiceFilter(m_state->service()); }); });
    connect(m_state, &WorkbenchState::telemetryCommitted, this, &FindingsPane::noteLiveData);

    m_model->setServiceFilter(m_state->service());
    m_lastRange = m_state->timeRange();
    m_lastPreset = int(m_state->rangePreset());
    updateDetectorCounts();
    startAnalysis();
}

FindingsPane::~FindingsPane()
{
    // The worker stops at its next trace; its answer is dropped.
    if (m_run)
        m_run->cancel();
    m_analysis.cancel();
}

void FindingsPane::startAnalysis()
{
    if (!m_onScreen->isOnScreen()) {
        // Nobody looks at it (closed, or a tab behind another pane): analyse when the pane shows
        // again, not a whole range every few seconds beside the ingest.
        m_analysisDeferred = true;
        m_liveTimer->stop();
        updateStatus();
        return;
    }
    m_analysisDeferred = false;
    if (m_run)
        m_run->cancel();
    m_liveTimer->stop();
    m_liveDataPending = false;
    auto run = std::make_shared<FindingsRun>(m_thresholds);
    m_run = run;
    m_sinceRunStart.start();
    m_analysis.run(
        this,
        [queries = m_queries, run, range = m_state->timeRange()] {
            return std::make_shared<const FindingsRunResult>(run->run(*queries, range));
        },
        [this](std::shared_ptr<const FindingsRunResult> result) { showResult(std::move(result)); });
    m_progressTimer->start();
    updateStatus();
    updateEmptyState();
}

Qt::Orientation FindingsPane::detailsOrientation() const
{
    return m_splitter->orientation();
}

void FindingsPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const Qt::Orientation wanted = width() >= DetailsBesideMinWidth ? Qt::Horizontal : Qt::Vertical;
    if (m_splitter->orientation() != wanted)
        m_splitter->setOrientation(wanted);
}

void FindingsPane::scheduleFullAnalysis()
{
    if (m_fullAnalysisScheduled)
        return;
    m_fullAnalysisScheduled = true;
    // One analysis per event-loop turn, however many changes arrived in it.
    QTimer::singleShot(0, this, [this] {
        m_fullAnalysisScheduled = false;
        startAnalysis();
    });
}

void FindingsPane::onTimeRangeChanged()
{
    const TimeRange range = m_state->timeRange();
    // Following live, the start of an open-ended range moves forward with the data: that is new
    // data, analysed at the live pace; any other change is a new question, answered at once.
    const bool followingForward = m_state->isFollowingLive()
                                  && int(m_state->rangePreset()) == m_lastPreset
                                  && range.endNs == openEndNs && m_lastRange.endNs == openEndNs
                                  && range.startNs >= m_lastRange.startNs;
    m_lastRange = range;
    m_lastPreset = int(m_state->rangePreset());
    if (followingForward)
        noteLiveData();
    else
        scheduleFullAnalysis();
}

void FindingsPane::noteLiveData()
{
    m_liveDataPending = true;
    scheduleLiveAnalysis();
}

void FindingsPane::scheduleLiveAnalysis()
{
    if (!m_liveDataPending || m_run || m_liveTimer->isActive() || m_fullAnalysisScheduled)
        return;
    const qint64 intervalMs = std::max<qint64>(m_liveIntervalMs, 2 * m_lastRunMs);
    m_liveTimer->start(int(std::max<qint64>(0, intervalMs - m_sinceRunStart.elapsed())));
}

void FindingsPane::showResult(std::shared_ptr<const FindingsRunResult> result)
{
    m_run.reset();
    m_progressTimer->stop();
    m_lastRunMs = m_sinceRunStart.elapsed();
    ++m_completedAnalyses;
    if (!result->error.empty()) {
        // The last good findings stay listed; the status says this one failed.
        m_lastError = result->error;
    } else {
        m_lastError.clear();
        m_result = result;
        changeRows([this, &result] {
            m_model->setFindings(
                std::shared_ptr<const std::vector<Finding>>(result, &result->findings));
        });
    }
    updateStatus();
    updateEmptyState();
    Q_EMIT analysisShown();
    scheduleLiveAnalysis();
}

void FindingsPane::changeRows(const std::function<void()> &change)
{
    // The rows are rebuilt; the finding the user looks at stays selected if it is still there.
    const std::optional<Finding> selected = m_details->finding();
    change();
    int row = selected ? m_model->rowOfSameProblem(*selected) : -1;
    if (row < 0 && m_model->rowCount() > 0)
        row = 0; // the details are never empty while there are findings
    if (row >= 0) {
        m_table->selectionModel()->setCurrentIndex(
            m_model->index(row, FindingListModel::TitleColumn),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(m_model->index(row, FindingListModel::TitleColumn));
    } else {
        m_details->clear(detailsPlaceholder());
    }
    updateDetectorCounts();
    updateStatus();
    updateEmptyState();
}

void FindingsPane::showCurrentFinding()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (current.isValid())
        m_details->setFinding(m_model->finding(current.row()));
    else
        m_details->clear(detailsPlaceholder());
}

QString FindingsPane::detailsPlaceholder() const
{
    if (m_model->rowCount() > 0 || !m_result)
        return tr("Select a finding to see its evidence and how to fix it");
    // Nothing to show: say what was looked for, so "no findings" reads as a result.
    QString text = QStringLiteral("<p><b>%1</b></p><table cellspacing='0' cellpadding='2'>")
                       .arg(tr("What the detectors look for").toHtmlEscaped());
    for (FindingKind kind : allFindingKinds())
        text += QStringLiteral("<tr><td style='padding-right:10px'><b>%1</b></td><td>%2</td></tr>")
                    .arg(FindingListModel::kindName(kind).toHtmlEscaped(),
                         FindingListModel::kindDescription(kind).toHtmlEscaped());
    return text + QStringLiteral("</table>");
}

void FindingsPane::openFinding(int row)
{
    if (row >= 0 && row < m_model->rowCount())
        open(m_model->finding(row));
}

void FindingsPane::open(const Finding &finding)
{
    if (finding.kind == FindingKind::TrafficSpike) {
        if (finding.range.isBounded() && !finding.range.isEmpty())
            m_state->setCustomRange(finding.range);
        return;
    }
    if (!finding.examples.empty())
        openExample(finding, 0);
}

void FindingsPane::openExample(const Finding &finding, int exampleIndex)
{
    if (exampleIndex < 0 || std::size_t(exampleIndex) >= finding.examples.size())
        return;
    const FindingExample example = finding.examples[std::size_t(exampleIndex)];
    Q_EMIT tracesPaneWanted();
    m_state->selectSpans(example.traceId, example.spanIds);
}

void FindingsPane::showLogsOf(const Finding &finding)
{
    if (finding.examples.empty())
        return;
    const TraceId traceId = finding.examples.front().traceId;
    Q_EMIT logsPaneWanted();
    m_state->requestLogsOf(traceId);
}

void FindingsPane::updateDetectorCounts()
{
    for (int i = 0; i < m_detectorFilter->count(); ++i) {
        const int kind = m_detectorFilter->itemData(i).toInt();
        const std::optional<FindingKind> filter
            = kind < 0 ? std::nullopt : std::optional<FindingKind>(FindingKind(kind));
        const QString name = filter ? FindingListModel::kindName(*filter) : tr("All detectors");
        m_detectorFilter->setItemText(
            i,
            m_result ? QStringLiteral("%1 (%2)").arg(name).arg(m_model->countFor(filter)) : name);
    }
}

QString FindingsPane::statusText() const
{
    return m_status->text();
}

void FindingsPane::updateStatus()
{
    QString text;
    if (m_result) {
        const int shown = m_model->rowCount();
        const int total = m_model->totalCount();
        text
            = shown == total
                  ? tr("%Ln finding(s)", nullptr, total)
                  : tr("%1 of %Ln finding(s) shown", nullptr, total).arg(QLocale().toString(shown));
        text += QStringLiteral(" · ")
                + tr("%1, %2 analysed")
                      .arg(tr("%Ln trace(s)", nullptr, pluralCount(m_result->traceCount)),
                           tr("%Ln span(s)", nullptr, pluralCount(m_result->spanCount)));
    }
    if (m_run) {
        const std::int64_t soFar = m_run->tracesSoFar();
        const QString analysing
            = soFar > 0 ? tr("Analysing… %Ln trace(s) so far", nullptr, pluralCount(soFar))
                        : tr("Analysing…");
        text = text.isEmpty() ? analysing : text + QStringLiteral(" · ") + analysing;
    } else if (!m_lastError.empty()) {
        const QString failed = tr("Analysis failed: %1").arg(QString::fromStdString(m_lastError));
        text
            = text.isEmpty() ? failed : failed + QStringLiteral(" · ") + tr("showing the last one");
    }
    m_status->setText(text);
    m_status->setStyleSheet(!m_run && !m_lastError.empty() ? QStringLiteral("color: #b3261e;")
                                                           : QStringLiteral("color: #606060;"));
}

QString FindingsPane::emptyText() const
{
    return m_stack->currentWidget() == m_emptyState ? m_emptyState->text() : QString();
}

void FindingsPane::updateEmptyState()
{
    QString text;
    if (m_model->rowCount() == 0) {
        if (m_result && m_model->totalCount() == 0)
            text = tr("No findings in this range: %Ln trace(s) analysed", nullptr,
                      pluralCount(m_result->traceCount));
        else if (m_result)
            text = tr("No findings match the detector and service filters (%1 in this range)")
                       .arg(m_model->totalCount());
        else if (!m_lastError.empty())
            text = tr("Analysis failed: %1").arg(QString::fromStdString(m_lastError));
        else
            text = m_status->text();
    }
    m_emptyState->setText(text);
    m_stack->setCurrentWidget(text.isEmpty() ? static_cast<QWidget *>(m_table) : m_emptyState);
}

} // namespace kansoku
