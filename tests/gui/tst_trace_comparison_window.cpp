// The "Compare traces" window over a real store: an N+1 trace against its fix, the "only
// differences" filter, and a trace that is not in the session.
#include "support/storage_test_data.h"
#include "telemetry_store.h"
#include "trace_comparison_window.h"
#include "ui_language.h"
#include "view/trace_comparison_model.h"

#include <QCheckBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace kansoku;
using namespace kansoku::testdata;

namespace {

constexpr std::int64_t msNs = 1'000'000;
constexpr std::int64_t baseNs = 1'760'000'000'000'000'000;

// Trace 1: GET /orders/{id} with one order query and six item queries one by one; trace 2: the
// same request with one batched item query.
void writeTraces(TelemetryStore &store)
{
    std::vector<Span> frontend;
    std::vector<Span> db;
    const TraceId before = traceId(1);
    frontend.push_back(span(before, spanId(1), {}, "GET /orders/{id}", baseNs, baseNs + 30 * msNs));
    db.push_back(
        span(before, spanId(2), spanId(1), "SELECT orders", baseNs + msNs, baseNs + 2 * msNs));
    for (std::uint64_t i = 0; i < 6; ++i) {
        const std::int64_t start = baseNs + std::int64_t(3 + 4 * i) * msNs;
        db.push_back(
            span(before, spanId(10 + i), spanId(1), "SELECT items", start, start + 3 * msNs));
    }
    const TraceId after = traceId(2);
    const std::int64_t afterStart = baseNs + 1000 * msNs;
    frontend.push_back(
        span(after, spanId(1), {}, "GET /orders/{id}", afterStart, afterStart + 8 * msNs));
    db.push_back(span(after, spanId(2), spanId(1), "SELECT orders", afterStart + msNs,
                      afterStart + 2 * msNs));
    db.push_back(span(after, spanId(3), spanId(1), "SELECT items IN", afterStart + 3 * msNs,
                      afterStart + 6 * msNs));
    testdata::offerPatiently(store, spanBatch(resource("frontend"), std::move(frontend)));
    testdata::offerPatiently(store, spanBatch(resource("db"), std::move(db)));
}

QStringList visibleOperations(QTreeView *tree)
{
    QStringList names;
    const QAbstractItemModel *model = tree->model();
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            names << index.data().toString();
            walk(index);
        }
    };
    walk({});
    return names;
}

} // namespace

class TestTraceComparisonWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void comparesAnNPlusOneWithItsFix();
    void onlyDifferencesKeepsChangedRowsAndTheirCallers();
    void missingTraceSaysSo();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TelemetryStore> m_store;
};

void TestTraceComparisonWindow::initTestCase()
{
    // The English plural forms ("1 operation", "8 spans"), as the app installs them.
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English));
    StorageOptions options;
    options.databasePath = m_dir.filePath(QStringLiteral("compare.kansoku"));
    options.commitMaxLatencyMs = 10;
    m_store = std::make_unique<TelemetryStore>(options);
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    writeTraces(*m_store);
    QTRY_COMPARE(m_store->queries()->totals().spans, std::int64_t(11));
}

void TestTraceComparisonWindow::comparesAnNPlusOneWithItsFix()
{
    TraceComparisonWindow window(m_store->queries(), traceId(1), traceId(2));
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    QSignalSpy loaded(&window, &TraceComparisonWindow::loaded);
    window.show();
    QVERIFY(loaded.wait(10000));
    QVERIFY(!window.isLoading());

    const TraceComparisonModel *model = window.model();
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex root = model->index(0, 0);
    QCOMPARE(root.data().toString(), QStringLiteral("frontend: GET /orders/{id}"));
    QCOMPARE(model->index(0, TraceComparisonModel::TimeChangeColumn).data().toString(),
             QStringLiteral("−22 ms"));
    QCOMPARE(visibleOperations(window.tree()),
             (QStringList{QStringLiteral("frontend: GET /orders/{id}"),
                          QStringLiteral("db: SELECT orders"), QStringLiteral("db: SELECT items"),
                          QStringLiteral("db: SELECT items IN")}));
    const QModelIndex items = model->index(1, TraceComparisonModel::CallsChangeColumn, root);
    QCOMPARE(items.data().toString(), QStringLiteral("-6"));
    const QLabel *summary = window.findChild<QLabel *>();
    QVERIFY(summary);
    QVERIFY2(summary->text().contains(QStringLiteral(", 8 spans &nbsp; · &nbsp; <b>B</b>")),
             qPrintable(summary->text()));
    QVERIFY2(summary->text().contains(QLatin1String(", 3 spans<br>")), qPrintable(summary->text()));
    QVERIFY2(summary->text().contains(
                 QLatin1String("<br>1 operation only in A (struck out), 1 only in B (blue)")),
             qPrintable(summary->text()));
    QVERIFY(window.windowTitle().startsWith(QLatin1String("Compare traces")));
}

void TestTraceComparisonWindow::onlyDifferencesKeepsChangedRowsAndTheirCallers()
{
    TraceComparisonWindow window(m_store->queries(), traceId(1), traceId(2));
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    QSignalSpy loaded(&window, &TraceComparisonWindow::loaded);
    QVERIFY(loaded.wait(10000));
    window.setOnlyDifferences(true);
    // SELECT orders took 1 ms in both traces: it goes; the root stays as the changed rows' caller.
    QCOMPARE(
        visibleOperations(window.tree()),
        (QStringList{QStringLiteral("frontend: GET /orders/{id}"),
                     QStringLiteral("db: SELECT items"), QStringLiteral("db: SELECT items IN")}));
    QVERIFY(window.findChild<QCheckBox *>()->isChecked());
    window.setOnlyDifferences(false);
    QCOMPARE(visibleOperations(window.tree()).size(), 4);
}

void TestTraceComparisonWindow::missingTraceSaysSo()
{
    TraceComparisonWindow window(m_store->queries(), traceId(1), traceId(99));
    window.setAttribute(Qt::WA_DeleteOnClose, false);
    QSignalSpy loaded(&window, &TraceComparisonWindow::loaded);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(window.model()->rowCount(), 0);
    const QLabel *summary = window.findChild<QLabel *>();
    QVERIFY2(summary->text().contains(QString::fromStdString(toHex(traceId(99)))),
             qPrintable(summary->text()));
}

QTEST_MAIN(TestTraceComparisonWindow)
#include "tst_trace_comparison_window.moc"
