// The whole workbench over one real store filled with the OpenTelemetry JS SDK fixtures: the
// panes follow one WorkbenchState, a log's trace link opens the trace and its span, a span's
// "logs of this span" filters the logs pane, a dashboard's chart opens in the Metrics pane, a
// narrowed range empties every pane, and a screenshot of the window shows every pane drawn.
#include "chart_view.h"
#include "dashboard_chart_tile.h"
#include "dashboards_pane.h"
#include "findings_pane.h"
#include "logs_pane.h"
#include "metric_chart_panel.h"
#include "metrics_pane.h"
#include "otlp_decoder.h"
#include "screenshot_checks.h"
#include "service_map_pane.h"
#include "span_details_view.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"
#include "trace_inspector.h"
#include "traces_pane.h"
#include "ui_language.h"
#include "view/dashboard_list_model.h"
#include "view/log_table_model.h"
#include "view/metric_browser_model.h"
#include "view/trace_list_model.h"
#include "view/workbench_state.h"
#include "workbench_window.h"

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace kansoku;

namespace {
const char *const linkedTraceId = "cee1d3d3a8c60775dbff377bdd8f155d";
const char *const linkedSpanId = "fbdbaa18dced9e76";
} // namespace

class TestWorkbenchLinking : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void panesShowTheSession();
    void logTraceLinkOpensTraceAndSpan();
    void logsOfSpanFilterTheLogsPane();
    void dashboardChartOpensInTheMetricsPane();
    void narrowedRangeEmptiesEveryPane();
    void screenshotShowsAllPanes();

private:
    void loadFixture(TelemetrySignal signal, const QString &name);

    QTemporaryDir m_directory;
    std::unique_ptr<TelemetryStore> m_store;
    std::unique_ptr<WorkbenchState> m_state;
    std::unique_ptr<WorkbenchWindow> m_window;
    TracesPane *m_traces = nullptr;
    MetricsPane *m_metrics = nullptr;
    LogsPane *m_logs = nullptr;
    FindingsPane *m_findings = nullptr;
    DashboardsPane *m_dashboards = nullptr;
    ServiceMapPane *m_serviceMap = nullptr;
};

void TestWorkbenchLinking::loadFixture(TelemetrySignal signal, const QString &name)
{
    QFile file(qEnvironmentVariable("KANSOKU_TEST_DATA") + QStringLiteral("/otlp/") + name);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QByteArray body = file.readAll();
    const OtlpDecodeResult decoded = OtlpDecoder::decode(
        signal, OtlpEncoding::Json, std::string_view(body.constData(), std::size_t(body.size())));
    QVERIFY2(decoded.ok, decoded.errorMessage.c_str());
    QCOMPARE(testdata::offerPatiently(*m_store, decoded.batch), OfferResult::Accepted);
}

void TestWorkbenchLinking::initTestCase()
{
    // The English plural forms ("1 trace analysed"), as the app installs them.
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English));
    StorageOptions options;
    options.databasePath = m_directory.filePath(QStringLiteral("linking.kansoku"));
    options.commitMaxLatencyMs = 10;
    m_store = std::make_unique<TelemetryStore>(options);
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    loadFixture(TelemetrySignal::Traces, QStringLiteral("js_sdk_traces.json"));
    loadFixture(TelemetrySignal::Logs, QStringLiteral("js_sdk_logs.json"));
    loadFixture(TelemetrySignal::Metrics, QStringLiteral("js_sdk_metrics.json"));
    QTRY_COMPARE(m_store->status().queuedItems, std::int64_t(0));
    QCOMPARE(m_store->status().totals.spans, std::int64_t(2));
    QCOMPARE(m_store->status().totals.logRecords, std::int64_t(3));
}

void TestWorkbenchLinking::init()
{
    // As GuiMode wires it: one state, panes over the store's queries, the session's bounds.
    m_state = std::make_unique<WorkbenchState>();
    m_window = std::make_unique<WorkbenchWindow>(m_state.get());
    const auto queries = m_store->queries();
    m_traces = new TracesPane(m_state.get(), queries);
    m_metrics = new MetricsPane(m_state.get(), queries);
    m_logs = new LogsPane(m_state.get(), queries);
    m_findings = new FindingsPane(m_state.get(), queries);
    m_window->setPaneWidget(WorkbenchWindow::Pane::Traces, m_traces);
    m_window->setPaneWidget(WorkbenchWindow::Pane::Metrics, m_metrics);
    m_window->setPaneWidget(WorkbenchWindow::Pane::Logs, m_logs);
    m_window->setPaneWidget(WorkbenchWindow::Pane::Findings, m_findings);
    m_dashboards = new DashboardsPane(m_state.get(), queries);
    connect(m_dashboards, &DashboardsPane::metricsPaneWanted, m_window.get(),
            [this] { m_window->showPane(WorkbenchWindow::Pane::Metrics); });
    m_window->setPaneWidget(WorkbenchWindow::Pane::Dashboards, m_dashboards);
    m_serviceMap = new ServiceMapPane(m_state.get(), queries);
    m_window->setPaneWidget(WorkbenchWindow::Pane::ServiceMap, m_serviceMap);
    m_window->setHasTelemetry(true);
    m_state->setDataBounds(queries->timeBounds());
    m_state->noteTelemetryCommitted();
    m_window->resize(1800, 1000);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_COMPARE(m_traces->traceListModel()->rowCount(), 1);
    QTRY_COMPARE(m_logs->model()->rowCount(), 3);
    QTRY_COMPARE(m_findings->completedAnalyses(), 1);
}

void TestWorkbenchLinking::cleanup()
{
    m_window.reset();
    m_state.reset();
}

void TestWorkbenchLinking::panesShowTheSession()
{
    QCOMPARE(
        m_traces->traceListModel()->index(0, TraceListModel::RootOperationColumn).data().toString(),
        QStringLiteral("GET /cart"));
    QTRY_VERIFY(m_metrics->browserModel()->rowCount() > 0);
    // The one trace of the fixture, analysed: a healthy request, nothing to report.
    QCOMPARE(m_findings->analysedTraces(), std::int64_t(1));
    QCOMPARE(m_findings->analysedSpans(), std::int64_t(2));
    QCOMPARE(m_findings->emptyText(),
             QStringLiteral("No findings in this range: 1 trace analysed"));
}

void TestWorkbenchLinking::logTraceLinkOpensTraceAndSpan()
{
    LogTableModel *logs = m_logs->model();
    int linkedRow = -1;
    for (int row = 0; row < logs->rowCount(); ++row) {
        if (logs->index(row, LogTableModel::TraceColumn)
                .data()
                .toString()
                .startsWith(QLatin1String(linkedTraceId, 8)))
            linkedRow = row;
    }
    QVERIFY(linkedRow >= 0);
    auto *table = m_logs->findChild<QTableView *>();
    QVERIFY(table);
    const QModelIndex traceCell = logs->index(linkedRow, LogTableModel::TraceColumn);
    table->scrollTo(traceCell);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(traceCell).center());

    // The traces pane opened that trace with the log's span selected.
    QTRY_VERIFY(m_traces->traceInspector()->trace());
    QCOMPARE(QString::fromStdString(toHex(m_traces->traceInspector()->trace()->traceId)),
             QLatin1String(linkedTraceId));
    QTRY_COMPARE(QString::fromStdString(toHex(m_traces->traceInspector()->selectedSpanId())),
                 QLatin1String(linkedSpanId));
}

void TestWorkbenchLinking::logsOfSpanFilterTheLogsPane()
{
    m_state->selectSpan(*idFromHex<16>(linkedTraceId), *idFromHex<8>(linkedSpanId));
    QTRY_VERIFY(m_traces->traceInspector()->trace());
    QTRY_COMPARE(QString::fromStdString(toHex(m_traces->traceInspector()->selectedSpanId())),
                 QLatin1String(linkedSpanId));
    QPushButton *logsOfSpan = nullptr;
    for (QPushButton *button :
         m_traces->traceInspector()->detailsView()->findChildren<QPushButton *>()) {
        if (button->text().contains(QStringLiteral("this span")))
            logsOfSpan = button;
    }
    QVERIFY(logsOfSpan);
    QTest::mouseClick(logsOfSpan, Qt::LeftButton);
    // Only the one log written inside that span is left.
    QTRY_COMPARE(m_logs->model()->rowCount(), 1);
    QCOMPARE(m_logs->model()->index(0, LogTableModel::TraceColumn).data().toString().left(8),
             QLatin1String(linkedTraceId, 8));
}

void TestWorkbenchLinking::narrowedRangeEmptiesEveryPane()
{
    // A range dragged on any chart ends before the session's data: every pane follows it.
    const TimeRange bounds = *m_store->queries()->timeBounds();
    m_state->setCustomRange(TimeRange{bounds.startNs - 600'000'000'000LL, bounds.startNs - 1});
    QTRY_COMPARE(m_traces->traceListModel()->rowCount(), 0);
    QTRY_COMPARE(m_logs->model()->rowCount(), 0);
    QTRY_COMPARE(m_metrics->browserModel()->rowCount(), 0);
    // And back to everything.
    m_state->setRangePreset(WorkbenchState::RangePreset::All);
    QTRY_COMPARE(m_traces->traceListModel()->rowCount(), 1);
    QTRY_COMPARE(m_logs->model()->rowCount(), 3);
}

void TestWorkbenchLinking::dashboardChartOpensInTheMetricsPane()
{
    // Behind the Findings tab it waits; brought to the front, it offers the SDK's HTTP server.
    // (It was behind a tab from the start, so it has never loaded: its list stays empty.)
    QVERIFY(m_dashboards->visibleRegion().isEmpty());
    QTRY_VERIFY(!m_dashboards->isLoading());
    m_state->noteTelemetryCommitted();
    QVERIFY(m_dashboards->isLoading()); // the reload is scheduled...
    QTRY_VERIFY(!m_dashboards->isLoading());
    QVERIFY(m_dashboards->hasDeferredReload()); // ...and put off, without a query
    QCOMPARE(m_dashboards->listModel()->rowCount(), 0);
    m_window->showPane(WorkbenchWindow::Pane::Dashboards);
    QTRY_VERIFY(!m_dashboards->visibleRegion().isEmpty());
    QTRY_VERIFY(!m_dashboards->hasDeferredReload());
    QTRY_COMPARE(m_dashboards->listModel()->rowCount(), 1);
    QCOMPARE(m_dashboards->listModel()->index(0).data().toString(),
             QStringLiteral("HTTP server · checkout-web"));
    QTRY_VERIFY(!m_dashboards->isLoading());
    DashboardChartTile *latency = nullptr;
    for (DashboardChartTile *tile : m_dashboards->tiles()) {
        if (tile->titleText() == QLatin1String("Latency"))
            latency = tile;
    }
    QVERIFY(latency);
    QTRY_VERIFY(latency->chart()->seriesCount() == 3);
    // Maximised, the dashboard has the window; opening a chart brings the Metrics pane back.
    m_window->toggleMaximized(WorkbenchWindow::Pane::Dashboards);
    QVERIFY(!m_metrics->isVisible());
    QTest::mouseClick(latency->openButton(), Qt::LeftButton);
    QVERIFY(!m_window->isMaximized(WorkbenchWindow::Pane::Dashboards));
    QTRY_VERIFY(m_metrics->isVisible() && !m_metrics->visibleRegion().isEmpty());
    QTRY_VERIFY(m_metrics->chartPanel()->metricKey().contains(
        QLatin1String("http.server.request.duration")));
    QVERIFY(m_metrics->chartPanel()->metricKey().startsWith(QLatin1String("checkout-web")));
}

void TestWorkbenchLinking::screenshotShowsAllPanes()
{
    m_state->selectSpan(*idFromHex<16>(linkedTraceId), *idFromHex<8>(linkedSpanId));
    QTRY_VERIFY(m_traces->traceInspector()->trace());
    QTest::qWait(100); // let the queued chart replots run
    const QImage shot = m_window->grab().toImage();
    const QString path = QDir(QStringLiteral(QT_TESTCASE_BUILDDIR))
                             .filePath(QStringLiteral("workbench_smoke.png"));
    QVERIFY(shot.save(path));
    // Each pane's dock is drawn with real content: many colours, not a blank area. A pane behind
    // a tab (Dashboards, beside Findings; moved out of the area) is brought to the front and
    // grabbed again.
    for (int i = 0; i < WorkbenchWindow::paneCount; ++i) {
        const auto pane = static_cast<WorkbenchWindow::Pane>(i);
        QDockWidget *dock = m_window->paneDock(pane);
        QImage image = shot;
        if (dock->widget()->visibleRegion().isEmpty()) {
            m_window->showPane(pane);
            QTRY_VERIFY(!dock->widget()->visibleRegion().isEmpty());
            QTRY_VERIFY(!m_dashboards->isLoading());
            QTRY_VERIFY(m_serviceMap->visibleRegion().isEmpty()
                        || (m_serviceMap->completedBuilds() > 0 && !m_serviceMap->isBuilding()));
            QTest::qWait(100);
            image = m_window->grab().toImage();
        }
        const QRect area(dock->mapTo(m_window.get(), QPoint(0, 0)), dock->size());
        QVERIFY2(kansoku::test::distinctColours(image, area, 3) > 40,
                 qPrintable(dock->windowTitle()));
    }
}

QTEST_MAIN(TestWorkbenchLinking)
#include "tst_workbench_linking.moc"
