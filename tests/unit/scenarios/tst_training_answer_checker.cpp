// The learner's answer check: the cause is right with its explanation, a symptom is close with
// its own, anything else is not it with the task as a nudge; in both languages.
#include "scenarios/scenario_catalog.h"
#include "scenarios/training_answer_checker.h"

#include <QTest>

using namespace kansoku;

namespace {

constexpr std::int64_t Second = 1'000'000'000;
const ScenarioTimeline timeline{1000 * Second, 1300 * Second};

Finding finding(FindingKind kind, std::string service, std::string operation, std::string statement,
                std::string title = {}, TimeRange range = {1000 * Second, 1300 * Second})
{
    Finding f;
    f.kind = kind;
    f.service = std::move(service);
    f.operation = std::move(operation);
    f.statement = std::move(statement);
    f.title = std::move(title);
    f.range = range;
    f.severity = FindingSeverity::High;
    return f;
}

} // namespace

Q_DECLARE_METATYPE(Finding)

class TestTrainingAnswerChecker : public QObject
{
    Q_OBJECT

private slots:
    void checkFinding_data();
    void checkFinding();
    void checkMetric();
    void japanese();
    void healthyHasNothingToFind();
};

void TestTrainingAnswerChecker::checkFinding_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<Finding>("answer");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QString>("explanationContains");

    QTest::newRow("n+1 right") << QStringLiteral("n-plus-one")
                               << finding(FindingKind::NPlusOne, "shop-api", "GET /orders/:id",
                                          "SELECT id FROM order_items WHERE id = ?")
                               << int(TrainingVerdict::Right) << QStringLiteral("20 round trips");
    QTest::newRow("n+1 other endpoint")
        << QStringLiteral("n-plus-one")
        << finding(FindingKind::NPlusOne, "shop-api", "GET /products",
                   "SELECT id FROM order_items WHERE id = ?")
        << int(TrainingVerdict::NotIt) << QStringLiteral("Find which query runs how often");
    QTest::newRow("n+1 wrong kind")
        << QStringLiteral("n-plus-one")
        << finding(FindingKind::SlowQuery, "shop-api", "GET /orders/:id",
                   "SELECT id FROM order_items WHERE id = ?")
        << int(TrainingVerdict::NotIt) << QStringLiteral("Read the task again");
    QTest::newRow("lock wait right")
        << QStringLiteral("version-lock")
        << finding(FindingKind::LockWait, "shop-api", "POST /orders/:id/pay",
                   "SELECT balance FROM accounts WHERE id = ? FOR UPDATE")
        << int(TrainingVerdict::Right) << QStringLiteral("every other v1.4.2 payment queues");
    QTest::newRow("version regression right")
        << QStringLiteral("version-lock")
        << finding(FindingKind::VersionRegression, "shop-api", "POST /orders/:id/pay", {},
                   "POST /orders/:id/pay is slower on 1.4.2")
        << int(TrainingVerdict::Right) << QStringLiteral("the lock v1.4.2 holds");
    QTest::newRow("slow FOR UPDATE is a symptom")
        << QStringLiteral("version-lock")
        << finding(FindingKind::SlowQuery, "shop-api", "POST /orders/:id/pay",
                   "SELECT balance FROM accounts WHERE id = ? FOR UPDATE")
        << int(TrainingVerdict::Symptom) << QStringLiteral("only because it waits for the lock");
    QTest::newRow("spike in its phase")
        << QStringLiteral("traffic-spike")
        << finding(FindingKind::ErrorHotspot, "shop-api", "GET /products", {}, {},
                   TimeRange{1120 * Second, 1180 * Second})
        << int(TrainingVerdict::Right) << QStringLiteral("pg-pool.connect");
    QTest::newRow("errors outside the spike")
        << QStringLiteral("traffic-spike")
        << finding(FindingKind::ErrorHotspot, "shop-api", "GET /products", {}, {},
                   TimeRange{1000 * Second, 1050 * Second})
        << int(TrainingVerdict::NotIt) << QStringLiteral("Find when it happened");
    QTest::newRow("slow call to inventory is a symptom")
        << QStringLiteral("syn-backlog")
        << finding(FindingKind::SlowQuery, "shop-api", "POST /checkout",
                   "POST http://inventory:8080/reserve")
        << int(TrainingVerdict::Symptom) << QStringLiteral("because its connect is");
}

void TestTrainingAnswerChecker::checkFinding()
{
    QFETCH(QString, scenario);
    QFETCH(Finding, answer);
    QFETCH(int, verdict);
    QFETCH(QString, explanationContains);
    const TrainingAnswerChecker checker(ScenarioCatalog::find(scenario.toStdString()), timeline);
    const TrainingAnswer result = checker.checkFinding(answer, TrainingLanguage::English);
    QCOMPARE(int(result.verdict), verdict);
    QVERIFY2(QString::fromStdString(result.explanation).contains(explanationContains),
             result.explanation.c_str());
    const char *headings[] = {"Right.", "Close: this is a symptom, not the cause.", "Not it."};
    QCOMPARE(result.heading, std::string(headings[verdict]));
}

void TestTrainingAnswerChecker::checkMetric()
{
    const TrainingAnswerChecker syn(ScenarioCatalog::find("syn-backlog"), timeline);
    const TrainingAnswer overflows
        = syn.checkMetric("node_netstat_TcpExt_ListenOverflows", {}, TrainingLanguage::English);
    QCOMPARE(overflows.verdict, TrainingVerdict::Right);
    QVERIFY(QString::fromStdString(overflows.explanation).contains(QStringLiteral("accept queue")));
    QCOMPARE(syn.checkMetric("http.server.request.duration", "shop-api", TrainingLanguage::English)
                 .verdict,
             TrainingVerdict::NotIt);

    const TrainingAnswerChecker scheduler(ScenarioCatalog::find("scheduler-delay"), timeline);
    QCOMPARE(
        scheduler.checkMetric("scheduler_pending_pods", "kube-scheduler", TrainingLanguage::English)
            .verdict,
        TrainingVerdict::Right);
    // The expectation names its reporting service: the same name elsewhere is not it.
    QCOMPARE(
        scheduler.checkMetric("scheduler_pending_pods", "report-worker", TrainingLanguage::English)
            .verdict,
        TrainingVerdict::NotIt);
}

void TestTrainingAnswerChecker::japanese()
{
    const TrainingAnswerChecker checker(ScenarioCatalog::find("n-plus-one"), timeline);
    const TrainingAnswer right
        = checker.checkFinding(finding(FindingKind::NPlusOne, "shop-api", "GET /orders/:id",
                                       "SELECT id FROM order_items WHERE id = ?"),
                               TrainingLanguage::Japanese);
    QCOMPARE(right.verdict, TrainingVerdict::Right);
    QCOMPARE(right.heading,
             TrainingTexts::line(TrainingTexts::Line::Right, TrainingLanguage::Japanese));
    QVERIFY(QString::fromStdString(right.explanation).contains(QStringLiteral("往復が 20 回")));
    const TrainingAnswer wrong
        = checker.checkFinding(finding(FindingKind::FanOut, "shop-api", "GET /orders/:id", {}),
                               TrainingLanguage::Japanese);
    QCOMPARE(wrong.verdict, TrainingVerdict::NotIt);
    QVERIFY(QString::fromStdString(wrong.explanation)
                .endsWith(QString::fromStdString(
                    TrainingTexts::briefing(*ScenarioCatalog::find("n-plus-one"),
                                            TrainingLanguage::Japanese)
                        .task)));
}

void TestTrainingAnswerChecker::healthyHasNothingToFind()
{
    const TrainingAnswerChecker checker(ScenarioCatalog::find("healthy"), timeline);
    const TrainingAnswer answer = checker.checkFinding(
        finding(FindingKind::SlowQuery, "shop-api", "GET /reports/sales", "SELECT 1"),
        TrainingLanguage::English);
    QCOMPARE(answer.verdict, TrainingVerdict::NotIt);
    QCOMPARE(answer.explanation,
             TrainingTexts::line(TrainingTexts::Line::NothingWrong, TrainingLanguage::English));
}

QTEST_GUILESS_MAIN(TestTrainingAnswerChecker)
#include "tst_training_answer_checker.moc"
