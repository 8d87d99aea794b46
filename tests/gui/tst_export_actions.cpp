// The panes' Export… menus driven as a user would, with the file dialog replaced by a fixed path:
// the logs pane writes every log of the search (more than the table has loaded) as OTLP JSON lines
// and as CSV, the traces pane the selected traces, the trace view its trace, the metrics pane the
// shown metric's streams, the chart's points and PNG/SVG/PDF images; a write failure names the
// file.
#include "chart_view.h"
#include "export_control.h"
#include "logs_pane.h"
#include "metric_chart_panel.h"
#include "metrics_pane.h"
#include "metrics_test_data.h"
#include "otlp_decoder.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"
#include "trace_inspector.h"
#include "traces_pane.h"
#include "view/log_table_model.h"
#include "view/metric_browser_model.h"
#include "view/trace_list_model.h"
#include "view/workbench_state.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QMenu>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <set>

using namespace kansoku;

namespace {

constexpr std::int64_t logBaseNs = 1'760'000'000'000'000'000;
constexpr int logCount = 2500; // more than the table loads and than one export page

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Decodes every line of an OTLP JSON lines file into one batch; fails the test on a bad line.
TelemetryBatch decodeLines(const QString &path, TelemetrySignal signal)
{
    TelemetryBatch all;
    for (const QByteArray &line : readAll(path).split('\n')) {
        if (line.isEmpty())
            continue;
        const OtlpDecodeResult decoded = OtlpDecoder::decode(
            signal, OtlpEncoding::Json,
            std::string_view(line.constData(), static_cast<std::size_t>(line.size())));
        if (!decoded.ok)
            qFatal("bad exported line: %s", decoded.errorMessage.c_str());
        all.resourceSpans.insert(all.resourceSpans.end(), decoded.batch->resourceSpans.begin(),
                                 decoded.batch->resourceSpans.end());
        all.resourceLogs.insert(all.resourceLogs.end(), decoded.batch->resourceLogs.begin(),
                                decoded.batch->resourceLogs.end());
        all.resourceMetrics.insert(all.resourceMetrics.end(),
                                   decoded.batch->resourceMetrics.begin(),
                                   decoded.batch->resourceMetrics.end());
    }
    return all;
}

// A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<QStringList> parseCsv(const QString &text)
{
    std::vector<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size()
                && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row.append(field);
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size()
                   && text.at(i + 1) == QLatin1Char('\n')) {
            row.append(field);
            field.clear();
            rows.push_back(row);
            row.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

QAction *findAction(ExportControl *control, const QString &prefix)
{
    for (QAction *action : control->button()->menu()->actions()) {
        if (action->text().startsWith(prefix))
            return action;
    }
    qFatal("no export action %s", qPrintable(prefix));
}

} // namespace

class TestExportActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void logsPaneExportsTheWholeSearchResult();
    void logsPaneReportsWriteFailure();
    void tracesPaneExportsSelectedTracesAndTraceInspector();
    void metricsPaneExportsStreamsPointsAndImages();

private:
    // Triggers the action with the file dialog answering path; waits for the confirmation.
    bool runExport(ExportControl *control, const QString &actionPrefix, const QString &path);

    QTemporaryDir m_dir;
    std::unique_ptr<TelemetryStore> m_store;
};

void TestExportActions::initTestCase()
{
    QVERIFY(m_dir.isValid());
    StorageOptions options;
    options.databasePath = m_dir.filePath(QStringLiteral("export.kansoku"));
    options.commitMaxLatencyMs = 5;
    m_store = std::make_unique<TelemetryStore>(options);
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));

    std::vector<LogRecord> logs;
    for (int i = 0; i < logCount; ++i) {
        // Every other log is an error; some bodies need CSV quoting.
        const std::string body
            = i % 5 == 0 ? "payment \"declined\", retry\nnext line" : "log " + std::to_string(i);
        logs.push_back(testdata::log(logBaseNs + i * 1000, i % 2 == 0 ? 17 : 9,
                                     AnyValue::fromString(body), {{"n", AnyValue::fromInt(i)}}));
    }
    QCOMPARE(testdata::offerPatiently(
                 *m_store, testdata::logBatch(testdata::resource("checkout"), std::move(logs))),
             OfferResult::Accepted);
    for (std::uint64_t t = 1; t <= 5; ++t) {
        const TraceId trace = testdata::traceId(t);
        const std::int64_t start = logBaseNs + static_cast<std::int64_t>(t) * 1'000'000'000;
        std::vector<Span> spans{
            testdata::span(trace, testdata::spanId(t * 10), {}, "GET /t", start, start + 5000000),
            testdata::span(trace, testdata::spanId(t * 10 + 1), testdata::spanId(t * 10), "db",
                           start + 1000, start + 2000)};
        QCOMPARE(testdata::offerPatiently(
                     *m_store, testdata::spanBatch(testdata::resource("frontend"), spans)),
                 OfferResult::Accepted);
    }
    for (const TelemetryBatchPtr &batch : metricsdata::batches(0, 40))
        QCOMPARE(testdata::offerPatiently(*m_store, batch), OfferResult::Accepted);
    QTRY_COMPARE(m_store->status().queuedItems, std::int64_t(0));
}

bool TestExportActions::runExport(ExportControl *control, const QString &actionPrefix,
                                  const QString &path)
{
    control->setPathProvider(
        [path](const QString &, const QString &, const QString &) { return path; });
    QSignalSpy finished(control, &ExportControl::exportFinished);
    findAction(control, actionPrefix)->trigger();
    if (finished.isEmpty() && !finished.wait(30000))
        return false;
    return finished.first().at(0).toBool();
}

void TestExportActions::logsPaneExportsTheWholeSearchResult()
{
    WorkbenchState state;
    LogsPane pane(&state, m_store->queries());
    pane.show();
    auto *severity = pane.findChild<QComboBox *>(QStringLiteral("logSeverity"));
    severity->setCurrentIndex(severity->findData(17));
    QTRY_VERIFY(pane.model()->rowCount() > 0);
    QVERIFY(pane.model()->rowCount() < logCount / 2); // the table holds only a first page

    const QString jsonPath = m_dir.filePath(QStringLiteral("errors.jsonl"));
    QVERIFY(runExport(pane.exportControl(), QStringLiteral("Export results as OTLP"), jsonPath));
    QVERIFY2(pane.exportControl()->statusText().startsWith(
                 QStringLiteral("Exported %1 logs to").arg(QLocale().toString(logCount / 2))),
             qPrintable(pane.exportControl()->statusText()));
    QVERIFY(pane.exportControl()->statusText().contains(QStringLiteral("errors.jsonl")));
    const TelemetryBatch exported = decodeLines(jsonPath, TelemetrySignal::Logs);
    QCOMPARE(exported.logRecordCount(), std::size_t(logCount / 2));
    std::set<std::int64_t> numbers;
    for (const ResourceLogs &resourceLogs : exported.resourceLogs) {
        QCOMPARE(resourceLogs.resource.serviceName(), std::string("checkout"));
        for (const ScopeLogs &scopeLogs : resourceLogs.scopeLogs) {
            for (const LogRecord &record : scopeLogs.logRecords) {
                QCOMPARE(record.severityNumber, 17);
                numbers.insert(findAttribute(record.attributes, "n")->intValue());
            }
        }
    }
    QCOMPARE(numbers.size(), std::size_t(logCount / 2));

    const QString csvPath = m_dir.filePath(QStringLiteral("errors.csv"));
    QVERIFY(runExport(pane.exportControl(), QStringLiteral("Export results as CSV"), csvPath));
    const std::vector<QStringList> rows = parseCsv(QString::fromUtf8(readAll(csvPath)));
    QCOMPARE(rows.size(), std::size_t(logCount / 2 + 1));
    QCOMPARE(rows.front(), (QStringList{QStringLiteral("time"), QStringLiteral("severity"),
                                        QStringLiteral("service"), QStringLiteral("body"),
                                        QStringLiteral("trace_id"), QStringLiteral("span_id"),
                                        QStringLiteral("attributes")}));
    // Newest first: the last error log (n = 2498) has a plain body, n = 2490 the quoted one.
    QCOMPARE(rows[1].at(0), QStringLiteral("2025-10-09T08:53:20.002498000Z"));
    QCOMPARE(rows[1].at(1), QStringLiteral("ERROR"));
    QCOMPARE(rows[1].at(2), QStringLiteral("checkout"));
    QCOMPARE(rows[1].at(3), QStringLiteral("log 2498"));
    QCOMPARE(rows[1].at(6), QStringLiteral(R"([{"key":"n","value":{"intValue":"2498"}}])"));
    QCOMPARE(rows[5].at(3), QStringLiteral("payment \"declined\", retry\nnext line"));
}

void TestExportActions::logsPaneReportsWriteFailure()
{
    WorkbenchState state;
    LogsPane pane(&state, m_store->queries());
    QTRY_VERIFY(pane.model()->rowCount() > 0);
    const QString badPath = m_dir.filePath(QStringLiteral("no/such/dir/logs.jsonl"));
    QVERIFY(!runExport(pane.exportControl(), QStringLiteral("Export results as OTLP"), badPath));
    QVERIFY2(
        pane.exportControl()->statusText().startsWith(QStringLiteral("Cannot write ") + badPath),
        qPrintable(pane.exportControl()->statusText()));
    QVERIFY(!QFile::exists(badPath));
}

void TestExportActions::tracesPaneExportsSelectedTracesAndTraceInspector()
{
    WorkbenchState state;
    TracesPane pane(&state, m_store->queries());
    pane.resize(1100, 900);
    pane.show();
    QTRY_COMPARE(pane.traceListModel()->rowCount(), 5);

    // Nothing selected: a message, no file.
    const QString path = m_dir.filePath(QStringLiteral("selected.jsonl"));
    QVERIFY(!runExport(pane.exportControl(), QStringLiteral("Export selected traces"), path));
    QVERIFY(!QFile::exists(path));

    // Click one row, Ctrl+click another, as a user selects several traces.
    QTableView *table = pane.traceTable();
    const auto rowCenter = [table](int row) {
        return table->visualRect(table->model()->index(row, 1)).center();
    };
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rowCenter(1));
    QTRY_VERIFY(pane.traceInspector()->trace() != nullptr);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier, rowCenter(3));
    QTRY_VERIFY(pane.traceInspector()->trace()->traceId
                == pane.traceListModel()->summary(3).traceId);
    const std::set<TraceId> wanted{pane.traceListModel()->summary(1).traceId,
                                   pane.traceListModel()->summary(3).traceId};
    QCOMPARE(pane.selectedTraceIds().size(), std::size_t(2));
    QVERIFY(runExport(pane.exportControl(), QStringLiteral("Export selected traces"), path));
    QVERIFY(pane.exportControl()->statusText().startsWith(QStringLiteral("Exported 4 spans to")));
    const TelemetryBatch exported = decodeLines(path, TelemetrySignal::Traces);
    std::set<TraceId> written;
    for (const ResourceSpans &resourceSpans : exported.resourceSpans) {
        QCOMPARE(resourceSpans.schemaUrl, std::string("https://opentelemetry.io/schemas/1.21.0"));
        for (const ScopeSpans &scopeSpans : resourceSpans.scopeSpans) {
            for (const Span &span : scopeSpans.spans)
                written.insert(span.traceId);
        }
    }
    QVERIFY(written == wanted);
    QCOMPARE(exported.spanCount(), std::size_t(4));

    // The open trace, from the trace view.
    QTRY_VERIFY(pane.traceInspector()->trace() != nullptr);
    const TraceId open = pane.traceInspector()->trace()->traceId;
    const QString tracePath = m_dir.filePath(QStringLiteral("open.jsonl"));
    QVERIFY(runExport(pane.traceInspector()->exportControl(), QStringLiteral("Export this trace"),
                      tracePath));
    const TelemetryBatch one = decodeLines(tracePath, TelemetrySignal::Traces);
    QCOMPARE(one.spanCount(), std::size_t(2));
    QVERIFY(one.resourceSpans.front().scopeSpans.front().spans.front().traceId == open);

    const QString scatterPath = m_dir.filePath(QStringLiteral("scatter.png"));
    QVERIFY(runExport(pane.exportControl(), QStringLiteral("Export duration scatter as PNG"),
                      scatterPath));
    QVERIFY(readAll(scatterPath).startsWith("\x89PNG\r\n\x1a\n"));
}

void TestExportActions::metricsPaneExportsStreamsPointsAndImages()
{
    WorkbenchState state;
    state.setDataBounds(m_store->queries()->timeBounds());
    MetricsPane pane(&state, m_store->queries());
    pane.resize(1200, 800);
    pane.show();
    QTRY_VERIFY(!pane.chartPanel()->metricKey().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!pane.isLoading() && pane.chartPanel()->chart()->seriesCount() > 0,
                             10000);
    const MetricEntry *entry = pane.browserModel()->metricAt(
        pane.browserModel()->indexOfKey(pane.chartPanel()->metricKey()));
    QVERIFY(entry);
    std::int64_t expectedPoints = 0;
    for (const MetricStream &stream : entry->streams) {
        MetricPointQuery query;
        query.streamId = stream.streamId;
        query.range = state.timeRange();
        expectedPoints
            += static_cast<std::int64_t>(m_store->queries()->metricPoints(query)->pointCount());
    }
    QVERIFY(expectedPoints > 0);

    const QString streamsPath = m_dir.filePath(QStringLiteral("streams.jsonl"));
    QVERIFY(runExport(pane.exportControl(), QStringLiteral("Export streams"), streamsPath));
    const TelemetryBatch exported = decodeLines(streamsPath, TelemetrySignal::Metrics);
    QCOMPARE(static_cast<std::int64_t>(exported.dataPointCount()), expectedPoints);
    for (const ResourceMetrics &resourceMetrics : exported.resourceMetrics) {
        const Metric &metric = resourceMetrics.scopeMetrics.front().metrics.front();
        QCOMPARE(metric.name, entry->name);
        QVERIFY(metric.type == entry->type);
    }

    const QString csvPath = m_dir.filePath(QStringLiteral("points.csv"));
    QVERIFY(runExport(pane.exportControl(), QStringLiteral("Export chart points"), csvPath));
    const std::vector<QStringList> rows = parseCsv(QString::fromUtf8(readAll(csvPath)));
    QCOMPARE(rows.front(), (QStringList{QStringLiteral("time"), QStringLiteral("series"),
                                        QStringLiteral("value")}));
    const ChartView *chart = pane.chartPanel()->chart();
    std::size_t shownPoints = 0;
    for (int i = 0; i < chart->seriesCount(); ++i) {
        for (double value : chart->series(i).values)
            shownPoints += std::isnan(value) ? 0 : 1;
    }
    QCOMPARE(rows.size(), shownPoints + 1);
    QCOMPARE(rows[1].at(1), chart->series(0).name);

    const QList<std::pair<QString, QByteArray>> images{
        {QStringLiteral("PNG"), QByteArray("\x89PNG\r\n\x1a\n")},
        {QStringLiteral("SVG"), QByteArray("<?xml")},
        {QStringLiteral("PDF"), QByteArray("%PDF-")}};
    for (const auto &[format, magic] : images) {
        const QString path = m_dir.filePath(QStringLiteral("chart.") + format.toLower());
        QVERIFY(runExport(pane.exportControl(), QStringLiteral("Export chart as ") + format, path));
        const QByteArray bytes = readAll(path);
        QVERIFY2(bytes.startsWith(magic), qPrintable(format));
        QVERIFY2(bytes.size() > 1000, qPrintable(format));
        if (format == QLatin1String("SVG"))
            QVERIFY(bytes.contains("<svg") && bytes.contains("</svg>"));
    }
}

QTEST_MAIN(TestExportActions)
#include "tst_export_actions.moc"
