#include "analysis/n_plus_one_detector.h"
#include "analysis/redundant_call_detector.h"
#include "support/detector_run.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;
using kansoku::test::builtSpanIds;
using kansoku::test::factOf;
using kansoku::test::runDetector;

namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr std::int64_t Second = 1'000'000'000;

std::vector<Finding> detect(const std::vector<AnalysisTrace> &traces,
                            const FindingThresholds &thresholds = {})
{
    RedundantCallDetector detector(thresholds);
    return runDetector(detector, traces);
}

// A request GET /orders/{id} [0, 50 ms) that runs each statement once, 2 ms each, one after
// another from 5 ms.
AnalysisTrace requestRunning(const std::string &system, const std::vector<std::string> &statements)
{
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /orders/{id}", 0, 50 * Ms);
    for (std::size_t k = 0; k < statements.size(); ++k) {
        const std::int64_t start = 5 * Ms + std::int64_t(k) * 2 * Ms;
        builder.db(request, system, statements[k], start, start + 2 * Ms);
    }
    return builder.build();
}

} // namespace

class TestRedundantCallDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void identicalCallsAnywhereInTheRequest();
    void identicalStatementShapes_data();
    void identicalStatementShapes();
    void differentLiteralsAreNotRedundant();
    void placeholdersWithoutValuesAreNotRedundant();
    void recordedParameters_data();
    void recordedParameters();
    void httpGetOfTheSameUrl();
    void writesAreNotRedundant();
    void valuesOfOneStatementAddUp();
    void aggregatesAcrossTraces();
    void differentRequestsDoNotAddUp();
    void loopOverOneIdIsNPlusOneAndRedundant();
};

void TestRedundantCallDetector::identicalCallsAnywhereInTheRequest()
{
    // The same user is read by the handler, by a render step, and by the handler again.
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /orders/{id}", 0, 50 * Ms);
    const int render = builder.add(request, "render", SpanKind::Internal, 15 * Ms, 28 * Ms);
    const std::string statement = "SELECT * FROM users WHERE id = 17";
    const int first = builder.db(request, "postgresql", statement, 5 * Ms, 7 * Ms);
    const int second = builder.db(render, "postgresql", statement, 20 * Ms, 23 * Ms);
    const int third = builder.db(request, "postgresql", statement, 30 * Ms, 34 * Ms);
    builder.db(request, "postgresql", "SELECT * FROM orders WHERE id = 5", 8 * Ms, 9 * Ms);
    const AnalysisTrace trace = builder.build();

    const std::vector<Finding> findings = detect({trace});
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings[0];
    QCOMPARE(finding.kind, FindingKind::RedundantCall);
    QCOMPARE(finding.title, std::string("GET /orders/{id} repeats `SELECT * FROM users WHERE id = "
                                        "?` identically — 3 calls where 1 would do, ~7 ms per "
                                        "request, in 100% of these requests"));
    QCOMPARE(finding.service, std::string("shop"));
    QCOMPARE(finding.operation, std::string("GET /orders/{id}"));
    QCOMPARE(finding.statement, std::string("SELECT * FROM users WHERE id = ?"));
    QCOMPARE(finding.occurrences, std::int64_t(1));
    QCOMPARE(finding.affectedTraces, std::int64_t(1));
    QCOMPARE(finding.endpointTraces, std::int64_t(1));
    // The repeats after the first: 3 ms + 4 ms, of a 50 ms request.
    QCOMPARE(finding.costNsPerRequest, 7.0 * Ms);
    QCOMPARE(finding.totalCostNs, 7 * Ms);
    QCOMPARE(finding.latencyShare, 0.14);
    QCOMPARE(finding.severity, FindingSeverity::Low);
    QCOMPARE(finding.examples.size(), std::size_t(1));
    QCOMPARE(finding.examples[0].traceId, trace.traceId);
    QCOMPARE(finding.examples[0].spanIds, builtSpanIds({first, second, third}));
    QCOMPARE(finding.examples[0].costNs, 7 * Ms);
    QCOMPARE(finding.range.startNs, AnalysisTraceBuilder::Base + 5 * Ms);
    QCOMPARE(finding.range.endNs, AnalysisTraceBuilder::Base + 34 * Ms);
    QCOMPARE(finding.facts,
             (std::vector<FindingFact>{{"identical calls per request", "3 on average, 3 at most"},
                                       {"distinct calls per request", "1"},
                                       {"time of the repeats per request", "7 ms"},
                                       {"share of request latency", "14%"},
                                       {"traces affected", "1 of 1"},
                                       {"system", "postgresql"}}));
    QVERIFY(finding.fixHint.find("cache") != std::string::npos);
}

void TestRedundantCallDetector::identicalStatementShapes_data()
{
    QTest::addColumn<QString>("system");
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("mysql") << "mysql"
                           << "SELECT name FROM users WHERE id = 17 AND tenant = 'acme'"
                           << "SELECT name FROM users WHERE id = ? AND tenant = ?";
    QTest::newRow("redis") << "redis"
                           << "GET user:17"
                           << "GET ?";
    QTest::newRow("mongodb") << "mongodb"
                             << R"({"find": "users", "filter": {"_id": 17}})"
                             << R"({"find":?,"filter":{"_id":?}})";
}

void TestRedundantCallDetector::identicalStatementShapes()
{
    QFETCH(QString, system);
    QFETCH(QString, statement);
    QFETCH(QString, normalized);
    const std::vector<Finding> findings = detect(
        {requestRunning(system.toStdString(), {statement.toStdString(), statement.toStdString()})});
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].statement, normalized.toStdString());
    QCOMPARE(findings[0].totalCostNs, 2 * Ms);
    QCOMPARE(factOf(findings[0], "system"), system.toStdString());
}

void TestRedundantCallDetector::differentLiteralsAreNotRedundant()
{
    QVERIFY(detect({requestRunning("postgresql", {"SELECT * FROM users WHERE id = 17",
                                                  "SELECT * FROM users WHERE id = 18",
                                                  "SELECT * FROM users WHERE id = 19"})})
                .empty());
    QVERIFY(detect({requestRunning("redis", {"GET user:17", "GET user:18"})}).empty());
}

void TestRedundantCallDetector::placeholdersWithoutValuesAreNotRedundant()
{
    // The values went apart from the text and were not recorded: they may all differ.
    QVERIFY(detect({requestRunning("postgresql", {"SELECT * FROM users WHERE id = $1",
                                                  "SELECT * FROM users WHERE id = $1",
                                                  "SELECT * FROM users WHERE id = $1"})})
                .empty());
}

void TestRedundantCallDetector::recordedParameters_data()
{
    QTest::addColumn<QString>("commaSeparated"); // the calls' parameter, comma-separated
    QTest::addColumn<int>("redundantCalls");
    QTest::newRow("all equal") << "17,17,17" << 3;
    QTest::newRow("two equal") << "17,18,17" << 2;
    QTest::newRow("all different") << "17,18,19" << 0;
}

void TestRedundantCallDetector::recordedParameters()
{
    QFETCH(QString, commaSeparated);
    const QStringList values = commaSeparated.split(QLatin1Char(','));
    QFETCH(int, redundantCalls);
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /orders/{id}", 0, 50 * Ms);
    for (int k = 0; k < values.size(); ++k) {
        const std::int64_t start = 5 * Ms + k * 2 * Ms;
        const int call = builder.db(request, "postgresql", "SELECT * FROM users WHERE id = $1",
                                    start, start + 2 * Ms);
        builder.attribute(call, "db.query.parameter.0", values[k].toStdString());
    }
    const std::vector<Finding> findings = detect({builder.build()});
    if (redundantCalls == 0) {
        QVERIFY(findings.empty());
        return;
    }
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].statement, std::string("SELECT * FROM users WHERE id = ?"));
    QCOMPARE(findings[0].examples.at(0).spanIds.size(), std::size_t(redundantCalls));
    QCOMPARE(findings[0].totalCostNs, (redundantCalls - 1) * 2 * Ms);
}

void TestRedundantCallDetector::httpGetOfTheSameUrl()
{
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /orders/{id}", 0, 50 * Ms);
    const int first = builder.http(request, "GET", "http://inventory/items/17", 5 * Ms, 9 * Ms);
    builder.http(request, "GET", "http://inventory/items/18", 10 * Ms, 14 * Ms);
    const int again = builder.http(request, "GET", "http://inventory/items/17", 15 * Ms, 20 * Ms);
    const std::vector<Finding> findings = detect({builder.build()});
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].statement, std::string("GET inventory/items/{id}"));
    QCOMPARE(findings[0].title, std::string("GET /orders/{id} repeats `GET inventory/items/{id}` "
                                            "identically — 2 calls where 1 would do, ~5 ms per "
                                            "request, in 100% of these requests"));
    QCOMPARE(findings[0].examples.at(0).spanIds, builtSpanIds({first, again}));
    QCOMPARE(factOf(findings[0], "system"), std::string("http"));
}

void TestRedundantCallDetector::writesAreNotRedundant()
{
    // A repeated write may be meant, and an HTTP write's body is not recorded.
    QVERIFY(detect({requestRunning("postgresql", {"UPDATE stock SET n = n - 1 WHERE id = 17",
                                                  "UPDATE stock SET n = n - 1 WHERE id = 17"})})
                .empty());
    QVERIFY(detect({requestRunning("redis", {"INCR visits", "INCR visits"})}).empty());
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "POST /orders", 0, 50 * Ms);
    builder.http(request, "POST", "http://payments/charges", 5 * Ms, 9 * Ms);
    builder.http(request, "POST", "http://payments/charges", 10 * Ms, 14 * Ms);
    QVERIFY(detect({builder.build()}).empty());
}

void TestRedundantCallDetector::valuesOfOneStatementAddUp()
{
    // User 17 three times, user 18 twice, user 19 once: 5 redundant-group calls for 2 values.
    const std::vector<Finding> findings
        = detect({requestRunning("postgresql", {
                                                   "SELECT * FROM users WHERE id = 17",
                                                   "SELECT * FROM users WHERE id = 18",
                                                   "SELECT * FROM users WHERE id = 17",
                                                   "SELECT * FROM users WHERE id = 19",
                                                   "SELECT * FROM users WHERE id = 18",
                                                   "SELECT * FROM users WHERE id = 17",
                                               })});
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].occurrences, std::int64_t(2));
    QCOMPARE(findings[0].totalCostNs, 6 * Ms); // three repeats of 2 ms
    QCOMPARE(findings[0].examples.at(0).spanIds, builtSpanIds({1, 2, 3, 5, 6}));
    QCOMPARE(findings[0].title, std::string("GET /orders/{id} repeats `SELECT * FROM users WHERE "
                                            "id = ?` identically — 5 calls where 2 would do, ~6 "
                                            "ms per request, in 100% of these requests"));
}

void TestRedundantCallDetector::aggregatesAcrossTraces()
{
    // Four requests: two repeat the read (twice and three times), two do not.
    std::vector<AnalysisTrace> traces;
    for (int t = 0; t < 4; ++t) {
        AnalysisTraceBuilder builder{std::uint64_t(t + 1)};
        const std::int64_t offset = t * Second;
        const int request = builder.server("shop", "GET /orders/{id}", offset, offset + 40 * Ms);
        const int reads = t == 0 ? 2 : t == 1 ? 3 : 1;
        for (int k = 0; k < reads; ++k) {
            const std::int64_t start = offset + 5 * Ms + k * 4 * Ms;
            builder.db(request, "postgresql", "SELECT * FROM users WHERE id = 17", start,
                       start + 4 * Ms);
        }
        traces.push_back(builder.build());
    }
    const std::vector<Finding> findings = detect(traces);
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings[0];
    QCOMPARE(finding.affectedTraces, std::int64_t(2));
    QCOMPARE(finding.endpointTraces, std::int64_t(4));
    QCOMPARE(finding.totalCostNs, 12 * Ms); // one repeat, then two, of 4 ms
    QCOMPARE(finding.costNsPerRequest, 6.0 * Ms);
    QCOMPARE(finding.latencyShare, 12.0 / 80.0);
    QCOMPARE(finding.severity, FindingSeverity::Low);
    QCOMPARE(finding.title, std::string("GET /orders/{id} repeats `SELECT * FROM users WHERE id = "
                                        "?` identically — 2.5 calls where 1 would do, ~6 ms per "
                                        "request, in 50% of these requests"));
    QCOMPARE(finding.examples.size(), std::size_t(2));
    QCOMPARE(finding.examples[0].traceId, traces[1].traceId);
    QCOMPARE(finding.examples[0].costNs, 8 * Ms);
    QCOMPARE(finding.examples[1].traceId, traces[0].traceId);
    QCOMPARE(finding.range.startNs, AnalysisTraceBuilder::Base + 5 * Ms);
    QCOMPARE(finding.range.endNs, AnalysisTraceBuilder::Base + Second + 17 * Ms);
    QCOMPARE(factOf(finding, "identical calls per request"),
             std::string("2.5 on average, 3 at most"));

    FindingThresholds three;
    three.redundantMinCalls = 3;
    const std::vector<Finding> onlyThree = detect(traces, three);
    QCOMPARE(onlyThree.size(), std::size_t(1));
    QCOMPARE(onlyThree[0].affectedTraces, std::int64_t(1));
}

void TestRedundantCallDetector::differentRequestsDoNotAddUp()
{
    // The frontend reads user 17 and calls the backend, which reads user 17 too: each endpoint
    // reads it once.
    AnalysisTraceBuilder builder(1);
    const int frontend = builder.server("frontend", "GET /page", 0, 50 * Ms);
    builder.db(frontend, "postgresql", "SELECT * FROM users WHERE id = 17", 2 * Ms, 4 * Ms);
    const int client = builder.http(frontend, "GET", "http://backend/profile", 5 * Ms, 30 * Ms);
    const int backend = builder.server("backend", "GET /profile", 6 * Ms, 29 * Ms, client);
    builder.db(backend, "postgresql", "SELECT * FROM users WHERE id = 17", 8 * Ms, 10 * Ms);
    QVERIFY(detect({builder.build()}).empty());

    // The frontend calls the backend twice: two requests of GET /profile, each reading user 17
    // once. The frontend's second identical GET is the redundant call, not the reads.
    AnalysisTraceBuilder twice(2);
    const int page = twice.server("frontend", "GET /page", 0, 50 * Ms);
    for (int k = 0; k < 2; ++k) {
        const std::int64_t offset = k * 20 * Ms;
        const int call
            = twice.http(page, "GET", "http://backend/profile", offset + 5 * Ms, offset + 20 * Ms);
        const int profile
            = twice.server("backend", "GET /profile", offset + 6 * Ms, offset + 19 * Ms, call);
        twice.db(profile, "postgresql", "SELECT * FROM users WHERE id = 17", offset + 8 * Ms,
                 offset + 10 * Ms);
    }
    const std::vector<Finding> findings = detect({twice.build()});
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].service, std::string("frontend"));
    QCOMPARE(findings[0].statement, std::string("GET backend/profile"));
    QCOMPARE(findings[0].totalCostNs, 15 * Ms);
}

void TestRedundantCallDetector::loopOverOneIdIsNPlusOneAndRedundant()
{
    // 50 sequential reads of the same row: a loop to batch (N+1) and 49 answers to reuse.
    AnalysisTraceBuilder builder(1);
    const int request = builder.server("shop", "GET /orders/{id}", 0, 100 * Ms);
    for (int k = 0; k < 50; ++k)
        builder.db(request, "postgresql", "SELECT * FROM items WHERE id = 17", Ms + k * Ms,
                   2 * Ms + k * Ms);
    const AnalysisTrace trace = builder.build();

    const std::vector<Finding> redundant = detect({trace});
    QCOMPARE(redundant.size(), std::size_t(1));
    QCOMPARE(redundant[0].totalCostNs, 49 * Ms);
    QCOMPARE(redundant[0].examples.at(0).spanIds.size(), std::size_t(50));
    NPlusOneDetector nPlusOne(FindingThresholds{});
    const std::vector<Finding> loops = runDetector(nPlusOne, {trace});
    QCOMPARE(loops.size(), std::size_t(1));
    QCOMPARE(loops[0].statement, redundant[0].statement);
    QCOMPARE(loops[0].totalCostNs, 50 * Ms);
}

QTEST_GUILESS_MAIN(TestRedundantCallDetector)
#include "tst_redundant_call_detector.moc"
