#include "analysis/trace_scatter_series.h"
#include "chart_view.h"
#include "otlp_decoder.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"
#include "trace_comparison_window.h"
#include "trace_filter_bar.h"
#include "trace_inspector.h"
#include "trace_waterfall_view.h"
#include "trace_window.h"
#include "traces_pane.h"
#include "ui_language.h"
#include "view/trace_comparison_model.h"
#include "view/trace_list_model.h"
#include "view/workbench_state.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <set>

using namespace kansoku;
using namespace kansoku::testdata;

namespace {

constexpr std::int64_t msNs = 1000000;
constexpr std::int64_t minuteNs = 60000 * msNs;
constexpr std::int64_t baseNs = 1760000000000000000; // 2025-10-09
constexpr int traceCount = 40;

// Trace n (1..40) starts n minutes after base. Its root "GET /items" (or "POST /checkout" for
// every fourth) runs (n * 37 % 400 + 20) ms on frontend, with a backend child, and every tenth
// also calls db. Every seventh trace has an error on the backend span.
std::int64_t startOf(int n)
{
    return baseNs + n * minuteNs;
}
std::int64_t durationOf(int n)
{
    return (n * 37 % 400 + 20) * msNs;
}
bool hasError(int n)
{
    return n % 7 == 0;
}
bool isCheckout(int n)
{
    return n % 4 == 0;
}

void writeTraces(TelemetryStore &store, int first, int last)
{
    std::vector<Span> frontend;
    std::vector<Span> backend;
    std::vector<Span> db;
    for (int n = first; n <= last; ++n) {
        const TraceId trace = traceId(std::uint64_t(n));
        const std::int64_t start = startOf(n);
        const std::int64_t end = start + durationOf(n);
        frontend.push_back(
            span(trace, spanId(1), {}, isCheckout(n) ? "POST /checkout" : "GET /items", start, end,
                 StatusCode::Unset,
                 {{"http.route", AnyValue::fromString(isCheckout(n) ? "/checkout" : "/items")}}));
        backend.push_back(span(trace, spanId(2), spanId(1), "load", start + msNs, end - msNs,
                               hasError(n) ? StatusCode::Error : StatusCode::Ok,
                               {{"n", AnyValue::fromInt(n)}}));
        if (n % 10 == 0)
            db.push_back(
                span(trace, spanId(3), spanId(2), "SELECT", start + 2 * msNs, start + 3 * msNs));
    }
    testdata::offerPatiently(store, spanBatch(resource("frontend"), std::move(frontend)));
    testdata::offerPatiently(store, spanBatch(resource("backend"), std::move(backend)));
    if (!db.empty())
        testdata::offerPatiently(store, spanBatch(resource("db"), std::move(db)));
}

int numberOf(const TraceId &id)
{
    return id.bytes[15];
}

QList<int> listedNumbers(TracesPane &pane)
{
    QList<int> numbers;
    TraceListModel *model = pane.traceListModel();
    for (int row = 0; row < model->rowCount(); ++row)
        numbers.append(numberOf(model->summary(row).traceId));
    return numbers;
}

QWidget *plotOf(ChartView *chart)
{
    QCoreApplication::processEvents(); // queued replots lay out the axes pixelFor() reads
    return chart->findChild<QWidget *>(QStringLiteral("chartPlot"));
}

void typeInto(QLineEdit *field, const QString &text)
{
    field->setFocus();
    field->selectAll();
    QTest::keyClicks(field, text);
    QTest::keyClick(field, Qt::Key_Return);
}

} // namespace

class TestTracesPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void listsTracesNewestFirstWithScatter();
    void errorsOnlyFiltersListAndScatter();
    void durationFieldsFilterAndRejectBadText();
    void attributeAndTraceIdFilters();
    void clearButtonResetsFilters();
    void serviceFollowsWorkbench();
    void sortByDurationHeaderOnly();
    void firstHeaderClickSortsLargestFirst();
    void clickingRowOpensTrace();
    void selectedSpanFromWorkbenchOpensTraceAndSpan();
    void scatterClickOpensTrace();
    void scatterDragSetsCustomRange();
    void traceInspectorRequestsReachWorkbench();
    void liveRefreshKeepsSelectionAndAddsTraces();
    void liveSpansKeepTheOpenTracesFolding();
    void emptyRangeShowsEmptyState();
    void jsSdkTraceOpens();
    void twoSelectedTracesCompare();
    void tracesOpenInWindowsOfTheirOwn();
    void openTraceComparesWithTheFastestSlowestOrAnId();

private:
    void waitForList(int rows);

    QTemporaryDir m_dir;
    std::unique_ptr<TelemetryStore> m_store;
    std::unique_ptr<WorkbenchState> m_state;
    std::unique_ptr<TracesPane> m_pane;
};

void TestTracesPane::initTestCase()
{
    // The English plural forms ("1 trace", "40 traces"), as the app installs them.
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English));
    StorageOptions options;
    options.databasePath = m_dir.filePath(QStringLiteral("pane.db"));
    options.commitMaxLatencyMs = 10;
    m_store = std::make_unique<TelemetryStore>(options);
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    writeTraces(*m_store, 1, traceCount);
    QTRY_COMPARE(m_store->status().queuedItems, std::int64_t(0));
}

void TestTracesPane::init()
{
    m_state = std::make_unique<WorkbenchState>();
    m_state->setDataBounds(TimeRange{startOf(1), startOf(traceCount) + minuteNs});
    m_state->setCustomRange(TimeRange{startOf(1), startOf(traceCount) + minuteNs});
    m_pane = std::make_unique<TracesPane>(m_state.get(), m_store->queries());
    m_pane->resize(1100, 900);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    waitForList(traceCount);
}

void TestTracesPane::cleanup()
{
    m_pane.reset();
    m_state.reset();
}

void TestTracesPane::twoSelectedTracesCompare()
{
    QTableView *table = m_pane->traceTable();
    QAction *compare = m_pane->compareAction();
    QVERIFY(compare);
    QVERIFY(table->actions().contains(compare));
    table->selectRow(0);
    QVERIFY(!compare->isEnabled());
    QVERIFY(!m_pane->compareSelectedTraces());
    // Ctrl+click a second row: two selected (newest first: traces 40 and 36, both checkouts).
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      table->visualRect(table->model()->index(4, 0)).center());
    QCOMPARE(m_pane->selectedTraceIds().size(), std::size_t(2));
    QVERIFY(compare->isEnabled());

    compare->trigger();
    const QList<TraceComparisonWindow *> windows = m_pane->findChildren<TraceComparisonWindow *>();
    QCOMPARE(windows.size(), 1);
    TraceComparisonWindow *window = windows.first();
    QVERIFY(window->isWindow());
    QTRY_VERIFY(!window->isLoading() && window->model()->rowCount() == 1);
    // Both are POST /checkout on frontend with a backend child: one merged root.
    const TraceComparisonNode *root = window->model()->nodeAt(window->model()->index(0, 0));
    QVERIFY(root);
    QCOMPARE(root->count[0], 1);
    QCOMPARE(root->count[1], 1);
    window->close();
}

void TestTracesPane::openTraceComparesWithTheFastestSlowestOrAnId()
{
    m_state->selectSpan(traceId(13)); // GET /items, 101 ms
    TraceInspector *inspector = m_pane->traceInspector();
    QTRY_VERIFY(inspector->trace());
    QVERIFY(inspector->compareButton()->isVisible());
    QSignalSpy opened(m_pane.get(), &TracesPane::comparisonOpened);
    const auto compared = [&](const char *actionName) -> TraceComparisonWindow * {
        const int before = int(opened.count());
        inspector->findChild<QAction *>(QLatin1String(actionName))->trigger();
        if (!QTest::qWaitFor([&] { return opened.count() > before; }, 5000))
            return nullptr;
        return opened.last().first().value<TraceComparisonWindow *>();
    };
    // Among the GET /items traces in range, trace 11 is the fastest (27 ms), 21 the slowest
    // (397 ms); the open trace is B.
    TraceComparisonWindow *fastest = compared("compareWithFastest");
    QVERIFY(fastest);
    QCOMPARE(numberOf(fastest->traceA()), 11);
    QCOMPARE(numberOf(fastest->traceB()), 13);
    QTRY_VERIFY(!fastest->isLoading() && fastest->model()->rowCount() == 1);
    TraceComparisonWindow *slowest = compared("compareWithSlowest");
    QVERIFY(slowest);
    QCOMPARE(numberOf(slowest->traceA()), 21);

    // Open the fastest itself: its baseline is the next fastest, never itself (trace 22, 34 ms).
    m_state->selectSpan(traceId(11));
    QTRY_VERIFY(inspector->trace() && numberOf(inspector->trace()->traceId) == 11);
    TraceComparisonWindow *next = compared("compareWithFastest");
    QVERIFY(next);
    QCOMPARE(numberOf(next->traceA()), 22);

    // A typed id; text that is none, or the trace's own id, opens nothing and says why.
    const int windows = int(opened.count());
    QVERIFY(!inspector->compareWithTraceIdText(QStringLiteral("not an id")));
    QVERIFY(inspector->lastCompareProblem().contains(QStringLiteral("not a trace id")));
    QVERIFY(!inspector->compareWithTraceIdText(QString::fromStdString(toHex(traceId(11)))));
    QVERIFY(inspector->compareWithTraceIdText(QString::fromStdString(toHex(traceId(40)))));
    QCOMPARE(opened.count(), windows + 1);
    auto *byId = opened.last().first().value<TraceComparisonWindow *>();
    QCOMPARE(numberOf(byId->traceA()), 40);
    QCOMPARE(numberOf(byId->traceB()), 11);

    // No other trace of the operation in range: nothing opens, the inspector says so.
    m_state->setCustomRange(TimeRange{startOf(11), startOf(11) + minuteNs});
    QTRY_COMPARE(m_pane->traceListModel()->rowCount(), 1);
    const int before = int(opened.count());
    inspector->findChild<QAction *>(QStringLiteral("compareWithSlowest"))->trigger();
    QTRY_VERIFY(!inspector->lastCompareProblem().isEmpty()
                && inspector->lastCompareProblem().contains(QStringLiteral("No other")));
    QCOMPARE(opened.count(), before);
    for (TraceComparisonWindow *window : m_pane->findChildren<TraceComparisonWindow *>())
        window->close();
}

void TestTracesPane::tracesOpenInWindowsOfTheirOwn()
{
    // Two traces side by side, each in its own window, the pane's own trace view untouched.
    TraceWindow *first = m_pane->openTraceInWindow(traceId(38));
    TraceWindow *second = m_pane->openTraceInWindow(traceId(20));
    QVERIFY(first->isWindow() && second->isWindow());
    QTRY_VERIFY(first->traceInspector()->trace() && second->traceInspector()->trace());
    QVERIFY(first->traceInspector()->trace()->traceId == traceId(38));
    QVERIFY(second->traceInspector()->trace()->traceId == traceId(20));
    QVERIFY(first->windowTitle().contains(QStringLiteral("frontend GET /items")));
    QVERIFY(!m_pane->traceInspector()->trace());
    QVERIFY(!first->findChild<QToolButton *>(QStringLiteral("newWindowButton"))->isVisible());
    QVERIFY(!first->findChild<QToolButton *>(QStringLiteral("compareButton"))->isVisible());

    // The trace view's "New window" opens the trace it shows; the list's action the current row.
    m_state->selectSpan(traceId(13));
    QTRY_VERIFY(m_pane->traceInspector()->trace());
    auto *newWindow
        = m_pane->traceInspector()->findChild<QToolButton *>(QStringLiteral("newWindowButton"));
    QVERIFY(newWindow && newWindow->isVisible());
    newWindow->click();
    QTRY_COMPARE(m_pane->findChildren<TraceWindow *>().size(), 3);
    m_pane->traceTable()->setCurrentIndex(m_pane->traceListModel()->index(0, 0)); // trace 40
    m_pane->openInWindowAction()->trigger();
    QTRY_COMPARE(m_pane->findChildren<TraceWindow *>().size(), 4);
    std::set<int> shown;
    for (TraceWindow *window : m_pane->findChildren<TraceWindow *>()) {
        QTRY_VERIFY(!window->isLoading());
        shown.insert(numberOf(window->traceId()));
    }
    QCOMPARE(shown, (std::set<int>{13, 20, 38, 40}));

    // A trace the session does not hold says so; closing a window deletes it.
    TraceWindow *missing = m_pane->openTraceInWindow(traceId(99));
    QSignalSpy loaded(missing, &TraceWindow::loaded);
    QVERIFY(loaded.wait());
    QVERIFY(!missing->traceInspector()->trace());
    QPointer<TraceWindow> closing(first);
    first->close();
    QTRY_VERIFY(closing.isNull());
}

void TestTracesPane::waitForList(int rows)
{
    QTRY_VERIFY(m_pane->traceListModel()->hasLoaded() && !m_pane->traceListModel()->isLoading());
    QTRY_COMPARE(m_pane->traceListModel()->rowCount(), rows);
    QTRY_COMPARE(int(m_pane->scatterTraces().size()), rows);
}

void TestTracesPane::listsTracesNewestFirstWithScatter()
{
    QCOMPARE(listedNumbers(*m_pane).mid(0, 3), (QList<int>{40, 39, 38}));
    TraceListModel *model = m_pane->traceListModel();
    // Trace 40: 40*37%400+20 = 300 ms, checkout, 3 spans (db every tenth), no error.
    QCOMPARE(model->index(0, TraceListModel::RootOperationColumn).data().toString(),
             QStringLiteral("POST /checkout"));
    QCOMPARE(model->index(0, TraceListModel::DurationColumn).data().toString(),
             QStringLiteral("300 ms"));
    QCOMPARE(model->index(0, TraceListModel::SpanCountColumn).data().toString(),
             QStringLiteral("3"));
    QCOMPARE(model->index(0, TraceListModel::ServicesColumn).data().toString(),
             QStringLiteral("backend, db, frontend"));
    QCOMPARE(model->index(5, TraceListModel::ErrorCountColumn).data().toString(),
             QStringLiteral("1")); // trace 35
    QCOMPARE(m_pane->emptyText(), QString());

    ChartView *chart = m_pane->scatterView();
    QCOMPARE(chart->seriesCount(), 1);
    QCOMPARE(chart->series(0).style, ChartSeries::Style::Scatter);
    QCOMPARE(chart->series(0).values.front(), 300.0);
    QCOMPARE(
        std::count(chart->series(0).highlighted.begin(), chart->series(0).highlighted.end(), true),
        5); // 7, 14, 21, 28, 35
    auto *count = m_pane->findChild<QLabel *>(QStringLiteral("traceCount"));
    QCOMPARE(count->text(), QStringLiteral("40 traces in range"));

    // The operation combo offers the root operations seen.
    auto *operations = m_pane->findChild<QComboBox *>(QStringLiteral("operationFilter"));
    QCOMPARE(operations->count(), 3);
    QCOMPARE(operations->itemText(1), QStringLiteral("GET /items"));
    QCOMPARE(operations->itemText(2), QStringLiteral("POST /checkout"));
}

void TestTracesPane::errorsOnlyFiltersListAndScatter()
{
    auto *errorsOnly = m_pane->findChild<QCheckBox *>(QStringLiteral("errorsOnlyFilter"));
    QTest::mouseClick(errorsOnly, Qt::LeftButton, {}, QPoint(5, errorsOnly->height() / 2));
    QVERIFY(errorsOnly->isChecked());
    waitForList(5);
    QCOMPARE(listedNumbers(*m_pane), (QList<int>{35, 28, 21, 14, 7}));
    QCOMPARE(m_pane->scatterView()->series(0).highlighted, std::vector<bool>(5, true));
}

void TestTracesPane::durationFieldsFilterAndRejectBadText()
{
    auto *minimum = m_pane->findChild<QLineEdit *>(QStringLiteral("minDurationFilter"));
    auto *maximum = m_pane->findChild<QLineEdit *>(QStringLiteral("maxDurationFilter"));
    typeInto(minimum, QStringLiteral("300ms"));
    typeInto(maximum, QStringLiteral("<0.35s"));
    // Durations n*37%400+20 in [300, 350] ms: n=8 (316), 19 (323), 30 (330), 40 (300).
    waitForList(4);
    QCOMPARE(listedNumbers(*m_pane), (QList<int>{40, 30, 19, 8}));

    typeInto(maximum, QStringLiteral("soon"));
    QVERIFY(maximum->property("invalidFilter").toBool());
    QVERIFY(!maximum->toolTip().isEmpty());
    // The bad maximum is left out: every trace of at least 300 ms.
    QTRY_COMPARE(m_pane->traceListModel()->rowCount(), 10);
    QVERIFY(!m_pane->traceListModel()->isLoading());

    typeInto(minimum, QStringLiteral("<1s")); // a maximum typed into the minimum field
    QVERIFY(minimum->property("invalidFilter").toBool());
    waitForList(traceCount);
}

void TestTracesPane::attributeAndTraceIdFilters()
{
    auto *attributes = m_pane->findChild<QLineEdit *>(QStringLiteral("attributeFilter"));
    auto *count = m_pane->findChild<QLabel *>(QStringLiteral("traceCount"));
    typeInto(attributes, QStringLiteral("http.route=/checkout"));
    waitForList(10);
    QTRY_COMPARE(count->text(), QStringLiteral("10 matching traces in range"));
    typeInto(attributes, QStringLiteral("http.route=/checkout n=12"));
    waitForList(1);
    QCOMPARE(listedNumbers(*m_pane), QList<int>{12});
    QTRY_COMPARE(count->text(), QStringLiteral("1 matching trace in range"));

    attributes->clear();
    waitForList(traceCount);
    auto *traceIdField = m_pane->findChild<QLineEdit *>(QStringLiteral("traceIdFilter"));
    typeInto(traceIdField, QString::fromStdString(toHex(traceId(23))).toUpper());
    waitForList(1);
    QCOMPARE(listedNumbers(*m_pane), QList<int>{23});

    typeInto(traceIdField, QStringLiteral("ab00"));
    QVERIFY(traceIdField->property("invalidFilter").toBool());
    waitForList(traceCount);
}

void TestTracesPane::clearButtonResetsFilters()
{
    auto *errorsOnly = m_pane->findChild<QCheckBox *>(QStringLiteral("errorsOnlyFilter"));
    errorsOnly->setChecked(true);
    typeInto(m_pane->findChild<QLineEdit *>(QStringLiteral("minDurationFilter")),
             QStringLiteral("200ms"));
    waitForList(3); // errors (every seventh) of 200 ms or more: 28, 21, 7
    QSignalSpy changed(m_pane->filterBar(), &TraceFilterBar::filtersChanged);
    QTest::mouseClick(m_pane->findChild<QToolButton *>(QStringLiteral("clearFilters")),
                      Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QVERIFY(!errorsOnly->isChecked());
    waitForList(traceCount);
}

void TestTracesPane::serviceFollowsWorkbench()
{
    auto *service = m_pane->findChild<QComboBox *>(QStringLiteral("serviceFilter"));
    QTRY_COMPARE(service->count(), 4); // all, backend, db, frontend
    m_state->setService(QStringLiteral("db"));
    QCOMPARE(m_pane->filterBar()->service(), QStringLiteral("db"));
    waitForList(4);
    QCOMPARE(listedNumbers(*m_pane), (QList<int>{40, 30, 20, 10}));
    // The pane may pick another service on its own; Clear goes back to the workbench's.
    service->setCurrentIndex(service->findData(QStringLiteral("frontend")));
    waitForList(traceCount);
    m_pane->filterBar()->clear();
    waitForList(4);
}

void TestTracesPane::sortByDurationHeaderOnly()
{
    QHeaderView *header = m_pane->traceTable()->horizontalHeader();
    m_pane->traceTable()->sortByColumn(TraceListModel::DurationColumn, Qt::DescendingOrder);
    waitForList(traceCount);
    // Longest: n*37%400+20 is 404 ms for n=32.
    QCOMPARE(listedNumbers(*m_pane).first(), 32);
    QCOMPARE(m_pane->traceListModel()->sortOrder(), TraceSortOrder::DurationDescending);

    // Services cannot be sorted by the store: the indicator stays on Duration.
    const int x = header->sectionViewportPosition(TraceListModel::ServicesColumn) + 10;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), int(TraceListModel::DurationColumn));
    QCOMPARE(m_pane->traceListModel()->sortOrder(), TraceSortOrder::DurationDescending);
}

void TestTracesPane::firstHeaderClickSortsLargestFirst()
{
    QHeaderView *header = m_pane->traceTable()->horizontalHeader();
    const auto clickHeader = [header](int column) {
        const int x = header->sectionViewportPosition(column) + 10;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    };
    // Oldest first on Start (its second click), then a first click on Duration: longest first,
    // not in the order Start had.
    clickHeader(TraceListModel::StartColumn);
    QCOMPARE(m_pane->traceListModel()->sortOrder(), TraceSortOrder::StartTimeAscending);
    waitForList(traceCount);
    clickHeader(TraceListModel::DurationColumn);
    QCOMPARE(m_pane->traceListModel()->sortOrder(), TraceSortOrder::DurationDescending);
    waitForList(traceCount);
    QCOMPARE(listedNumbers(*m_pane).first(), 32); // 404 ms
    clickHeader(TraceListModel::SpanCountColumn);
    QCOMPARE(m_pane->traceListModel()->sortOrder(), TraceSortOrder::SpanCountDescending);
}

void TestTracesPane::clickingRowOpensTrace()
{
    QSignalSpy loaded(m_pane.get(), &TracesPane::traceLoaded);
    QTableView *table = m_pane->traceTable();
    const QRect cell = table->visualRect(
        m_pane->traceListModel()->index(2, TraceListModel::RootOperationColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(m_state->selectedTraceId(), traceId(38));
    QTRY_COMPARE(loaded.count(), 1);
    const auto trace = m_pane->traceInspector()->trace();
    QVERIFY(trace);
    QCOMPARE(trace->traceId, traceId(38));
    QCOMPARE(trace->spans.size(), std::size_t(2));
}

void TestTracesPane::selectedSpanFromWorkbenchOpensTraceAndSpan()
{
    QSignalSpy loaded(m_pane.get(), &TracesPane::traceLoaded);
    m_state->selectSpan(traceId(20), spanId(3)); // e.g. from a log line
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(m_pane->traceInspector()->trace()->traceId, traceId(20));
    QTRY_COMPARE(m_pane->traceInspector()->selectedSpanId(), spanId(3));
    const QModelIndex current = m_pane->traceTable()->selectionModel()->currentIndex();
    QCOMPARE(current.row(), 20); // newest first: 40 .. 20
    QVERIFY(m_pane->traceTable()->selectionModel()->isRowSelected(20));

    // Another span of the same trace: selected without loading the trace again.
    m_state->selectSpan(traceId(20), spanId(1));
    QCOMPARE(m_pane->traceInspector()->selectedSpanId(), spanId(1));
    QTest::qWait(20);
    QCOMPARE(loaded.count(), 1);
}

void TestTracesPane::scatterClickOpensTrace()
{
    ChartView *chart = m_pane->scatterView();
    QWidget *plot = plotOf(chart);
    // Trace 13 (13*37%400+20 = 101 ms) sits alone in its minute.
    const double valueMs = double(durationOf(13)) / TraceScatterSeries::nsPerMs;
    const QPoint at = plot->mapFrom(chart, chart->pixelFor(startOf(13), valueMs));
    QTest::mouseClick(plot, Qt::LeftButton, {}, at);
    QCOMPARE(m_state->selectedTraceId(), traceId(13));
    QTRY_VERIFY(m_pane->traceInspector()->trace());
    QCOMPARE(m_pane->traceInspector()->trace()->traceId, traceId(13));
    // The open trace is marked by a second series of one dot.
    QCOMPARE(chart->seriesCount(), 2);
    QCOMPARE(chart->series(1).timesNs, std::vector<std::int64_t>{startOf(13)});
    QCOMPARE(chart->series(1).values, std::vector<double>{valueMs});
}

void TestTracesPane::scatterDragSetsCustomRange()
{
    ChartView *chart = m_pane->scatterView();
    QWidget *plot = plotOf(chart);
    const QPoint from = plot->mapFrom(chart, chart->pixelFor(startOf(10) - minuteNs / 2, 100));
    const QPoint to = plot->mapFrom(chart, chart->pixelFor(startOf(20) - minuteNs / 2, 100));
    QTest::mousePress(plot, Qt::LeftButton, {}, from);
    QTest::mouseMove(plot, (from + to) / 2);
    QTest::mouseMove(plot, to);
    QTest::mouseRelease(plot, Qt::LeftButton, {}, to);
    QCOMPARE(m_state->rangePreset(), WorkbenchState::RangePreset::Custom);
    waitForList(10); // 10 .. 19
    QCOMPARE(listedNumbers(*m_pane).first(), 19);
    QCOMPARE(listedNumbers(*m_pane).last(), 10);
}

void TestTracesPane::traceInspectorRequestsReachWorkbench()
{
    QSignalSpy logs(m_state.get(), &WorkbenchState::logsRequested);
    QSignalSpy selected(m_state.get(), &WorkbenchState::spanSelected);
    TraceInspector *view = m_pane->traceInspector();
    Q_EMIT view->logsOfTraceRequested(traceId(5));
    Q_EMIT view->logsOfSpanRequested(traceId(5), spanId(2));
    QCOMPARE(logs.count(), 2);
    QCOMPARE(logs.at(0).at(0).value<TraceId>(), traceId(5));
    QVERIFY(logs.at(0).at(1).value<SpanId>().isZero());
    QCOMPARE(logs.at(1).at(1).value<SpanId>(), spanId(2));

    // A link to another trace opens that trace and its span.
    Q_EMIT view->linkActivated(traceId(6), spanId(2));
    QCOMPARE(selected.count(), 1);
    QTRY_VERIFY(view->trace() && view->trace()->traceId == traceId(6));
    QTRY_COMPARE(view->selectedSpanId(), spanId(2));
}

void TestTracesPane::liveRefreshKeepsSelectionAndAddsTraces()
{
    // Following the newest hour of data, as the app does while telemetry arrives.
    m_state->setRangePreset(WorkbenchState::RangePreset::LastHour);
    m_state->setFollowLive(true);
    waitForList(traceCount);
    m_state->selectSpan(traceId(30));
    QTRY_VERIFY(m_pane->traceInspector()->trace());
    QTRY_COMPARE(m_pane->traceTable()->selectionModel()->currentIndex().row(), 10);

    // Two newer traces arrive: the app moves the data bounds (so the range) and notes the commit
    // in the same tick.
    writeTraces(*m_store, traceCount + 1, traceCount + 2);
    QTRY_COMPARE(m_store->status().queuedItems, std::int64_t(0));
    QSignalSpy reset(m_pane->traceListModel(), &QAbstractItemModel::modelReset);
    QSignalSpy ranges(m_state.get(), &WorkbenchState::timeRangeChanged);
    m_state->setDataBounds(TimeRange{startOf(1), startOf(traceCount + 2) + minuteNs});
    QCOMPARE(ranges.count(), 1);
    m_state->noteTelemetryCommitted();
    m_state->noteTelemetryCommitted(); // coalesced with the first
    waitForList(traceCount + 2);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(listedNumbers(*m_pane).first(), traceCount + 2);
    const QModelIndex current = m_pane->traceTable()->selectionModel()->currentIndex();
    QCOMPARE(current.row(), 12);
    QCOMPARE(numberOf(m_pane->traceListModel()->summary(current.row()).traceId), 30);
    QVERIFY(m_pane->traceTable()->selectionModel()->isRowSelected(12));
    QCOMPARE(m_pane->traceInspector()->trace()->traceId, traceId(30));

    // A range moved by the user is a new list.
    m_state->setCustomRange(TimeRange{startOf(25), startOf(35)});
    QTRY_COMPARE(reset.count(), 1);
    waitForList(10);
    QVERIFY(m_pane->traceTable()->selectionModel()->isRowSelected(4)); // 34 .. 30
}

void TestTracesPane::liveSpansKeepTheOpenTracesFolding()
{
    m_state->setRangePreset(WorkbenchState::RangePreset::LastHour);
    m_state->setFollowLive(true);
    waitForList(traceCount);
    // Trace 30: GET /items → load → SELECT. The user selects load and folds it.
    m_state->selectSpan(traceId(30), spanId(2));
    TraceInspector *inspector = m_pane->traceInspector();
    QTRY_VERIFY(inspector->trace() && inspector->trace()->traceId == traceId(30));
    QTRY_COMPARE(inspector->selectedSpanId(), spanId(2));
    TraceWaterfallView *waterfall = inspector->waterfallView();
    waterfall->setCollapsed(waterfall->tree()->nodeForSpan(spanId(2)), true);

    // A late span of the open trace arrives, under the folded one.
    testdata::offerPatiently(
        *m_store,
        spanBatch(resource("db"), {span(traceId(30), spanId(4), spanId(2), "SELECT more",
                                        startOf(30) + 4 * msNs, startOf(30) + 5 * msNs)}));
    QTRY_COMPARE(m_store->status().queuedItems, std::int64_t(0));
    m_state->noteTelemetryCommitted();
    QTRY_COMPARE(inspector->trace()->spans.size(), std::size_t(4));
    const std::shared_ptr<SpanTree> tree = waterfall->tree();
    QVERIFY(tree->isCollapsed(tree->nodeForSpan(spanId(2))));
    QCOMPARE(tree->rowOfNode(tree->nodeForSpan(spanId(4))), -1);
    QCOMPARE(inspector->selectedSpanId(), spanId(2));
}

void TestTracesPane::emptyRangeShowsEmptyState()
{
    m_state->setCustomRange(TimeRange{baseNs - 10 * minuteNs, baseNs - 5 * minuteNs});
    waitForList(0);
    QCOMPARE(m_pane->emptyText(), QStringLiteral("No traces in this range"));
    auto *errorsOnly = m_pane->findChild<QCheckBox *>(QStringLiteral("errorsOnlyFilter"));
    errorsOnly->setChecked(true);
    QTRY_COMPARE(m_pane->emptyText(), QStringLiteral("No traces match the filters"));
    QVERIFY(m_pane->scatterTraces().empty());
}

void TestTracesPane::jsSdkTraceOpens()
{
    // Real data: the OpenTelemetry JS SDK's OTLP/JSON export, decoded by the ingest decoder.
    QFile file(qEnvironmentVariable("KANSOKU_TEST_DATA")
               + QStringLiteral("/otlp/js_sdk_traces.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray body = file.readAll();
    const OtlpDecodeResult decoded = OtlpDecoder::decode(
        TelemetrySignal::Traces, OtlpEncoding::Json, std::string_view(body.data(), body.size()));
    QVERIFY2(decoded.ok, decoded.errorMessage.c_str());

    QTemporaryDir dir;
    StorageOptions options;
    options.databasePath = dir.filePath(QStringLiteral("js.db"));
    options.commitMaxLatencyMs = 10;
    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    testdata::offerPatiently(store, decoded.batch);
    QTRY_COMPARE(store.status().queuedItems, std::int64_t(0));

    WorkbenchState state;
    state.setDataBounds(store.queries()->timeBounds());
    TracesPane pane(&state, store.queries());
    pane.resize(900, 700);
    pane.show();
    QTRY_COMPARE(pane.traceListModel()->rowCount(), 1);
    TraceListModel *model = pane.traceListModel();
    QCOMPARE(model->index(0, TraceListModel::RootOperationColumn).data().toString(),
             QStringLiteral("GET /cart"));
    QCOMPARE(model->index(0, TraceListModel::ErrorCountColumn).data().toString(),
             QStringLiteral("1"));
    QTest::mouseClick(pane.traceTable()->viewport(), Qt::LeftButton, {},
                      pane.traceTable()->visualRect(model->index(0, 0)).center());
    QTRY_VERIFY(pane.traceInspector()->trace());
    QCOMPARE(pane.traceInspector()->trace()->spans.size(), std::size_t(2));
    QTRY_COMPARE(int(pane.scatterTraces().size()), 1);
}

QTEST_MAIN(TestTracesPane)
#include "tst_traces_pane.moc"
