#include "analysis/version_regression_detector.h"
#include "support/analysis_trace_builder.h"
#include "support/detector_run.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;
using kansoku::test::runDetector;

namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr std::int64_t Base = AnalysisTraceBuilder::Base;
const std::string Update = "UPDATE inventory SET qty = qty - 1 WHERE id = 7";
const std::string UpdateStatement = "UPDATE inventory SET qty = qty - ? WHERE id = ?";

// What the requests of one version look like.
struct VersionLoad
{
    std::string version;
    int requests = 20;
    std::int64_t updateNs = 12 * Ms; // the UPDATE of each request; 0 for none
    std::int64_t otherNs = 8 * Ms;   // the rest of each request
    int failing = 0;                 // the first this many requests fail
};

// Requests of "POST /reserve" in service "inventory", 1 s apart, one version after the other:
// span 1 the request, span 2 its UPDATE (when updateNs > 0) and span 3 a 3 ms SELECT, which no
// version changes. Trace numbers count from 1 across the versions.
std::vector<AnalysisTrace> reserveRequests(const std::vector<VersionLoad> &loads)
{
    std::vector<AnalysisTrace> traces;
    for (const VersionLoad &load : loads) {
        for (int i = 0; i < load.requests; ++i) {
            AnalysisTraceBuilder builder(traces.size() + 1);
            const std::int64_t start = std::int64_t(traces.size()) * 1'000 * Ms;
            const int server = builder.server("inventory", "POST /reserve", start,
                                              start + load.updateNs + load.otherNs);
            builder.version(server, load.version);
            if (load.updateNs > 0)
                builder.db(server, "postgresql", Update, start + 1 * Ms,
                           start + 1 * Ms + load.updateNs);
            builder.db(server, "postgresql", "SELECT qty FROM inventory WHERE id = 7",
                       start + 1 * Ms, start + 4 * Ms);
            if (i < load.failing)
                builder.error(server, "OutOfStock");
            traces.push_back(builder.build());
        }
    }
    return traces;
}

std::vector<Finding> findingsOf(const std::vector<AnalysisTrace> &traces,
                                const FindingThresholds &thresholds = {})
{
    VersionRegressionDetector detector{thresholds};
    return runDetector(detector, traces);
}

} // namespace

class TestVersionRegressionDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void slowerStatementInOneVersion();
    void equalVersionsAreFine();
    void tooFewSamples();
    void spansWithoutVersionAreLeftOut();
    void latencyFactor_data();
    void latencyFactor();
    void slowerEndpointWithoutSlowerStatement();
    void errorRateRegression();
    void errorRateDelta_data();
    void errorRateDelta();
    void comparedWithTheBestOtherVersion();
};

void TestVersionRegressionDetector::slowerStatementInOneVersion()
{
    // Only 1.4.2 waits 850 ms on the UPDATE; 1.4.3 takes 12 ms. Its requests are slower by as
    // much, which the statement's finding explains: no second finding for the endpoint.
    const std::vector<Finding> findings
        = findingsOf(reserveRequests({{"1.4.2", 20, 850 * Ms}, {"1.4.3", 20, 12 * Ms}}));
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.kind, FindingKind::VersionRegression);
    QCOMPARE(finding.service, std::string("inventory"));
    QCOMPARE(finding.operation, std::string("POST /reserve"));
    QCOMPARE(finding.statement, UpdateStatement);
    QCOMPARE(finding.title, "inventory 1.4.2: `" + UpdateStatement
                                + "` p95 850 ms vs 12 ms in 1.4.3 — version regression");
    QCOMPARE(finding.occurrences, 20);
    QCOMPARE(finding.affectedTraces, 20);
    QCOMPARE(finding.endpointTraces, 40);
    // 838 ms more per call, one call per request of 858 ms.
    QCOMPARE(finding.costNsPerRequest, 838.0 * Ms);
    QCOMPARE(finding.totalCostNs, 20 * 838 * Ms);
    QCOMPARE(finding.latencyShare, 838.0 / 858.0);
    QCOMPARE(finding.severity, FindingSeverity::High);
    QCOMPARE(finding.range, (TimeRange{Base + 1 * Ms, Base + 19'000 * Ms + 851 * Ms}));
    // The slowest calls of 1.4.2: all equal, so the first traces; the UPDATE is span 2.
    QCOMPARE(finding.examples.size(), std::size_t(5));
    QCOMPARE(finding.examples.front(),
             (FindingExample{
                 AnalysisTraceBuilder::traceIdOf(1), {AnalysisTraceBuilder::idOf(2)}, 850 * Ms}));
    const std::vector<FindingFact> facts{
        {"1.4.2 samples", "20"},    {"1.4.2 p50", "850 ms"},    {"1.4.2 p95", "850 ms"},
        {"1.4.2 error rate", "0%"}, {"1.4.3 samples", "20"},    {"1.4.3 p50", "12 ms"},
        {"1.4.3 p95", "12 ms"},     {"1.4.3 error rate", "0%"},
    };
    QCOMPARE(finding.facts, facts);
    QVERIFY(finding.fixHint.find("between 1.4.3 and 1.4.2") != std::string::npos);
}

void TestVersionRegressionDetector::equalVersionsAreFine()
{
    QVERIFY(findingsOf(reserveRequests({{"1.0"}, {"1.1"}, {"1.2"}})).empty());
}

void TestVersionRegressionDetector::tooFewSamples()
{
    // versionMinSamples is 20: 19 slow requests say nothing.
    QVERIFY(findingsOf(reserveRequests({{"1.4.2", 19, 850 * Ms}, {"1.4.3"}})).empty());
    QVERIFY(findingsOf(reserveRequests({{"1.4.2", 20, 850 * Ms}, {"1.4.3", 19}})).empty());
    FindingThresholds thresholds;
    thresholds.versionMinSamples = 19;
    QCOMPARE(findingsOf(reserveRequests({{"1.4.2", 19, 850 * Ms}, {"1.4.3"}}), thresholds).size(),
             std::size_t(1));
}

void TestVersionRegressionDetector::spansWithoutVersionAreLeftOut()
{
    // Requests that sent no service.version are no version to compare with.
    QVERIFY(findingsOf(reserveRequests({{"", 20, 850 * Ms}, {"1.4.3"}})).empty());
}

void TestVersionRegressionDetector::latencyFactor_data()
{
    QTest::addColumn<std::int64_t>("slowerNs");
    QTest::addColumn<bool>("regressed");
    // The requests without an UPDATE; versionLatencyFactor 1.5 over 20 ms is 30 ms.
    QTest::newRow("1.5 times") << 30 * Ms << true;
    QTest::newRow("1 ns under") << 30 * Ms - 1 << false;
}

void TestVersionRegressionDetector::latencyFactor()
{
    QFETCH(std::int64_t, slowerNs);
    QFETCH(bool, regressed);
    const std::vector<Finding> findings
        = findingsOf(reserveRequests({{"b", 20, 0, slowerNs}, {"a", 20, 0, 20 * Ms}}));
    QCOMPARE(findings.size(), std::size_t(regressed ? 1 : 0));
    if (regressed)
        QCOMPARE(findings.front().title,
                 std::string("inventory b: POST /reserve p95 30 ms vs 20 ms in a — version "
                             "regression"));
}

void TestVersionRegressionDetector::slowerEndpointWithoutSlowerStatement()
{
    // 2.0 spends 100 ms more in its own code; its statements are as fast as 1.9's.
    const std::vector<Finding> findings = findingsOf(
        reserveRequests({{"1.9", 20, 12 * Ms, 8 * Ms}, {"2.0", 20, 12 * Ms, 108 * Ms}}));
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.statement, std::string());
    QCOMPARE(finding.title, std::string("inventory 2.0: POST /reserve p95 120 ms vs 20 ms in 1.9 — "
                                        "version regression"));
    QCOMPARE(finding.costNsPerRequest, 100.0 * Ms);
    QCOMPARE(finding.latencyShare, 100.0 / 120.0);
    QCOMPARE(finding.examples.front().spanIds, std::vector<SpanId>{AnalysisTraceBuilder::idOf(1)});
    QCOMPARE(finding.range, (TimeRange{Base + 20'000 * Ms, Base + 39'000 * Ms + 120 * Ms}));
}

void TestVersionRegressionDetector::errorRateRegression()
{
    // 3.1 fails 4 of 20 requests, 3.0 none: as fast, but 20% more errors.
    const std::vector<Finding> findings
        = findingsOf(reserveRequests({{"3.0"}, {"3.1", 20, 12 * Ms, 8 * Ms, 4}}));
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.statement, std::string());
    QCOMPARE(finding.title, std::string("inventory 3.1: POST /reserve error rate 20% vs 0% in 3.0 "
                                        "— version regression"));
    QCOMPARE(finding.costNsPerRequest, 0.0);
    QCOMPARE(finding.totalCostNs, 0);
    // 20 points more failing requests weigh as 20% of latency would: medium.
    QCOMPARE(finding.severity, FindingSeverity::Medium);
    // The examples are failed requests (traces 21 to 24 of 3.1).
    QCOMPARE(finding.examples.size(), std::size_t(4));
    QCOMPARE(finding.examples.front().traceId, AnalysisTraceBuilder::traceIdOf(21));
    QCOMPARE(finding.examples.back().traceId, AnalysisTraceBuilder::traceIdOf(24));
    QCOMPARE(finding.facts.at(3), (FindingFact{"3.1 error rate", "20%"}));
    QCOMPARE(finding.facts.at(7), (FindingFact{"3.0 error rate", "0%"}));
}

void TestVersionRegressionDetector::errorRateDelta_data()
{
    QTest::addColumn<int>("requests");
    QTest::addColumn<int>("failing");
    QTest::addColumn<bool>("regressed");
    // versionErrorRateDelta is 5%.
    QTest::newRow("1 of 20 is 5%") << 20 << 1 << true;
    QTest::newRow("1 of 21 is 4.8%") << 21 << 1 << false;
    QTest::newRow("none") << 20 << 0 << false;
}

void TestVersionRegressionDetector::errorRateDelta()
{
    QFETCH(int, requests);
    QFETCH(int, failing);
    QFETCH(bool, regressed);
    const std::vector<Finding> findings
        = findingsOf(reserveRequests({{"1"}, {"2", requests, 12 * Ms, 8 * Ms, failing}}));
    QCOMPARE(findings.size(), std::size_t(regressed ? 1 : 0));
    if (regressed)
        QCOMPARE(findings.front().severity, FindingSeverity::Low);
}

void TestVersionRegressionDetector::comparedWithTheBestOtherVersion()
{
    // Three versions: 5.2 is worse than the best (5.0), though not 1.5 times 5.1's.
    const std::vector<Finding> findings = findingsOf(reserveRequests(
        {{"5.0", 20, 0, 20 * Ms}, {"5.1", 20, 0, 25 * Ms}, {"5.2", 20, 0, 32 * Ms}}));
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings.front().title,
             std::string("inventory 5.2: POST /reserve p95 32 ms vs 20 ms in "
                         "5.0 — version regression"));
    // The regressed version, the one it is compared with, then the others.
    QCOMPARE(findings.front().facts.at(0).label, std::string("5.2 samples"));
    QCOMPARE(findings.front().facts.at(4).label, std::string("5.0 samples"));
    QCOMPARE(findings.front().facts.at(8).label, std::string("5.1 samples"));
}

QTEST_GUILESS_MAIN(TestVersionRegressionDetector)
#include "tst_version_regression_detector.moc"
