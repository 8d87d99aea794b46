// The Findings pane over a real store, beside the Traces and Logs panes it opens things in: a
// shop workload with an N+1 loop on GET /cart, declined payments with logs, and a traffic spike on
// GET /. The pane lists what the detectors find there; opening the N+1 shows its worst trace with
// the repeated spans highlighted and the first selected; selecting another span clears the
// highlight; a spike narrows every pane to its range; an error hotspot shows its trace's logs;
// data arriving later updates the findings.
#include "finding_details_view.h"
#include "findings_pane.h"
#include "logs_pane.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"
#include "trace_inspector.h"
#include "trace_waterfall_view.h"
#include "traces_pane.h"
#include "view/finding_list_model.h"
#include "view/log_table_model.h"
#include "view/trace_list_model.h"
#include "view/workbench_state.h"

#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;
using namespace kansoku::testdata;

namespace {

constexpr std::int64_t msNs = 1'000'000;
constexpr std::int64_t secondNs = 1000 * msNs;
constexpr std::int64_t baseNs = 1'760'000'000'000'000'000; // a multiple of the 10 s spike bucket
constexpr int itemsPerCart = 10;
constexpr int spikeBucket = 20;
constexpr int spikeRequests = 60;

// GET /cart on cart: one SELECT per item, one after another (the N+1), cart n at 5 s + n s.
void writeCarts(TelemetryStore &store, int first, int last)
{
    std::vector<Span> spans;
    for (int n = first; n <= last; ++n) {
        const TraceId trace = traceId(std::uint64_t(n));
        const std::int64_t start = baseNs + 5 * secondNs + n * secondNs;
        spans.push_back(span(trace, spanId(1), {}, "GET /cart", start,
                             start + (itemsPerCart * 6 + 4) * msNs, StatusCode::Unset,
                             {{"http.route", AnyValue::fromString("/cart")}}));
        for (int i = 0; i < itemsPerCart; ++i) {
            Span select
                = span(trace, spanId(std::uint64_t(10 + i)), spanId(1), "SELECT items",
                       start + (2 + i * 6) * msNs, start + (7 + i * 6) * msNs, StatusCode::Unset,
                       {{"db.system.name", AnyValue::fromString("postgresql")},
                        {"db.query.text", AnyValue::fromString("SELECT * FROM items WHERE id = "
                                                               + std::to_string(n * 100 + i))}});
            select.kind = SpanKind::Client;
            spans.push_back(std::move(select));
        }
    }
    testdata::offerPatiently(store, spanBatch(resource("cart"), std::move(spans)));
}

// POST /pay on checkout whose charge call fails with PaymentDeclined, each with an error log.
void writePayments(TelemetryStore &store)
{
    std::vector<Span> spans;
    std::vector<LogRecord> logs;
    for (int n = 1; n <= 5; ++n) {
        const TraceId trace = traceId(std::uint64_t(500 + n));
        const std::int64_t start = baseNs + 40 * secondNs + n * secondNs;
        spans.push_back(
            span(trace, spanId(1), {}, "POST /pay", start, start + 40 * msNs, StatusCode::Error));
        Span charge = span(trace, spanId(2), spanId(1), "charge", start + 5 * msNs,
                           start + 35 * msNs, StatusCode::Error);
        charge.kind = SpanKind::Internal;
        charge.status.message = "card declined";
        charge.events.push_back({start + 30 * msNs,
                                 "exception",
                                 {{"exception.type", AnyValue::fromString("PaymentDeclined")}},
                                 0});
        spans.push_back(std::move(charge));
        logs.push_back(log(start + 30 * msNs, 17, AnyValue::fromString("payment declined"), {},
                           trace, spanId(2)));
    }
    testdata::offerPatiently(store, spanBatch(resource("checkout"), std::move(spans)));
    testdata::offerPatiently(store, logBatch(resource("checkout"), std::move(logs)));
}

// GET / on shop: three requests every 10 s, sixty in bucket 20, for 26 buckets.
void writeSpike(TelemetryStore &store)
{
    std::vector<Span> spans;
    std::uint64_t number = 1000;
    for (int bucket = 0; bucket < 26; ++bucket) {
        const int requests = bucket == spikeBucket ? spikeRequests : 3;
        for (int i = 0; i < requests; ++i) {
            const std::int64_t start = baseNs + bucket * 10 * secondNs + i * 100 * msNs;
            spans.push_back(
                span(traceId(++number), spanId(1), {}, "GET /", start, start + 3 * msNs));
        }
    }
    testdata::offerPatiently(store, spanBatch(resource("shop"), std::move(spans)));
}

constexpr int cartCount = 12;
constexpr std::int64_t traceTotal = cartCount + 5 + 25 * 3 + spikeRequests;

int rowOfKind(const FindingListModel &model, FindingKind kind)
{
    const QModelIndexList found = model.match(model.index(0, 0), FindingListModel::KindRole,
                                              int(kind), 1, Qt::MatchExactly);
    return found.isEmpty() ? -1 : found.front().row();
}

} // namespace

class TestFindingsLinking : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void listsTheWorkloadsFindings();
    void openingTheNPlusOneHighlightsItsSpans();
    void anotherSpanClearsTheHighlight();
    void spikeNarrowsEveryPane();
    void errorHotspotShowsItsLogs();
    void liveDataUpdatesTheFindings();

private:
    void waitForAnalysis(int completed = 1);
    Finding findingOf(FindingKind kind);

    QTemporaryDir m_directory;
    std::unique_ptr<TelemetryStore> m_store;
    std::unique_ptr<WorkbenchState> m_state;
    std::unique_ptr<QWidget> m_window;
    TracesPane *m_traces = nullptr;
    LogsPane *m_logs = nullptr;
    FindingsPane *m_findings = nullptr;
};

void TestFindingsLinking::initTestCase()
{
    StorageOptions options;
    options.databasePath = m_directory.filePath(QStringLiteral("findings.kansoku"));
    options.commitMaxLatencyMs = 10;
    m_store = std::make_unique<TelemetryStore>(options);
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    writeCarts(*m_store, 1, cartCount);
    writePayments(*m_store);
    writeSpike(*m_store);
    QTRY_COMPARE(m_store->status().queuedItems, std::int64_t(0));
    QTRY_COMPARE(m_store->status().totals.traces, traceTotal);
}

void TestFindingsLinking::init()
{
    // As GuiMode wires them: one state, the panes over the store's queries, the session bounds.
    m_state = std::make_unique<WorkbenchState>();
    const auto queries = m_store->queries();
    m_state->setDataBounds(queries->timeBounds());
    m_window = std::make_unique<QWidget>();
    m_traces = new TracesPane(m_state.get(), queries, m_window.get());
    m_logs = new LogsPane(m_state.get(), queries, m_window.get());
    m_findings = new FindingsPane(m_state.get(), queries, m_window.get());
    m_traces->setGeometry(0, 0, 1400, 900);
    m_logs->setGeometry(1400, 0, 500, 900);
    m_findings->setGeometry(0, 900, 1900, 300);
    m_window->resize(1900, 1200);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestFindingsLinking::cleanup()
{
    m_window.reset();
    m_state.reset();
}

void TestFindingsLinking::waitForAnalysis(int completed)
{
    QTRY_VERIFY_WITH_TIMEOUT(m_findings->completedAnalyses() >= completed, 30000);
    QVERIFY(!m_findings->isAnalysing());
}

Finding TestFindingsLinking::findingOf(FindingKind kind)
{
    const int row = rowOfKind(*m_findings->model(), kind);
    if (row < 0)
        return {};
    return m_findings->model()->finding(row);
}

void TestFindingsLinking::listsTheWorkloadsFindings()
{
    waitForAnalysis();
    QCOMPARE(m_findings->analysedTraces(), traceTotal);
    QCOMPARE(m_findings->analysedSpans(),
             std::int64_t(cartCount * (itemsPerCart + 1) + 5 * 2 + 25 * 3 + spikeRequests));

    const int nPlusOneRow = rowOfKind(*m_findings->model(), FindingKind::NPlusOne);
    QVERIFY(nPlusOneRow >= 0);
    const Finding nPlusOne = m_findings->model()->finding(nPlusOneRow);
    QCOMPARE(nPlusOne.service, std::string("cart"));
    QCOMPARE(nPlusOne.operation, std::string("GET /cart"));
    QCOMPARE(nPlusOne.statement, std::string("SELECT * FROM items WHERE id = ?"));
    QCOMPARE(nPlusOne.affectedTraces, std::int64_t(cartCount));
    QCOMPARE(nPlusOne.endpointTraces, std::int64_t(cartCount));
    QVERIFY(!nPlusOne.examples.empty());
    QCOMPARE(nPlusOne.examples.front().spanIds.size(), std::size_t(itemsPerCart));
    // The row shows it.
    FindingListModel *model = m_findings->model();
    QCOMPARE(model->index(nPlusOneRow, FindingListModel::ServiceColumn).data().toString(),
             QStringLiteral("cart"));
    QCOMPARE(model->index(nPlusOneRow, FindingListModel::DetectorColumn).data().toString(),
             QStringLiteral("N+1"));
    QCOMPARE(model->index(nPlusOneRow, FindingListModel::TracesColumn).data().toString(),
             QStringLiteral("12 · 100%"));

    const Finding errors = findingOf(FindingKind::ErrorHotspot);
    QCOMPARE(errors.kind, FindingKind::ErrorHotspot);
    QCOMPARE(errors.service, std::string("checkout"));
    QCOMPARE(errors.affectedTraces, std::int64_t(5));
    const Finding spike = findingOf(FindingKind::TrafficSpike);
    QCOMPARE(spike.kind, FindingKind::TrafficSpike);
    QCOMPARE(spike.service, std::string("shop"));
    QCOMPARE(spike.range.startNs, baseNs + spikeBucket * 10 * secondNs);
    QCOMPARE(spike.range.endNs, baseNs + (spikeBucket + 1) * 10 * secondNs);

    // The service filter of the workbench picks the cart's findings.
    m_state->setService(QStringLiteral("cart"));
    QVERIFY(model->rowCount() >= 1);
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->finding(row).service, std::string("cart"));
    QCOMPARE(m_findings->completedAnalyses(), 1);
}

void TestFindingsLinking::openingTheNPlusOneHighlightsItsSpans()
{
    waitForAnalysis();
    const int row = rowOfKind(*m_findings->model(), FindingKind::NPlusOne);
    QVERIFY(row >= 0);
    const Finding nPlusOne = m_findings->model()->finding(row);
    const FindingExample worst = nPlusOne.examples.front();
    QTableView *table = m_findings->table();
    table->scrollTo(m_findings->model()->index(row, FindingListModel::TitleColumn));
    const QPoint centre
        = table->visualRect(m_findings->model()->index(row, FindingListModel::TitleColumn))
              .center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);

    // The Traces pane shows the worst example with the repeated SELECTs highlighted.
    TraceInspector *inspector = m_traces->traceInspector();
    QTRY_VERIFY(inspector->trace() && inspector->trace()->traceId == worst.traceId);
    TraceWaterfallView *waterfall = inspector->waterfallView();
    QTRY_COMPARE(waterfall->highlightedNodes().size(), std::size_t(itemsPerCart));
    const std::shared_ptr<SpanTree> tree = waterfall->tree();
    for (const SpanId &spanId : worst.spanIds) {
        const int node = tree->nodeForSpan(spanId);
        QVERIFY(node >= 0);
        QVERIFY(waterfall->isHighlighted(node));
        QCOMPARE(tree->span(node).name, std::string("SELECT items"));
    }
    QVERIFY(!waterfall->isHighlighted(tree->nodeForSpan(spanId(1))));
    // The first of them is selected and in view.
    QCOMPARE(inspector->selectedSpanId(), worst.spanIds.front());
    QVERIFY(!waterfall->barRect(tree->nodeForSpan(worst.spanIds.front())).isEmpty());
    QCOMPARE(m_state->selectedTraceId(), worst.traceId);
}

void TestFindingsLinking::anotherSpanClearsTheHighlight()
{
    waitForAnalysis();
    const Finding nPlusOne = findingOf(FindingKind::NPlusOne);
    QVERIFY(!nPlusOne.examples.empty());
    const FindingExample worst = nPlusOne.examples.front();
    m_state->selectSpans(worst.traceId, worst.spanIds);
    TraceInspector *inspector = m_traces->traceInspector();
    TraceWaterfallView *waterfall = inspector->waterfallView();
    QTRY_COMPARE(waterfall->highlightedNodes().size(), std::size_t(itemsPerCart));
    // Stepping to the next highlighted span (arrow down) keeps the highlight.
    waterfall->setFocus();
    QTest::keyClick(waterfall, Qt::Key_Down);
    QCOMPARE(inspector->selectedSpanId(), worst.spanIds[1]);
    QCOMPARE(waterfall->highlightedNodes().size(), std::size_t(itemsPerCart));
    // Clicking the request's own span (not one of them) clears it.
    const int root = waterfall->tree()->nodeForSpan(spanId(1));
    QTest::mouseClick(waterfall->viewport(), Qt::LeftButton, {},
                      waterfall->barRect(root).center().toPoint());
    QCOMPARE(inspector->selectedSpanId(), spanId(1));
    QVERIFY(waterfall->highlightedNodes().empty());
    QVERIFY(m_state->highlightedSpans().empty());
}

void TestFindingsLinking::spikeNarrowsEveryPane()
{
    waitForAnalysis();
    const int row = rowOfKind(*m_findings->model(), FindingKind::TrafficSpike);
    QVERIFY(row >= 0);
    const Finding spike = m_findings->model()->finding(row);
    m_findings->table()->setCurrentIndex(m_findings->model()->index(row, 0));
    QTest::mouseClick(m_findings->detailsView()->openButton(), Qt::LeftButton);
    QCOMPARE(m_state->timeRange(), spike.range);
    // Every pane follows: the traces of the spike's ten seconds only, and findings within them.
    QTRY_COMPARE(m_traces->traceListModel()->rowCount(), spikeRequests);
    waitForAnalysis(2);
    QCOMPARE(m_findings->analysedTraces(), std::int64_t(spikeRequests));
}

void TestFindingsLinking::errorHotspotShowsItsLogs()
{
    waitForAnalysis();
    const int row = rowOfKind(*m_findings->model(), FindingKind::ErrorHotspot);
    QVERIFY(row >= 0);
    const Finding errors = m_findings->model()->finding(row);
    m_findings->table()->setCurrentIndex(m_findings->model()->index(row, 0));
    QTRY_VERIFY(m_logs->model()->rowCount() == 5);
    QTest::mouseClick(m_findings->detailsView()->logsButton(), Qt::LeftButton);
    // Only the log of the worst example's trace is left.
    QTRY_COMPARE(m_logs->model()->rowCount(), 1);
    QCOMPARE(m_logs->model()->index(0, LogTableModel::TraceColumn).data().toString().left(8),
             QString::fromStdString(toHex(errors.examples.front().traceId)).left(8));
}

void TestFindingsLinking::liveDataUpdatesTheFindings()
{
    waitForAnalysis();
    QCOMPARE(findingOf(FindingKind::NPlusOne).affectedTraces, std::int64_t(cartCount));
    m_findings->setLiveIntervalMs(0);
    writeCarts(*m_store, cartCount + 1, cartCount + 3);
    QTRY_COMPARE(m_store->status().totals.traces, traceTotal + 3);
    m_state->noteTelemetryCommitted();
    waitForAnalysis(2);
    QCOMPARE(findingOf(FindingKind::NPlusOne).affectedTraces, std::int64_t(cartCount + 3));
    QCOMPARE(m_findings->analysedTraces(), traceTotal + 3);
}

QTEST_MAIN(TestFindingsLinking)
#include "tst_findings_linking.moc"
