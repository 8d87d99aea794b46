#include "analysis/run_comparison.h"
#include "analysis/run_profile_builder.h"
#include "support/analysis_trace_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;

class TestRunComparison : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixedNPlusOneImproves();
    void introducedNPlusOneIsWorse();
    void equalRunsAreNotWorse();
    void appearedAndVanishedOperations();
    void thresholdEdge_data();
    void thresholdEdge();
    void smallLatencyChangesIgnored();
    void tooFewSamplesIgnored_data();
    void tooFewSamplesIgnored();
    void callsFromNoneAreWorse();
    void slowerStatementIsWorse();
    void statementWithFewCallsIgnored();
    void errorRateShownNotGated();
    void findingStatusesAndOrder();
    void stableIds();
};

static constexpr std::int64_t Ms = 1'000'000;
static const std::string Service = "shop";
static const std::string NPlusOneSql = "SELECT * FROM items WHERE id = 17";
static const std::string NPlusOneStatement = "SELECT * FROM items WHERE id = ?";
static const std::string BatchSql = "SELECT * FROM items WHERE id IN (17, 18, 19, 20)";
static const std::string BatchStatement = "SELECT * FROM items WHERE id IN (?)";

// count requests of one endpoint of Service, each lasting durationNs and making calls sequential
// calls of sql (callNs each); the first `errors` requests fail.
struct Requests
{
    std::string operation = "GET /orders";
    int count = 10;
    std::int64_t durationNs = 5 * Ms;
    std::string sql;
    int calls = 0;
    std::int64_t callNs = Ms;
    int errors = 0;
};

static RunProfile runOf(const std::vector<Requests> &groups,
                        const std::vector<Finding> &findings = {})
{
    RunProfileBuilder builder;
    std::uint64_t traceNumber = 0;
    for (const Requests &group : groups) {
        for (int i = 0; i < group.count; ++i) {
            AnalysisTraceBuilder trace(++traceNumber);
            const std::int64_t start = std::int64_t(traceNumber) * 100 * Ms;
            const int root
                = trace.server(Service, group.operation, start, start + group.durationNs);
            for (int k = 0; k < group.calls; ++k) {
                const std::int64_t callStart = start + Ms + k * group.callNs;
                trace.db(root, "postgresql", group.sql, callStart, callStart + group.callNs);
            }
            if (i < group.errors)
                trace.error(root);
            const AnalysisTrace built = trace.build();
            builder.addTrace(PreparedTrace(built));
        }
    }
    builder.addFindings(findings);
    return builder.profile();
}

static Finding finding(FindingKind kind, const std::string &operation, FindingSeverity severity,
                       const std::string &title, double costNs = 0)
{
    Finding found;
    found.kind = kind;
    found.service = Service;
    found.operation = operation;
    found.statement = NPlusOneStatement;
    found.severity = severity;
    found.title = title;
    found.costNsPerRequest = costNs;
    return found;
}

static const char *const NPlusOneTitle
    = "GET /orders runs `SELECT * FROM items WHERE id = ?` 50× per request — N+1";

// 10 requests, 50 SELECTs of 1 ms each in 52 ms, with the N+1 finding.
static RunProfile nPlusOneRun()
{
    return runOf({{.durationNs = 52 * Ms, .sql = NPlusOneSql, .calls = 50}},
                 {finding(FindingKind::NPlusOne, "GET /orders", FindingSeverity::High,
                          NPlusOneTitle, 50e6)});
}

// 10 requests, one SELECT ... IN of 3 ms each in 5 ms, no finding.
static RunProfile batchedRun()
{
    return runOf({{.durationNs = 5 * Ms, .sql = BatchSql, .calls = 1, .callNs = 3 * Ms}});
}

static void compareChange(const MetricChange &actual, double before, double after,
                          std::optional<double> percent)
{
    QCOMPARE(actual.before, before);
    QCOMPARE(actual.after, after);
    QCOMPARE(actual.change, after - before);
    QCOMPARE(actual.changePercent.has_value(), percent.has_value());
    if (percent)
        QCOMPARE(*actual.changePercent, *percent);
}

// "operation p95", "statement calls_per_request", "new_finding" per reason, in order.
static QStringList reasonKinds(const RunComparison &comparison)
{
    QStringList kinds;
    for (const WorseReason &reason : comparison.reasons) {
        const QString kind = QString::fromLatin1(worseReasonKindId(reason.kind));
        if (reason.kind == WorseReasonKind::NewFinding)
            kinds << kind;
        else
            kinds << QString::fromLatin1(comparisonRowKindId(comparison.rows[reason.index].kind))
                         + QLatin1Char(' ') + kind;
    }
    return kinds;
}

// "kind presence operation [statement]" per row, in order.
static QStringList rowNames(const RunComparison &comparison)
{
    QStringList names;
    for (const ComparisonRow &row : comparison.rows) {
        QString name = QString::fromLatin1(comparisonRowKindId(row.kind)) + QLatin1Char(' ')
                       + QString::fromLatin1(rowPresenceId(row.presence)) + QLatin1Char(' ')
                       + QString::fromStdString(row.operation);
        if (!row.statement.empty())
            name += QStringLiteral(" [") + QString::fromStdString(row.statement) + QLatin1Char(']');
        names << name;
    }
    return names;
}

void TestRunComparison::fixedNPlusOneImproves()
{
    const RunComparison comparison = RunComparison::compare(nPlusOneRun(), batchedRun());
    QCOMPARE(comparison.before.traceCount, 10);
    QCOMPARE(comparison.before.spanCount, 510);
    QCOMPARE(comparison.after.spanCount, 20);
    QCOMPARE(comparison.options.thresholdPercent, 10.0);

    // Impact: the vanished SELECT saved 50 ms x 10 requests, the operation 47 ms x 10, the new
    // IN query costs 3 ms x 10.
    QCOMPARE(rowNames(comparison),
             (QStringList{QStringLiteral("statement vanished GET /orders [")
                              + QString::fromStdString(NPlusOneStatement) + QLatin1Char(']'),
                          QStringLiteral("operation both GET /orders"),
                          QStringLiteral("statement appeared GET /orders [")
                              + QString::fromStdString(BatchStatement) + QLatin1Char(']')}));

    const ComparisonRow &vanished = comparison.rows[0];
    QCOMPARE(vanished.service, Service);
    QCOMPARE(vanished.requestsBefore, 10);
    QCOMPARE(vanished.requestsAfter, 10);
    QCOMPARE(vanished.callsBefore, 500);
    QCOMPARE(vanished.callsAfter, 0);
    compareChange(vanished.callsPerRequest, 50, 0, -100.0);
    compareChange(vanished.p95Ns, double(Ms), 0, -100.0);
    compareChange(vanished.timePerRequestNs, 50e6, 0, -100.0);
    QCOMPARE(vanished.impactNs, 500e6);
    QVERIFY(!vanished.enoughSamples);
    QVERIFY(!vanished.worse);

    const ComparisonRow &operation = comparison.rows[1];
    QCOMPARE(operation.statement, std::string());
    QCOMPARE(operation.callsBefore, 500);
    QCOMPARE(operation.callsAfter, 10);
    compareChange(operation.callsPerRequest, 50, 1, -98.0);
    compareChange(operation.p50Ns, 52e6, 5e6, -4700.0 / 52.0);
    compareChange(operation.p95Ns, 52e6, 5e6, -4700.0 / 52.0);
    compareChange(operation.errorRate, 0, 0, 0.0);
    compareChange(operation.timePerRequestNs, 52e6, 5e6, -4700.0 / 52.0);
    QCOMPARE(operation.impactNs, 470e6);
    QVERIFY(operation.enoughSamples);
    QVERIFY(!operation.worse);

    const ComparisonRow &appeared = comparison.rows[2];
    compareChange(appeared.callsPerRequest, 0, 1, std::nullopt);
    compareChange(appeared.p50Ns, 0, 3e6, std::nullopt);
    QCOMPARE(appeared.requestsBefore, 10);
    QCOMPARE(appeared.impactNs, 30e6);

    QCOMPARE(comparison.findings.size(), std::size_t(1));
    QCOMPARE(comparison.findings[0].status, FindingStatus::Fixed);
    QVERIFY(comparison.findings[0].before.has_value());
    QVERIFY(!comparison.findings[0].after.has_value());
    QCOMPARE(comparison.findings[0].latest().title, std::string(NPlusOneTitle));
    QVERIFY(!comparison.findings[0].worse);

    QVERIFY(!comparison.worse);
    QVERIFY(comparison.reasons.empty());
}

void TestRunComparison::introducedNPlusOneIsWorse()
{
    const RunComparison comparison = RunComparison::compare(batchedRun(), nPlusOneRun());
    QCOMPARE(comparison.rows.size(), std::size_t(3));
    QCOMPARE(comparison.rows[0].presence, RowPresence::Appeared);
    QCOMPARE(comparison.rows[0].statement, NPlusOneStatement);
    QVERIFY(!comparison.rows[0].worse); // appeared: never makes the verdict
    const ComparisonRow &operation = comparison.rows[1];
    QCOMPARE(operation.kind, ComparisonRowKind::Operation);
    compareChange(operation.callsPerRequest, 1, 50, 4900.0);
    compareChange(operation.p95Ns, 5e6, 52e6, 940.0);
    QVERIFY(operation.worse);

    QCOMPARE(comparison.findings.size(), std::size_t(1));
    QCOMPARE(comparison.findings[0].status, FindingStatus::New);
    QVERIFY(comparison.findings[0].worse);

    QVERIFY(comparison.worse);
    QCOMPARE(reasonKinds(comparison), (QStringList{QStringLiteral("operation p95"),
                                                   QStringLiteral("operation calls_per_request"),
                                                   QStringLiteral("new_finding")}));
    QCOMPARE(comparison.reasons[0].index, std::size_t(1));
    QCOMPARE(comparison.reasons[0].description,
             std::string("shop GET /orders: p95 5 ms → 52 ms (+940%)"));
    QCOMPARE(comparison.reasons[1].index, std::size_t(1));
    QCOMPARE(comparison.reasons[1].description,
             std::string("shop GET /orders: calls per request 1 → 50 (+4900%)"));
    QCOMPARE(comparison.reasons[2].index, std::size_t(0));
    QCOMPARE(comparison.reasons[2].description,
             std::string("new finding (high): ") + NPlusOneTitle);
}

void TestRunComparison::equalRunsAreNotWorse()
{
    const RunProfile run
        = runOf({{.operation = "GET /b", .sql = NPlusOneSql, .calls = 3},
                 {.operation = "GET /a", .durationNs = 9 * Ms}},
                {finding(FindingKind::SlowQuery, "GET /b", FindingSeverity::High, "slow")});
    const RunComparison comparison = RunComparison::compare(run, run);
    QCOMPARE(rowNames(comparison),
             (QStringList{QStringLiteral("operation both GET /a"),
                          QStringLiteral("operation both GET /b"),
                          QStringLiteral("statement both GET /b [")
                              + QString::fromStdString(NPlusOneStatement) + QLatin1Char(']')}));
    for (const ComparisonRow &row : comparison.rows) {
        QCOMPARE(row.impactNs, 0.0);
        QVERIFY(row.enoughSamples);
        QVERIFY(!row.worse);
        QCOMPARE(row.p95Ns.change, 0.0);
        QCOMPARE(row.p95Ns.changePercent, std::optional<double>(0.0));
        QCOMPARE(row.callsPerRequest.changePercent, std::optional<double>(0.0));
    }
    QCOMPARE(comparison.rows[2].callsPerRequest.after, 3.0);
    QCOMPARE(comparison.findings.size(), std::size_t(1));
    QCOMPARE(comparison.findings[0].status, FindingStatus::Persisting);
    QCOMPARE(*comparison.findings[0].before, *comparison.findings[0].after);
    QVERIFY(!comparison.worse);
    QVERIFY(comparison.reasons.empty());
}

void TestRunComparison::appearedAndVanishedOperations()
{
    const RunProfile before = runOf(
        {{.operation = "GET /a", .sql = "SELECT a FROM t", .calls = 1}, {.operation = "GET /b"}});
    const RunProfile after = runOf(
        {{.operation = "GET /b"},
         {.operation = "GET /c", .durationNs = 100 * Ms, .sql = "SELECT c FROM t", .calls = 2}});
    const RunComparison comparison = RunComparison::compare(before, after);
    QCOMPARE(rowNames(comparison),
             (QStringList{QStringLiteral("operation appeared GET /c"),
                          QStringLiteral("operation vanished GET /a"),
                          QStringLiteral("statement appeared GET /c [SELECT c FROM t]"),
                          QStringLiteral("statement vanished GET /a [SELECT a FROM t]"),
                          QStringLiteral("operation both GET /b")}));
    const ComparisonRow &c = comparison.rows[0];
    QCOMPARE(c.requestsBefore, 0);
    QCOMPARE(c.requestsAfter, 10);
    compareChange(c.p95Ns, 0, 100e6, std::nullopt);
    compareChange(c.callsPerRequest, 0, 2, std::nullopt);
    QCOMPARE(c.impactNs, 1000e6);
    QVERIFY(!c.enoughSamples);
    QVERIFY(!c.worse);
    const ComparisonRow &cStatement = comparison.rows[2];
    QCOMPARE(cStatement.requestsBefore, 0);
    QCOMPARE(cStatement.callsAfter, 20);
    compareChange(cStatement.callsPerRequest, 0, 2, std::nullopt);
    const ComparisonRow &a = comparison.rows[1];
    QCOMPARE(a.requestsBefore, 10);
    QCOMPARE(a.requestsAfter, 0);
    compareChange(a.p95Ns, 5e6, 0, -100.0);
    compareChange(a.callsPerRequest, 1, 0, -100.0);
    QCOMPARE(cStatement.impactNs, 20e6);
    QCOMPARE(a.impactNs, 50e6);
    QCOMPARE(comparison.rows[3].requestsAfter, 0);
    QCOMPARE(comparison.rows[3].impactNs, 10e6);
    QVERIFY(comparison.rows[4].enoughSamples);
    QVERIFY(!comparison.worse);
}

void TestRunComparison::thresholdEdge_data()
{
    QTest::addColumn<int>("callsBefore");
    QTest::addColumn<int>("callsAfter");
    QTest::addColumn<qint64>("durationBeforeNs");
    QTest::addColumn<qint64>("durationAfterNs");
    QTest::addColumn<double>("thresholdPercent");
    QTest::addColumn<QStringList>("reasons");

    const QStringList none;
    const QStringList p95{QStringLiteral("operation p95")};
    // The statement's time per request changes, the operation's does not: the statement first.
    const QStringList calls{QStringLiteral("statement calls_per_request"),
                            QStringLiteral("operation calls_per_request")};
    // The operation's time per request changes twice as much as the statement's.
    const QStringList both{QStringLiteral("operation p95"),
                           QStringLiteral("operation calls_per_request"),
                           QStringLiteral("statement calls_per_request")};
    QTest::newRow("p95 +10% at 10%")
        << 1 << 1 << qint64(20 * Ms) << qint64(22 * Ms) << 10.0 << none;
    QTest::newRow("p95 +10% at 9.9%") << 1 << 1 << qint64(20 * Ms) << qint64(22 * Ms) << 9.9 << p95;
    QTest::newRow("p95 +10.5% at 10%")
        << 1 << 1 << qint64(20 * Ms) << qint64(22'100'000) << 10.0 << p95;
    QTest::newRow("calls +10% at 10%")
        << 10 << 11 << qint64(20 * Ms) << qint64(20 * Ms) << 10.0 << none;
    QTest::newRow("calls +10% at 9.9%")
        << 10 << 11 << qint64(20 * Ms) << qint64(20 * Ms) << 9.9 << calls;
    QTest::newRow("both better") << 11 << 10 << qint64(22 * Ms) << qint64(20 * Ms) << 0.0 << none;
    QTest::newRow("both doubled at 99%")
        << 10 << 20 << qint64(20 * Ms) << qint64(40 * Ms) << 99.0 << both;
    QTest::newRow("both doubled at 100%")
        << 10 << 20 << qint64(20 * Ms) << qint64(40 * Ms) << 100.0 << none;
}

// Exactly the threshold is not worse; anything beyond it is. 5 requests each: just enough.
void TestRunComparison::thresholdEdge()
{
    QFETCH(int, callsBefore);
    QFETCH(int, callsAfter);
    QFETCH(qint64, durationBeforeNs);
    QFETCH(qint64, durationAfterNs);
    QFETCH(double, thresholdPercent);
    QFETCH(QStringList, reasons);

    const RunProfile before = runOf(
        {{.count = 5, .durationNs = durationBeforeNs, .sql = NPlusOneSql, .calls = callsBefore}});
    const RunProfile after = runOf(
        {{.count = 5, .durationNs = durationAfterNs, .sql = NPlusOneSql, .calls = callsAfter}});
    RunComparisonOptions options;
    options.thresholdPercent = thresholdPercent;
    const RunComparison comparison = RunComparison::compare(before, after, options);
    QCOMPARE(reasonKinds(comparison), reasons);
    QCOMPARE(comparison.worse, !reasons.isEmpty());
    const auto operation = std::find_if(
        comparison.rows.begin(), comparison.rows.end(),
        [](const ComparisonRow &row) { return row.kind == ComparisonRowKind::Operation; });
    QVERIFY(operation->enoughSamples);
    QCOMPARE(operation->worse, !reasons.isEmpty());
}

void TestRunComparison::smallLatencyChangesIgnored()
{
    const RunProfile fastBefore = runOf({{.durationNs = 500'000}});
    const RunProfile fastAfter = runOf({{.durationNs = 900'000}});
    QVERIFY(!RunComparison::compare(fastBefore, fastAfter).worse);
    RunComparisonOptions noMinimum;
    noMinimum.minLatencyChangeNs = 0;
    const RunComparison strict = RunComparison::compare(fastBefore, fastAfter, noMinimum);
    QCOMPARE(reasonKinds(strict), QStringList{QStringLiteral("operation p95")});
    QCOMPARE(strict.reasons[0].description,
             std::string("shop GET /orders: p95 500 µs → 900 µs (+80%)"));

    // A change of exactly the minimum counts.
    const RunComparison oneMs
        = RunComparison::compare(runOf({{.durationNs = 5 * Ms}}), runOf({{.durationNs = 6 * Ms}}));
    QCOMPARE(reasonKinds(oneMs), QStringList{QStringLiteral("operation p95")});
}

void TestRunComparison::tooFewSamplesIgnored_data()
{
    QTest::addColumn<int>("requestsBefore");
    QTest::addColumn<int>("requestsAfter");
    QTest::addColumn<int>("minRequests");
    QTest::addColumn<bool>("worse");

    QTest::newRow("4 before") << 4 << 10 << 5 << false;
    QTest::newRow("4 after") << 10 << 4 << 5 << false;
    QTest::newRow("5 each") << 5 << 5 << 5 << true;
    QTest::newRow("4 each, minimum 4") << 4 << 4 << 4 << true;
}

void TestRunComparison::tooFewSamplesIgnored()
{
    QFETCH(int, requestsBefore);
    QFETCH(int, requestsAfter);
    QFETCH(int, minRequests);
    QFETCH(bool, worse);

    const RunProfile before
        = runOf({{.count = requestsBefore, .durationNs = 5 * Ms, .sql = NPlusOneSql, .calls = 1}});
    const RunProfile after
        = runOf({{.count = requestsAfter, .durationNs = 52 * Ms, .sql = NPlusOneSql, .calls = 50}});
    RunComparisonOptions options;
    options.minRequests = minRequests;
    const RunComparison comparison = RunComparison::compare(before, after, options);
    QCOMPARE(comparison.worse, worse);
    QCOMPARE(reasonKinds(comparison),
             worse ? (QStringList{QStringLiteral("statement calls_per_request"),
                                  QStringLiteral("operation p95"),
                                  QStringLiteral("operation calls_per_request")})
                   : QStringList());
    QCOMPARE(comparison.rows.size(), std::size_t(2));
    for (const ComparisonRow &row : comparison.rows) {
        QCOMPARE(row.enoughSamples, worse);
        QCOMPARE(row.worse, worse);
    }
}

// An endpoint that made no calls and now does: no finite percentage, and worse at any threshold.
void TestRunComparison::callsFromNoneAreWorse()
{
    const RunProfile before = runOf({{.operation = "GET /x"}});
    const RunProfile after = runOf({{.operation = "GET /x", .sql = "SELECT 1", .calls = 2}});
    RunComparisonOptions options;
    options.thresholdPercent = 1000;
    const RunComparison comparison = RunComparison::compare(before, after, options);
    QCOMPARE(reasonKinds(comparison), QStringList{QStringLiteral("operation calls_per_request")});
    QCOMPARE(comparison.reasons[0].description,
             std::string("shop GET /x: calls per request 0 → 2 (from none)"));
    const ComparisonRow &operation = comparison.rows[comparison.reasons[0].index];
    QCOMPARE(operation.kind, ComparisonRowKind::Operation);
    compareChange(operation.callsPerRequest, 0, 2, std::nullopt);
}

// The endpoint's p95 grows 4% (within the threshold), its query's p95 doubles.
void TestRunComparison::slowerStatementIsWorse()
{
    const RunProfile before
        = runOf({{.durationNs = 50 * Ms, .sql = NPlusOneSql, .calls = 2, .callNs = 2 * Ms}});
    const RunProfile after
        = runOf({{.durationNs = 52 * Ms, .sql = NPlusOneSql, .calls = 2, .callNs = 4 * Ms}});
    const RunComparison comparison = RunComparison::compare(before, after);
    QCOMPARE(reasonKinds(comparison), QStringList{QStringLiteral("statement p95")});
    QCOMPARE(comparison.reasons[0].description,
             "shop GET /orders `" + NPlusOneStatement + "`: p95 2 ms → 4 ms (+100%)");
    const ComparisonRow &statement = comparison.rows[comparison.reasons[0].index];
    QCOMPARE(statement.kind, ComparisonRowKind::Statement);
    QVERIFY(statement.worse);
    compareChange(statement.p95Ns, 2e6, 4e6, 100.0);
    compareChange(statement.callsPerRequest, 2, 2, 0.0);
}

// 10 requests, 4 of them calling the statement: its p95 from 4 calls says nothing.
void TestRunComparison::statementWithFewCallsIgnored()
{
    const auto run = [](std::int64_t callNs) {
        return runOf(
            {{.count = 4, .durationNs = 20 * Ms, .sql = NPlusOneSql, .calls = 1, .callNs = callNs},
             {.count = 6, .durationNs = 20 * Ms}});
    };
    const RunComparison comparison = RunComparison::compare(run(2 * Ms), run(8 * Ms));
    QCOMPARE(comparison.rows.size(), std::size_t(2));
    const ComparisonRow &statement = comparison.rows[0];
    QCOMPARE(statement.kind, ComparisonRowKind::Statement);
    QCOMPARE(statement.requestsBefore, 10);
    QCOMPARE(statement.callsBefore, 4);
    compareChange(statement.callsPerRequest, 0.4, 0.4, 0.0);
    compareChange(statement.p95Ns, 2e6, 8e6, 300.0);
    QVERIFY(!statement.enoughSamples);
    QVERIFY(comparison.rows[1].enoughSamples);
    QVERIFY(!comparison.worse);

    RunComparisonOptions four;
    four.minRequests = 4;
    const RunComparison lenient = RunComparison::compare(run(2 * Ms), run(8 * Ms), four);
    QCOMPARE(reasonKinds(lenient), QStringList{QStringLiteral("statement p95")});
}

void TestRunComparison::errorRateShownNotGated()
{
    const RunProfile before = runOf({{.errors = 1}});
    const RunProfile after = runOf({{.errors = 5}});
    const RunComparison comparison = RunComparison::compare(before, after);
    QCOMPARE(comparison.rows.size(), std::size_t(1));
    compareChange(comparison.rows[0].errorRate, 0.1, 0.5, 400.0);
    QVERIFY(!comparison.worse);
}

void TestRunComparison::findingStatusesAndOrder()
{
    const RunProfile before
        = runOf({}, {finding(FindingKind::NPlusOne, "GET /a", FindingSeverity::High, "a before"),
                     finding(FindingKind::SlowQuery, "GET /b", FindingSeverity::Low, "b"),
                     finding(FindingKind::ErrorHotspot, "GET /c", FindingSeverity::Medium, "c")});
    const RunProfile after
        = runOf({}, {finding(FindingKind::NPlusOne, "GET /a", FindingSeverity::Medium, "a after"),
                     finding(FindingKind::NPlusOne, "GET /d", FindingSeverity::Info, "d"),
                     finding(FindingKind::LockWait, "GET /e", FindingSeverity::High, "e"),
                     finding(FindingKind::FanOut, "GET /f", FindingSeverity::High, "f", 1e6)});
    const RunComparison comparison = RunComparison::compare(before, after);
    QStringList order;
    for (const FindingComparison &finding : comparison.findings)
        order << QString::fromLatin1(findingStatusId(finding.status)) + QLatin1Char(' ')
                     + QString::fromStdString(finding.latest().title);
    QCOMPARE(order, (QStringList{QStringLiteral("new f"), QStringLiteral("new e"),
                                 QStringLiteral("new d"), QStringLiteral("persisting a after"),
                                 QStringLiteral("fixed c"), QStringLiteral("fixed b")}));
    QCOMPARE(comparison.findings[3].before->severity, FindingSeverity::High);
    QCOMPARE(comparison.findings[3].after->severity, FindingSeverity::Medium);
    QVERIFY(!comparison.findings[3].worse);
    QVERIFY(!comparison.findings[2].worse); // info
    QCOMPARE(reasonKinds(comparison),
             (QStringList{QStringLiteral("new_finding"), QStringLiteral("new_finding")}));
    QCOMPARE(comparison.reasons[0].index, std::size_t(0));
    QCOMPARE(comparison.reasons[1].index, std::size_t(1));
    QCOMPARE(comparison.reasons[1].description, std::string("new finding (high): e"));

    RunComparisonOptions withInfo;
    withInfo.minNewFindingSeverity = FindingSeverity::Info;
    const RunComparison all = RunComparison::compare(before, after, withInfo);
    QCOMPARE(all.reasons.size(), std::size_t(3));
    QCOMPARE(all.reasons[2].description, std::string("new finding (info): d"));

    RunComparisonOptions onlyHigh;
    onlyHigh.minNewFindingSeverity = FindingSeverity::High;
    QCOMPARE(RunComparison::compare(before, after, onlyHigh).reasons.size(), std::size_t(2));
    QVERIFY(!RunComparison::compare(after, before, onlyHigh).worse);
}

void TestRunComparison::stableIds()
{
    QCOMPARE(comparisonRowKindId(ComparisonRowKind::Operation), "operation");
    QCOMPARE(comparisonRowKindId(ComparisonRowKind::Statement), "statement");
    QCOMPARE(rowPresenceId(RowPresence::Both), "both");
    QCOMPARE(rowPresenceId(RowPresence::Appeared), "appeared");
    QCOMPARE(rowPresenceId(RowPresence::Vanished), "vanished");
    QCOMPARE(findingStatusId(FindingStatus::New), "new");
    QCOMPARE(findingStatusId(FindingStatus::Persisting), "persisting");
    QCOMPARE(findingStatusId(FindingStatus::Fixed), "fixed");
    QCOMPARE(worseReasonKindId(WorseReasonKind::P95), "p95");
    QCOMPARE(worseReasonKindId(WorseReasonKind::CallsPerRequest), "calls_per_request");
    QCOMPARE(worseReasonKindId(WorseReasonKind::NewFinding), "new_finding");
}

QTEST_GUILESS_MAIN(TestRunComparison)
#include "tst_run_comparison.moc"
