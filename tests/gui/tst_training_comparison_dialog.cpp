// The training's before/after dialog over a hand-built RunComparison: the incident's endpoint
// leads (whatever its impact), statement rows and one-sided rows stay out, the figures read
// "before → after (change)", and the findings the fix removed are named.
#include "run_comparison_table.h"
#include "training_comparison_dialog.h"

#include <QTableWidget>
#include <QTest>

using namespace kansoku;

namespace {

constexpr double Ms = 1'000'000;

ComparisonRow operationRow(std::string operation, double p95BeforeMs, double p95AfterMs,
                           double callsBefore, double callsAfter,
                           RowPresence presence = RowPresence::Both)
{
    ComparisonRow row;
    row.presence = presence;
    row.service = "shop-api";
    row.operation = std::move(operation);
    row.requestsBefore = 300;
    row.requestsAfter = 120;
    row.p50Ns = MetricChange::between(p95BeforeMs * Ms / 2, p95AfterMs * Ms / 2);
    row.p95Ns = MetricChange::between(p95BeforeMs * Ms, p95AfterMs * Ms);
    row.callsPerRequest = MetricChange::between(callsBefore, callsAfter);
    row.errorRate = MetricChange::between(0.02, 0);
    return row;
}

FindingComparison finding(FindingStatus status, std::string title)
{
    FindingSummary summary;
    summary.title = std::move(title);
    summary.severity = FindingSeverity::High;
    FindingComparison comparison;
    comparison.status = status;
    if (status != FindingStatus::New)
        comparison.before = summary;
    if (status != FindingStatus::Fixed)
        comparison.after = summary;
    return comparison;
}

} // namespace

class TestTrainingComparisonDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void focusLeadsAndFiguresRead();
    void nothingToCompareYet();
    void changeTexts();
};

void TestTrainingComparisonDialog::focusLeadsAndFiguresRead()
{
    RunComparison comparison;
    comparison.rows.push_back(operationRow("GET /products", 10, 30, 1, 1));
    ComparisonRow statement = operationRow("GET /orders/:id", 5, 1, 14, 1);
    statement.kind = ComparisonRowKind::Statement;
    statement.statement = "SELECT 1";
    comparison.rows.push_back(statement);
    comparison.rows.push_back(operationRow("GET /gone", 5, 0, 1, 0, RowPresence::Vanished));
    comparison.rows.push_back(operationRow("GET /orders/:id", 40, 10, 15, 3));
    comparison.findings.push_back(finding(FindingStatus::Fixed, "N+1 on order_items"));
    comparison.findings.push_back(finding(FindingStatus::Persisting, "Slow report"));

    TrainingComparisonDialog dialog;
    dialog.setComparison(comparison, "shop-api", "GET /orders/:id");
    QCOMPARE(dialog.table()->rowCount(), 2);
    QCOMPARE(dialog.table()->item(0, 0)->text(), QStringLiteral("GET /orders/:id (shop-api)"));
    QVERIFY(dialog.table()->item(0, 0)->font().bold());
    QCOMPARE(dialog.table()->item(1, 0)->text(), QStringLiteral("GET /products (shop-api)"));
    QVERIFY(!dialog.table()->item(1, 0)->font().bold());
    QCOMPARE(dialog.table()->item(0, 1)->text(), QStringLiteral("300 → 120"));
    QCOMPARE(dialog.table()->item(0, 3)->text(), QStringLiteral("40 ms → 10 ms (−75%)"));
    QCOMPARE(dialog.table()->item(0, 4)->text(), QStringLiteral("15.00 → 3.00 (−80%)"));
    QCOMPARE(dialog.table()->item(0, 5)->text(), QStringLiteral("2.0% → 0.0%"));
    QVERIFY(dialog.headlineRow());
    QCOMPARE(dialog.headlineRow()->operation, std::string("GET /orders/:id"));
    QVERIFY(dialog.headlineText().contains(QStringLiteral("p95 40 ms → 10 ms (−75%)")));
    QCOMPARE(dialog.findingsText(), QStringLiteral("Gone after the fix: N+1 on order_items\n"
                                                   "Still found: Slow report"));

    // Without a focus the endpoint with the largest impact (the first row) leads.
    dialog.setComparison(comparison, "report-worker", {});
    QCOMPARE(dialog.headlineRow()->operation, std::string("GET /products"));
    QVERIFY(!dialog.table()->item(0, 0)->font().bold());
}

void TestTrainingComparisonDialog::nothingToCompareYet()
{
    TrainingComparisonDialog dialog;
    dialog.setComparison(RunComparison{}, "shop-api", "GET /orders/:id");
    QCOMPARE(dialog.table()->rowCount(), 0);
    QVERIFY(!dialog.headlineRow());
    QVERIFY(dialog.headlineText().contains(QStringLiteral("Not enough requests")));
    QCOMPARE(dialog.findingsText(), QStringLiteral("No finding went away."));
}

void TestTrainingComparisonDialog::changeTexts()
{
    QCOMPARE(RunComparisonTable::numberChange(MetricChange::between(0, 2)),
             QStringLiteral("0.00 → 2.00"));
    QCOMPARE(RunComparisonTable::numberChange(MetricChange::between(2, 3), 1),
             QStringLiteral("2.0 → 3.0 (+50%)"));
    QCOMPARE(RunComparisonTable::durationChange(MetricChange::between(1.5e9, 1.5e9)),
             QStringLiteral("1.5 s → 1.5 s (+0%)"));
    QCOMPARE(RunComparisonTable::numberChange(MetricChange::between(1000, 996)),
             QStringLiteral("1000.00 → 996.00 (+0%)"));
    QCOMPARE(RunComparisonTable::numberChange(MetricChange::between(1000, 994)),
             QStringLiteral("1000.00 → 994.00 (−1%)"));
}

QTEST_MAIN(TestTrainingComparisonDialog)
#include "tst_training_comparison_dialog.moc"
