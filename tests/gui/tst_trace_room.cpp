// The trace room in the whole workbench on the screens people have: offscreen screens of
// 1920x1080 and 1366x768 (and 1600x900), the window placed as on a first run, the default layout.
// Opening a 60-span GET /orders/:id trace from the list folds the browser and shows at least 25
// (1920) or 15 (1366) waterfall rows, details beside the waterfall when the pane is wide enough
// and below it when not; Ctrl+L and the strip's button bring the browser back and fold it again.
// KANSOKU_SCREENSHOT_DIR, when set, receives a PNG of each window.
#include "findings_pane.h"
#include "logs_pane.h"
#include "metrics_pane.h"
#include "span_details_view.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"
#include "trace_inspector.h"
#include "trace_waterfall_view.h"
#include "traces_pane.h"
#include "view/trace_list_model.h"
#include "view/workbench_layout_plan.h"
#include "view/workbench_state.h"
#include "workbench_window.h"

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QScreen>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace kansoku;
using namespace kansoku::testdata;

namespace {

constexpr std::int64_t msNs = 1'000'000;
constexpr std::int64_t baseNs = 1'760'000'000'000'000'000;
constexpr std::uint64_t ordersTrace = 100;

// GET /orders/:id: frontend → orders → 4 calls to inventory, each with a dozen queries and a
// cache lookup: 1 + 1 + 4 × (1 + 12 + 1) + 2 = 60 spans, 60 rows (the queries are four each of
// three statements: fewer than five repeats are not folded into a group's row).
std::vector<Span> ordersTraceSpans()
{
    const TraceId trace = traceId(ordersTrace);
    std::vector<Span> spans;
    std::uint64_t next = 1;
    const std::int64_t start = baseNs + 600 * msNs;
    spans.push_back(span(trace, spanId(next++), {}, "GET /orders/:id", start, start + 240 * msNs));
    const SpanId orders = spanId(next);
    spans.push_back(span(trace, spanId(next++), spanId(1), "OrderService.load", start + 2 * msNs,
                         start + 236 * msNs));
    for (int call = 0; call < 4; ++call) {
        const std::int64_t callStart = start + (4 + call * 55) * msNs;
        const SpanId inventory = spanId(next);
        spans.push_back(span(trace, spanId(next++), orders, "InventoryService.reserve", callStart,
                             callStart + 52 * msNs));
        const char *const statements[] = {"SELECT stock", "SELECT price", "UPDATE stock"};
        for (int query = 0; query < 12; ++query)
            spans.push_back(span(trace, spanId(next++), inventory, statements[query % 3],
                                 callStart + (1 + query * 4) * msNs,
                                 callStart + (4 + query * 4) * msNs));
        spans.push_back(span(trace, spanId(next++), inventory, "cache.get", callStart + 49 * msNs,
                             callStart + 50 * msNs));
    }
    spans.push_back(
        span(trace, spanId(next++), orders, "render", start + 226 * msNs, start + 230 * msNs));
    spans.push_back(span(trace, spanId(next++), spanId(1), "audit.write", start + 231 * msNs,
                         start + 235 * msNs));
    return spans;
}

// Twenty small traces around it, so the list and scatter have something to show.
std::vector<Span> smallTraces()
{
    std::vector<Span> spans;
    for (std::uint64_t n = 1; n <= 20; ++n) {
        const std::int64_t start = baseNs + std::int64_t(n) * 50 * msNs;
        spans.push_back(
            span(traceId(n), spanId(1), {}, "GET /cart", start, start + std::int64_t(n) * msNs));
        spans.push_back(
            span(traceId(n), spanId(2), spanId(1), "SELECT cart", start + msNs, start + 2 * msNs));
    }
    return spans;
}

QScreen *screenNamed(const QString &name)
{
    const QList<QScreen *> screens = QGuiApplication::screens();
    for (QScreen *screen : screens) {
        if (screen->name() == name)
            return screen;
    }
    return nullptr;
}

} // namespace

class TestTraceRoom : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void openTraceGetsTheRoom_data();
    void openTraceGetsTheRoom();

private:
    QTemporaryDir m_directory;
    std::unique_ptr<TelemetryStore> m_store;
};

void TestTraceRoom::initTestCase()
{
    QVERIFY2(QGuiApplication::screens().size() == 3, "the offscreen screens were not configured");
    StorageOptions options;
    options.databasePath = m_directory.filePath(QStringLiteral("room.kansoku"));
    options.commitMaxLatencyMs = 10;
    m_store = std::make_unique<TelemetryStore>(options);
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    testdata::offerPatiently(*m_store, spanBatch(resource("frontend"), ordersTraceSpans()));
    testdata::offerPatiently(*m_store, spanBatch(resource("frontend"), smallTraces()));
    QTRY_COMPARE(m_store->status().queuedItems, std::int64_t(0));
    QCOMPARE(m_store->status().totals.spans, std::int64_t(60 + 40));
}

void TestTraceRoom::openTraceGetsTheRoom_data()
{
    QTest::addColumn<QString>("screen");
    QTest::addColumn<int>("minimumRows");
    QTest::addColumn<bool>("detailsBeside");
    // Three columns, Traces wide enough for the details beside the waterfall.
    QTest::newRow("1920x1080") << QStringLiteral("wide") << 25 << true;
    // Tabs: the Traces pane has the window's whole width.
    QTest::newRow("1366x768") << QStringLiteral("laptop") << 15 << true;
    // Three columns, Traces at 40%: the details go below the waterfall.
    QTest::newRow("1600x900") << QStringLiteral("medium") << 10 << false;
}

void TestTraceRoom::openTraceGetsTheRoom()
{
    QFETCH(QString, screen);
    QFETCH(int, minimumRows);
    QFETCH(bool, detailsBeside);

    WorkbenchState state;
    WorkbenchWindow window(&state);
    window.placeOnScreen(screenNamed(screen));
    QCOMPARE(window.geometry(),
             WorkbenchLayoutPlan::firstRunWindowGeometry(window.screen()->availableGeometry()));
    const auto queries = m_store->queries();
    auto *traces = new TracesPane(&state, queries);
    window.setPaneWidget(WorkbenchWindow::Pane::Traces, traces);
    window.setPaneWidget(WorkbenchWindow::Pane::Metrics, new MetricsPane(&state, queries));
    window.setPaneWidget(WorkbenchWindow::Pane::Logs, new LogsPane(&state, queries));
    window.setPaneWidget(WorkbenchWindow::Pane::Findings, new FindingsPane(&state, queries));
    window.setHasTelemetry(true);
    state.setDataBounds(queries->timeBounds());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(traces->traceListModel()->rowCount(), 21);
    QVERIFY(!traces->isBrowserFolded());

    // A click on the trace's row in the list, as a user opens it.
    QTableView *table = traces->traceTable();
    const int row = traces->traceListModel()->rowOf(traceId(ordersTrace));
    QVERIFY(row >= 0);
    table->scrollTo(traces->traceListModel()->index(row, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(traces->traceListModel()->index(row, 2)).center());
    TraceInspector *inspector = traces->traceInspector();
    QTRY_VERIFY(inspector->trace() && inspector->trace()->traceId == traceId(ordersTrace));
    TraceWaterfallView *waterfall = inspector->waterfallView();
    QVERIFY(waterfall->tree());
    QCOMPARE(waterfall->tree()->rowCount(), 60);

    // The trace wants more than the pane has: the browser folds to the strip.
    QTRY_VERIFY(traces->isBrowserFolded());
    QVERIFY(!table->isVisible());
    const auto visibleRows = [waterfall] {
        return waterfall->rowsRect().height() / TraceWaterfallView::RowHeight;
    };
    QTRY_VERIFY2(visibleRows() >= minimumRows,
                 qPrintable(QStringLiteral("%1 rows at %2").arg(visibleRows()).arg(screen)));
    qInfo("%s: window %dx%d, Traces pane %dx%d, %d waterfall rows", qPrintable(screen),
          window.width(), window.height(), traces->width(), traces->height(), visibleRows());

    // Span details beside the waterfall (to its right) or below it.
    const SpanDetailsView *details = inspector->detailsView();
    QVERIFY(details->isVisible());
    const QRect waterfallRect(waterfall->mapTo(inspector, QPoint(0, 0)), waterfall->size());
    const QRect detailsRect(details->mapTo(inspector, QPoint(0, 0)), details->size());
    if (detailsBeside)
        QVERIFY(detailsRect.left() > waterfallRect.right());
    else
        QVERIFY(detailsRect.top() > waterfallRect.bottom());

    if (const QString directory = qEnvironmentVariable("KANSOKU_SCREENSHOT_DIR");
        !directory.isEmpty())
        QVERIFY(window.grab().save(directory + QStringLiteral("/trace-room-")
                                   + QLatin1String(QTest::currentDataTag())
                                   + QStringLiteral(".png")));

    // Ctrl+L brings the list back (the open trace's row selected), the strip's button folds it.
    waterfall->setFocus();
    QTest::keyClick(waterfall, Qt::Key_L, Qt::ControlModifier);
    QVERIFY(!traces->isBrowserFolded());
    QTRY_VERIFY(table->isVisible());
    QVERIFY(table->selectionModel()->isRowSelected(row));
    auto *button = traces->findChild<QToolButton *>(QStringLiteral("browserToggleButton"));
    QVERIFY(button && button->isVisible());
    QCOMPARE(button->text(), QStringLiteral("Hide trace list"));
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(traces->isBrowserFolded());
    QCOMPARE(button->text(), QStringLiteral("Show trace list"));
    QTRY_VERIFY(visibleRows() >= minimumRows);
}

int main(int argc, char **argv)
{
    // Three offscreen screens side by side, before the application picks its platform.
    QTemporaryDir directory;
    const QString config = directory.filePath(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 2;
    file.write(R"({"screens": [
        {"name": "wide", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96},
        {"name": "laptop", "x": 1920, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96},
        {"name": "medium", "x": 3286, "y": 0, "width": 1600, "height": 900, "logicalDpi": 96}
    ]})");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toLocal8Bit());
    QApplication app(argc, argv);
    TestTraceRoom test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_trace_room.moc"
