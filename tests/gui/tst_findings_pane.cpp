// The Findings pane's analysis cycle over a fake store: the states it shows (analysing with
// progress, nothing found with how much was read, a failed analysis), a changed range answered
// at once with the running analysis cancelled, live data coalesced to one analysis per interval,
// a range that only follows the data treated as live data, the service filter as a filter, the
// detector filter, and a pane closed mid-analysis stopping its worker. The findings themselves
// over a real store: tst_findings_linking.
#include "finding_details_view.h"
#include "findings_pane.h"
#include "support/analysis_trace_builder.h"
#include "support/empty_telemetry_queries.h"
#include "ui_language.h"
#include "view/finding_list_model.h"
#include "view/workbench_state.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;

namespace {

constexpr std::int64_t msNs = 1'000'000;
constexpr std::int64_t minuteNs = 60'000 * msNs;

// A healthy request: one server span with one quick database call.
AnalysisTrace healthyTrace(std::uint64_t number)
{
    AnalysisTraceBuilder builder(number);
    const int server = builder.server("shop", "GET /", 0, 10 * msNs);
    builder.db(server, "postgresql", "SELECT 1", msNs, 2 * msNs);
    return builder.build();
}

// forEachAnalysisTrace over an in-memory list; the other queries answer nothing. It can hold
// the worker before each trace (the pane is reliably still analysing), fail, and it records the
// ranges asked for and the runs the caller stopped early.
class FakeAnalysisQueries : public kansoku::test::EmptyTelemetryQueries
{
public:
    explicit FakeAnalysisQueries(std::vector<AnalysisTrace> traces)
        : m_traces(std::move(traces))
    {}

    // While held, the worker waits before trace number fromTrace (0 = before the first).
    void hold(bool held, std::size_t fromTrace = 0)
    {
        {
            std::lock_guard lock(m_mutex);
            m_held = held;
            m_holdFrom = fromTrace;
        }
        m_released.notify_all();
    }
    void failWith(std::string message)
    {
        std::lock_guard lock(m_mutex);
        m_failure = std::move(message);
    }
    std::vector<TimeRange> ranges() const
    {
        std::lock_guard lock(m_mutex);
        return m_ranges;
    }
    int stoppedEarly() const { return m_stoppedEarly.load(); }
    int finished() const { return m_finished.load(); }

    void
    forEachAnalysisTrace(const TimeRange &range,
                         const std::function<bool(const AnalysisTrace &)> &visit) const override
    {
        std::string failure;
        {
            std::lock_guard lock(m_mutex);
            m_ranges.push_back(range);
            failure = m_failure;
        }
        if (!failure.empty())
            throw std::runtime_error(failure);
        for (std::size_t i = 0; i < m_traces.size(); ++i) {
            const AnalysisTrace &trace = m_traces[i];
            {
                std::unique_lock lock(m_mutex);
                m_released.wait(lock, [this, i] { return !m_held || i < m_holdFrom; });
            }
            if (!visit(trace)) {
                ++m_stoppedEarly;
                return;
            }
        }
        ++m_finished;
    }

private:
    std::vector<AnalysisTrace> m_traces;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_released;
    bool m_held = false;
    std::size_t m_holdFrom = 0;
    std::string m_failure;
    mutable std::vector<TimeRange> m_ranges;
    mutable std::atomic<int> m_stoppedEarly{0};
    mutable std::atomic<int> m_finished{0};
};

// A payment that fails: POST /pay on checkout, its "charge" call failing with PaymentDeclined.
AnalysisTrace failedPayment(std::uint64_t number)
{
    AnalysisTraceBuilder builder(number);
    const std::int64_t start = std::int64_t(number) * minuteNs;
    const int server = builder.server("checkout", "POST /pay", start, start + 30 * msNs);
    const int charge
        = builder.add(server, "charge", SpanKind::Internal, start + 5 * msNs, start + 25 * msNs);
    builder.error(charge, "PaymentDeclined", "card declined");
    return builder.build();
}

// GET / on shop: three requests every 10 s for 200 s, sixty in the next 10 s, then three again.
std::vector<AnalysisTrace> spikeTraffic()
{
    std::vector<AnalysisTrace> traces;
    std::uint64_t number = 1000;
    const std::int64_t bucketNs = FindingThresholds().spikeBucketNs;
    for (int bucket = 0; bucket < 26; ++bucket) {
        const int requests = bucket == 20 ? 60 : 3;
        for (int i = 0; i < requests; ++i) {
            AnalysisTraceBuilder builder(++number);
            const std::int64_t start = bucket * bucketNs + i * 100 * msNs;
            builder.server("shop", "GET /", start, start + 5 * msNs);
            traces.push_back(builder.build());
        }
    }
    return traces;
}

std::vector<AnalysisTrace> problems()
{
    std::vector<AnalysisTrace> traces = spikeTraffic();
    for (std::uint64_t n = 1; n <= 5; ++n)
        traces.push_back(failedPayment(n));
    return traces;
}

int rowOfKind(const FindingListModel &model, FindingKind kind)
{
    const QModelIndexList found = model.match(model.index(0, 0), FindingListModel::KindRole,
                                              int(kind), 1, Qt::MatchExactly);
    return found.isEmpty() ? -1 : found.front().row();
}

} // namespace

class TestFindingsPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void nothingFoundSaysWhatWasAnalysed();
    void analysingShowsProgress();
    void failedAnalysisIsShown();
    void newRangeCancelsAndReruns();
    void liveDataIsCoalesced();
    void rangeFollowingTheDataIsLiveData();
    void serviceIsAFilterNotARerun();
    void detectorFilterListsEveryDetector();
    void closingThePaneStopsTheWorker();
    void hiddenPaneWaitsUntilShown();
    void detailsShowTheSelectedFinding();
    void openingAnErrorHotspotHighlightsItsSpans();
    void errorHotspotShowsItsLogs();
    void openingASpikeNarrowsEveryPane();
    void headerClickSortsLargestFirst();
    void headerMenuShowsHiddenColumns();
    void selectionSurvivesANewAnalysis();
    void detailsGoBelowTheListWhenNarrow();

private:
    void makePane(std::vector<AnalysisTrace> traces, bool held = false);

    std::unique_ptr<WorkbenchState> m_state;
    std::shared_ptr<FakeAnalysisQueries> m_queries;
    std::unique_ptr<FindingsPane> m_pane;
};

// The English plural forms ("1 trace", "6 spans"), as the app installs them.
void TestFindingsPane::initTestCase()
{
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English));
}

void TestFindingsPane::init()
{
    m_state = std::make_unique<WorkbenchState>();
}

void TestFindingsPane::cleanup()
{
    if (m_queries)
        m_queries->hold(false); // never leave a worker waiting
    m_pane.reset();
    m_queries.reset();
    m_state.reset();
}

void TestFindingsPane::makePane(std::vector<AnalysisTrace> traces, bool held)
{
    m_queries = std::make_shared<FakeAnalysisQueries>(std::move(traces));
    m_queries->hold(held);
    m_pane = std::make_unique<FindingsPane>(m_state.get(), m_queries);
    m_pane->resize(1200, 400);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
}

void TestFindingsPane::nothingFoundSaysWhatWasAnalysed()
{
    makePane({healthyTrace(1), healthyTrace(2), healthyTrace(3)});
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);
    QVERIFY(!m_pane->isAnalysing());
    QCOMPARE(m_pane->analysedTraces(), std::int64_t(3));
    QCOMPARE(m_pane->analysedSpans(), std::int64_t(6));
    QCOMPARE(m_pane->model()->rowCount(), 0);
    QCOMPARE(m_pane->emptyText(), QStringLiteral("No findings in this range: 3 traces analysed"));
    QCOMPARE(m_pane->statusText(), QStringLiteral("0 findings · 3 traces, 6 spans analysed"));
    QCOMPARE(m_queries->ranges().size(), std::size_t(1));
    QCOMPARE(m_queries->ranges().front(), m_state->timeRange());
    QVERIFY(!m_pane->detailsView()->finding());
    // Beside "no findings", what was looked for.
    for (FindingKind kind : allFindingKinds())
        QVERIFY(m_pane->detailsView()->placeholderText().contains(
            FindingListModel::kindDescription(kind).toHtmlEscaped()));

    makePane({healthyTrace(1)});
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);
    QCOMPARE(m_pane->emptyText(), QStringLiteral("No findings in this range: 1 trace analysed"));
}

void TestFindingsPane::analysingShowsProgress()
{
    makePane({healthyTrace(1), healthyTrace(2)}, true);
    QVERIFY(m_pane->isAnalysing());
    QCOMPARE(m_pane->emptyText(), QStringLiteral("Analysing…"));
    QCOMPARE(m_pane->statusText(), QStringLiteral("Analysing…"));
    QSignalSpy shown(m_pane.get(), &FindingsPane::analysisShown);
    m_queries->hold(false);
    QVERIFY(shown.wait(10000));
    QVERIFY(!m_pane->isAnalysing());
    QCOMPARE(m_pane->emptyText(), QStringLiteral("No findings in this range: 2 traces analysed"));

    // A second analysis keeps the last answer on screen and says it is updating.
    m_queries->hold(true);
    m_state->setCustomRange(TimeRange{0, 10 * minuteNs});
    QTRY_VERIFY(m_pane->isAnalysing());
    QTRY_VERIFY(m_pane->statusText().endsWith(QStringLiteral("· Analysing…")));
    QVERIFY(m_pane->statusText().startsWith(QStringLiteral("0 findings · 2 traces")));
    m_queries->hold(false);
    QTRY_COMPARE(m_pane->completedAnalyses(), 2);

    // Progress: the traces read so far, while the rest are still to come.
    m_queries->hold(true, 1);
    m_state->setCustomRange(TimeRange{0, 20 * minuteNs});
    QTRY_VERIFY(m_pane->statusText().endsWith(QStringLiteral("· Analysing… 1 trace so far")));
    m_queries->hold(false);
    QTRY_COMPARE(m_pane->completedAnalyses(), 3);
    QVERIFY(!m_pane->statusText().contains(QStringLiteral("Analysing")));
}

void TestFindingsPane::failedAnalysisIsShown()
{
    m_queries = std::make_shared<FakeAnalysisQueries>(std::vector<AnalysisTrace>{healthyTrace(1)});
    m_queries->failWith("disk I/O error");
    m_pane = std::make_unique<FindingsPane>(m_state.get(), m_queries);
    m_pane->show();
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);
    QCOMPARE(m_pane->statusText(), QStringLiteral("Analysis failed: disk I/O error"));
    QCOMPARE(m_pane->emptyText(), QStringLiteral("Analysis failed: disk I/O error"));

    // The next analysis works: the error goes.
    m_queries->failWith({});
    m_state->setCustomRange(TimeRange{0, minuteNs});
    QTRY_COMPARE(m_pane->completedAnalyses(), 2);
    QCOMPARE(m_pane->statusText(), QStringLiteral("0 findings · 1 trace, 2 spans analysed"));
    // And a failure after a good answer keeps that answer.
    m_queries->failWith("database is locked");
    m_state->setCustomRange(TimeRange{0, 2 * minuteNs});
    QTRY_COMPARE(m_pane->completedAnalyses(), 3);
    QCOMPARE(m_pane->statusText(),
             QStringLiteral("Analysis failed: database is locked · showing the last one"));
    QCOMPARE(m_pane->analysedTraces(), std::int64_t(1));
}

void TestFindingsPane::newRangeCancelsAndReruns()
{
    makePane({healthyTrace(1), healthyTrace(2), healthyTrace(3)}, true);
    QVERIFY(m_pane->isAnalysing());
    // The first run waits in the store before the range changes: a run superseded before a pool
    // thread starts it is skipped and never reads (on a loaded machine that happened here).
    QTRY_COMPARE(m_queries->ranges().size(), std::size_t(1));
    const TimeRange first = m_state->timeRange();
    const TimeRange narrowed{10 * minuteNs, 20 * minuteNs};
    QVERIFY(first != narrowed);
    m_state->setCustomRange(narrowed);
    QTRY_COMPARE(m_queries->ranges().size(), std::size_t(2));
    // Two pool threads: the superseded run's worker may reach the store after the new one's.
    const std::vector<TimeRange> ranges = m_queries->ranges();
    QVERIFY(std::count(ranges.begin(), ranges.end(), narrowed) == 1);
    QVERIFY(std::count(ranges.begin(), ranges.end(), first) == 1);
    m_queries->hold(false);
    QTRY_COMPARE(m_pane->completedAnalyses(), 1); // only the newer answer is shown
    // The superseded analysis stopped at its next trace instead of reading the whole range.
    QTRY_COMPARE(m_queries->stoppedEarly(), 1);
    QCOMPARE(m_queries->finished(), 1);
    QTest::qWait(100);
    QCOMPARE(m_pane->completedAnalyses(), 1);
}

void TestFindingsPane::liveDataIsCoalesced()
{
    makePane({healthyTrace(1)});
    m_pane->setLiveIntervalMs(300);
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);
    for (int i = 0; i < 20; ++i)
        m_state->noteTelemetryCommitted();
    QTRY_COMPARE(m_pane->completedAnalyses(), 2);
    // Twenty commits, one analysis; nothing is left pending.
    QTest::qWait(900);
    QCOMPARE(m_pane->completedAnalyses(), 2);
    QCOMPARE(m_queries->ranges().size(), std::size_t(2));
    // Data arriving during an analysis is picked up by one more after it.
    m_queries->hold(true);
    m_state->noteTelemetryCommitted();
    QTRY_VERIFY(m_pane->isAnalysing());
    m_state->noteTelemetryCommitted();
    m_state->noteTelemetryCommitted();
    m_queries->hold(false);
    QTRY_COMPARE(m_pane->completedAnalyses(), 4);
    QTest::qWait(900);
    QCOMPARE(m_pane->completedAnalyses(), 4);
}

void TestFindingsPane::rangeFollowingTheDataIsLiveData()
{
    m_state->setRangePreset(WorkbenchState::RangePreset::LastHour);
    m_state->setDataBounds(TimeRange{0, 120 * minuteNs});
    makePane({healthyTrace(1)});
    m_pane->setLiveIntervalMs(60'000); // no live analysis within this test
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);
    // New data moves the start of the followed range: live data, not a new question.
    m_state->setDataBounds(TimeRange{0, 121 * minuteNs});
    QTest::qWait(300);
    QCOMPARE(m_queries->ranges().size(), std::size_t(1));
    // Another preset is a new question: answered at once.
    m_state->setRangePreset(WorkbenchState::RangePreset::Last5Minutes);
    QTRY_COMPARE(m_queries->ranges().size(), std::size_t(2));
    QCOMPARE(m_queries->ranges().back().startNs, 116 * minuteNs);
}

void TestFindingsPane::serviceIsAFilterNotARerun()
{
    m_state->setService(QStringLiteral("shop"));
    makePane({healthyTrace(1)});
    QCOMPARE(m_pane->model()->serviceFilter(), QStringLiteral("shop"));
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);
    m_state->setService(QStringLiteral("cart"));
    QCOMPARE(m_pane->model()->serviceFilter(), QStringLiteral("cart"));
    QTest::qWait(200);
    QCOMPARE(m_queries->ranges().size(), std::size_t(1));
}

void TestFindingsPane::detectorFilterListsEveryDetector()
{
    makePane({healthyTrace(1)}, true);
    QComboBox *filter = m_pane->detectorFilter();
    QCOMPARE(filter->count(), int(allFindingKinds().size()) + 1);
    QCOMPARE(filter->itemText(0), QStringLiteral("All detectors"));
    QCOMPARE(filter->itemText(1), FindingListModel::kindName(FindingKind::NPlusOne));
    m_queries->hold(false);
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);
    // With an answer, each says how many it found.
    QCOMPARE(filter->itemText(0), QStringLiteral("All detectors (0)"));
    QCOMPARE(filter->itemText(1),
             FindingListModel::kindName(FindingKind::NPlusOne) + QStringLiteral(" (0)"));
    filter->setCurrentIndex(1);
    QCOMPARE(m_pane->model()->kindFilter(), std::optional<FindingKind>(FindingKind::NPlusOne));
    filter->setCurrentIndex(0);
    QCOMPARE(m_pane->model()->kindFilter(), std::nullopt);
}

void TestFindingsPane::closingThePaneStopsTheWorker()
{
    makePane({healthyTrace(1), healthyTrace(2)}, true);
    QTRY_COMPARE(m_queries->ranges().size(), std::size_t(1));
    m_pane.reset();
    m_queries->hold(false);
    QTRY_COMPARE(m_queries->stoppedEarly(), 1);
    QCOMPARE(m_queries->finished(), 0);
}

void TestFindingsPane::hiddenPaneWaitsUntilShown()
{
    // Built hidden (as GuiMode builds it, before its dock shows): nothing read yet.
    m_queries = std::make_shared<FakeAnalysisQueries>(std::vector<AnalysisTrace>{healthyTrace(1)});
    m_pane = std::make_unique<FindingsPane>(m_state.get(), m_queries);
    m_pane->setLiveIntervalMs(0);
    QTest::qWait(100);
    QVERIFY(m_queries->ranges().empty());
    m_pane->show();
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);

    // Closed: neither a new range nor live data starts an analysis ...
    m_pane->hide();
    m_state->setCustomRange(TimeRange{0, minuteNs});
    m_state->noteTelemetryCommitted();
    QTest::qWait(200);
    QCOMPARE(m_queries->ranges().size(), std::size_t(1));
    // ... until it shows again: then one, over the current range.
    m_pane->show();
    QTRY_COMPARE(m_pane->completedAnalyses(), 2);
    QCOMPARE(m_queries->ranges().back(), (TimeRange{0, minuteNs}));
    QTest::qWait(200);
    QCOMPARE(m_queries->ranges().size(), std::size_t(2));
}

void TestFindingsPane::detailsShowTheSelectedFinding()
{
    makePane(problems());
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);
    FindingListModel *model = m_pane->model();
    QVERIFY(model->rowCount() >= 2);
    // The first finding is selected at once, so the details are never empty.
    QCOMPARE(m_pane->table()->currentIndex().row(), 0);
    FindingDetailsView *details = m_pane->detailsView();
    QVERIFY(details->finding());
    QCOMPARE(details->finding()->title, model->finding(0).title);

    const int row = rowOfKind(*model, FindingKind::ErrorHotspot);
    QVERIFY(row >= 0);
    const Finding errors = model->finding(row);
    QTest::mouseClick(
        m_pane->table()->viewport(), Qt::LeftButton, {},
        m_pane->table()->visualRect(model->index(row, FindingListModel::TitleColumn)).center());
    QCOMPARE(*details->finding(), errors);
    QCOMPARE(details->titleLabel()->text(), QString::fromStdString(errors.title));
    QCOMPARE(details->fixHintLabel()->text(), QString::fromStdString(errors.fixHint));
    QCOMPARE(details->statementLabel()->isHidden(), errors.statement.empty());
    QVERIFY(
        details->figuresLabel()->text().contains(QStringLiteral("5 of the 5 traces of POST /pay")));
    for (const FindingFact &fact : errors.facts)
        QVERIFY2(details->factsLabel()->text().contains(
                     QString::fromStdString(fact.label).toHtmlEscaped()),
                 fact.label.c_str());
    QCOMPARE(details->exampleButtons().size(), qsizetype(errors.examples.size()));
    QVERIFY(details->exampleButtons().front()->text().startsWith(
        QString::fromStdString(toHex(errors.examples.front().traceId)).left(16)));
    // Each example has its one failing span: "1 span", not "1 spans".
    QCOMPARE(errors.examples.front().spanIds.size(), std::size_t(1));
    const QString example = details->exampleButtons().front()->text();
    QVERIFY2(example.contains(QStringLiteral("  ·  1 span")) && !example.contains(u"1 spans"),
             qPrintable(example));
    QCOMPARE(details->openButton()->text(), QStringLiteral("Open worst example"));
    QVERIFY(!details->logsButton()->isHidden());
}

void TestFindingsPane::openingAnErrorHotspotHighlightsItsSpans()
{
    makePane(problems());
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);
    const int row = rowOfKind(*m_pane->model(), FindingKind::ErrorHotspot);
    QVERIFY(row >= 0);
    const Finding errors = m_pane->model()->finding(row);
    QCOMPARE(errors.examples.size(), std::size_t(5));
    QSignalSpy selected(m_state.get(), &WorkbenchState::spanSelected);
    QSignalSpy tracesWanted(m_pane.get(), &FindingsPane::tracesPaneWanted);

    // Enter on the row opens the worst example with its failing span highlighted and selected.
    QTableView *table = m_pane->table();
    table->setFocus();
    table->setCurrentIndex(m_pane->model()->index(row, FindingListModel::TitleColumn));
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(selected.count(), 1);
    const FindingExample &worst = errors.examples.front();
    QCOMPARE(selected.at(0).at(0).value<TraceId>(), worst.traceId);
    QCOMPARE(selected.at(0).at(1).value<SpanId>(), worst.spanIds.front());
    QCOMPARE(m_state->highlightedTraceId(), worst.traceId);
    QCOMPARE(m_state->highlightedSpans(), worst.spanIds);
    QCOMPARE(tracesWanted.count(), 1);

    // Each example opens its own trace.
    QTest::mouseClick(m_pane->detailsView()->exampleButtons().at(2), Qt::LeftButton);
    QCOMPARE(selected.count(), 2);
    QCOMPARE(m_state->selectedTraceId(), errors.examples[2].traceId);
    QCOMPARE(m_state->highlightedSpans(), errors.examples[2].spanIds);

    // So do a double-click and the open button, with the worst one.
    // (A real double-click is press, release, then the double-click event.)
    const QPoint rowCentre = table->visualRect(m_pane->model()->index(row, 1)).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rowCentre);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, rowCentre);
    QCOMPARE(m_state->selectedTraceId(), worst.traceId);
    m_state->selectSpan(errors.examples[3].traceId);
    QTest::mouseClick(m_pane->detailsView()->openButton(), Qt::LeftButton);
    QCOMPARE(m_state->selectedTraceId(), worst.traceId);
    QCOMPARE(m_state->highlightedSpans(), worst.spanIds);
}

void TestFindingsPane::errorHotspotShowsItsLogs()
{
    makePane(problems());
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);
    const int row = rowOfKind(*m_pane->model(), FindingKind::ErrorHotspot);
    m_pane->table()->setCurrentIndex(m_pane->model()->index(row, 0));
    QSignalSpy logs(m_state.get(), &WorkbenchState::logsRequested);
    QSignalSpy logsWanted(m_pane.get(), &FindingsPane::logsPaneWanted);
    QTest::mouseClick(m_pane->detailsView()->logsButton(), Qt::LeftButton);
    QCOMPARE(logs.count(), 1);
    QCOMPARE(logs.at(0).at(0).value<TraceId>(),
             m_pane->model()->finding(row).examples.front().traceId);
    QVERIFY(logs.at(0).at(1).value<SpanId>().isZero());
    QCOMPARE(logsWanted.count(), 1);
    // Other detectors do not offer it.
    const int spike = rowOfKind(*m_pane->model(), FindingKind::TrafficSpike);
    m_pane->table()->setCurrentIndex(m_pane->model()->index(spike, 0));
    QVERIFY(m_pane->detailsView()->logsButton()->isHidden());
}

void TestFindingsPane::openingASpikeNarrowsEveryPane()
{
    makePane(problems());
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);
    const int row = rowOfKind(*m_pane->model(), FindingKind::TrafficSpike);
    QVERIFY(row >= 0);
    const Finding spike = m_pane->model()->finding(row);
    const std::int64_t bucketNs = FindingThresholds().spikeBucketNs;
    QCOMPARE(spike.range.startNs, AnalysisTraceBuilder::Base / bucketNs * bucketNs + 20 * bucketNs);
    m_pane->table()->setCurrentIndex(m_pane->model()->index(row, 0));
    QCOMPARE(m_pane->detailsView()->openButton()->text(),
             QStringLiteral("Narrow every pane to this range"));
    QSignalSpy selected(m_state.get(), &WorkbenchState::spanSelected);
    m_pane->openFinding(row);
    QCOMPARE(m_state->rangePreset(), WorkbenchState::RangePreset::Custom);
    QCOMPARE(m_state->timeRange(), spike.range);
    QCOMPARE(selected.count(), 0); // no trace opened
    // The findings follow the range at once.
    QTRY_COMPARE(m_queries->ranges().size(), std::size_t(2));
    QCOMPARE(m_queries->ranges().back(), spike.range);
}

void TestFindingsPane::headerClickSortsLargestFirst()
{
    makePane(problems());
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);
    FindingListModel *model = m_pane->model();
    QVERIFY(model->rowCount() >= 2);
    QCOMPARE(model->sortColumn(), int(FindingListModel::SeverityColumn));
    QHeaderView *header = m_pane->table()->horizontalHeader();
    const int column = FindingListModel::OccurrencesColumn;
    const QPoint centre(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                        header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(model->sortColumn(), column);
    QCOMPARE(model->sortOrder(), Qt::DescendingOrder);
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->finding(row - 1).occurrences >= model->finding(row).occurrences);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(model->sortOrder(), Qt::AscendingOrder);
    for (int row = 1; row < model->rowCount(); ++row)
        QVERIFY(model->finding(row - 1).occurrences <= model->finding(row).occurrences);
}

void TestFindingsPane::headerMenuShowsHiddenColumns()
{
    makePane({healthyTrace(1)});
    QHeaderView *header = m_pane->table()->horizontalHeader();
    // The title names operation and detector: those columns start hidden.
    QVERIFY(header->isSectionHidden(FindingListModel::OperationColumn));
    QVERIFY(header->isSectionHidden(FindingListModel::DetectorColumn));
    QVERIFY(!header->isSectionHidden(FindingListModel::TitleColumn));
    QVERIFY(!header->isSectionHidden(FindingListModel::ServiceColumn));
    QVERIFY(!header->isSectionHidden(FindingListModel::CostPerRequestColumn));

    Q_EMIT header->customContextMenuRequested(QPoint(10, 5));
    auto *menu = m_pane->findChild<QMenu *>(QStringLiteral("findingColumnsMenu"));
    QVERIFY(menu);
    const QList<QAction *> actions = menu->actions();
    QCOMPARE(actions.size(), int(FindingListModel::ColumnCount));
    QCOMPARE(actions[FindingListModel::OperationColumn]->text(), QStringLiteral("Operation"));
    QVERIFY(!actions[FindingListModel::OperationColumn]->isChecked());
    QVERIFY(actions[FindingListModel::ServiceColumn]->isChecked());
    QVERIFY(!actions[FindingListModel::TitleColumn]->isEnabled());
    actions[FindingListModel::OperationColumn]->trigger();
    QVERIFY(!header->isSectionHidden(FindingListModel::OperationColumn));
    actions[FindingListModel::TotalCostColumn]->trigger();
    QVERIFY(header->isSectionHidden(FindingListModel::TotalCostColumn));
    menu->close();
}

void TestFindingsPane::selectionSurvivesANewAnalysis()
{
    makePane(problems());
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);
    FindingListModel *model = m_pane->model();
    const int row = model->rowCount() - 1;
    QVERIFY(row > 0);
    const Finding chosen = model->finding(row);
    m_pane->table()->setCurrentIndex(model->index(row, FindingListModel::TitleColumn));
    // The interval first: a commit noted under the default one would wait out its 5 s, as long as
    // QTRY_COMPARE waits, and fail on a loaded machine.
    m_pane->setLiveIntervalMs(0);
    m_state->noteTelemetryCommitted();
    QTRY_COMPARE(m_pane->completedAnalyses(), 2);
    QCOMPARE(m_pane->table()->currentIndex().row(), model->rowOfSameProblem(chosen));
    QVERIFY(FindingListModel::isSameProblem(*m_pane->detailsView()->finding(), chosen));
    // A detector filter that hides it moves the selection to the first finding it shows.
    const int other = m_pane->detectorFilter()->findData(
        int(chosen.kind == FindingKind::ErrorHotspot ? FindingKind::TrafficSpike
                                                     : FindingKind::ErrorHotspot));
    m_pane->detectorFilter()->setCurrentIndex(other);
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(m_pane->table()->currentIndex().row(), 0);
    QCOMPARE(*m_pane->detailsView()->finding(), model->finding(0));
}

void TestFindingsPane::detailsGoBelowTheListWhenNarrow()
{
    makePane({healthyTrace(1)});
    QTRY_COMPARE(m_pane->completedAnalyses(), 1);
    m_pane->resize(1400, 400);
    QTRY_COMPARE(m_pane->detailsOrientation(), Qt::Horizontal);
    // A pane in a third of a laptop screen: the finding titles need the width.
    m_pane->resize(700, 500);
    QTRY_COMPARE(m_pane->detailsOrientation(), Qt::Vertical);
    m_pane->resize(1400, 400);
    QTRY_COMPARE(m_pane->detailsOrientation(), Qt::Horizontal);
}

QTEST_MAIN(TestFindingsPane)
#include "tst_findings_pane.moc"
