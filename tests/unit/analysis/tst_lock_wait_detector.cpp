#include "analysis/lock_wait_detector.h"
#include "support/analysis_trace_builder.h"
#include "support/detector_run.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;
using kansoku::test::runDetector;

namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr std::int64_t Base = AnalysisTraceBuilder::Base;
const std::string LockQuery = "SELECT * FROM inventory WHERE id = 7 FOR UPDATE";
const std::string LockStatement = "SELECT * FROM inventory WHERE id = ? FOR UPDATE";
const std::string WriteQuery = "UPDATE inventory SET qty = qty - 1 WHERE id = 7";

// A request of "POST /orders" (span 1) over [requestStartNs, requestEndNs) whose one database
// call (span 2) runs over [callStartNs, callEndNs).
AnalysisTrace orderRequest(std::uint64_t number, std::int64_t requestStartNs,
                           std::int64_t requestEndNs, std::int64_t callStartNs,
                           std::int64_t callEndNs, const std::string &query = LockQuery,
                           const std::string &version = {})
{
    AnalysisTraceBuilder builder(number);
    const int server = builder.server("orders", "POST /orders", requestStartNs, requestEndNs);
    builder.version(server, version);
    builder.db(server, "postgresql", query, callStartNs, callEndNs);
    return builder.build();
}

FindingExample example(std::uint64_t trace, std::int64_t costNs)
{
    return {AnalysisTraceBuilder::traceIdOf(trace), {AnalysisTraceBuilder::idOf(2)}, costNs};
}

// count requests of 60 ms, 100 ms apart, each running query over [1, 3) ms of it, except request
// slowIndex, whose call takes 50 ms.
std::vector<AnalysisTrace> everyHundredMs(int count, int slowIndex, const std::string &query)
{
    std::vector<AnalysisTrace> traces;
    for (int k = 0; k < count; ++k) {
        const std::int64_t start = 100 * k * Ms;
        traces.push_back(orderRequest(std::uint64_t(k + 1), start, start + 60 * Ms, start + 1 * Ms,
                                      start + (k == slowIndex ? 51 : 3) * Ms, query));
    }
    return traces;
}

// Five requests arrive 1 ms apart; each holds the row for 10 ms, so each one's FOR UPDATE runs
// as the previous one's ends: call k over [1 + 10k, 11 + 10k) ms, in a request from k ms.
std::vector<AnalysisTrace> queueOfFive(const std::vector<std::string> &versions = {})
{
    std::vector<AnalysisTrace> traces;
    for (int k = 0; k < 5; ++k) {
        const std::string version = versions.empty() ? std::string() : versions[std::size_t(k)];
        traces.push_back(orderRequest(std::uint64_t(k + 1), k * Ms, (12 + 10 * k) * Ms,
                                      (1 + 10 * k) * Ms, (11 + 10 * k) * Ms, LockQuery, version));
    }
    return traces;
}

} // namespace

class TestLockWaitDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void queueOfFiveForUpdates();
    void queueNeedsEnoughCalls();
    void sequentialTrafficIsNoQueue();
    void gapBetweenCalls_data();
    void gapBetweenCalls();
    void waitThroughTheCallAhead_data();
    void waitThroughTheCallAhead();
    void parallelReadsAreNoQueue();
    void callsSideBySideAreNoQueue();
    void callsInOneRequestAreNoQueue();
    void queueInsideOneRequest();
    void writeOutlier();
    void outlierWithoutVisibleHolder();
    void readOutlierIsNoLockWait();
    void outlierNeedsEnoughCalls();
    void slowLockTakingStatement();
    void versionsOfTheInvolvedCalls();
};

void TestLockWaitDetector::queueOfFiveForUpdates()
{
    LockWaitDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings = runDetector(detector, queueOfFive());
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.kind, FindingKind::LockWait);
    QCOMPARE(finding.service, std::string("orders"));
    QCOMPARE(finding.operation, std::string("POST /orders"));
    QCOMPARE(finding.statement, LockStatement);
    // Request k (from k ms) waits until 1 + 10k ms: 10, 19, 28 and 37 ms.
    QCOMPARE(finding.title, "POST /orders: `" + LockStatement
                                + "` waited 94 ms behind other requests in 4 calls (max 37 ms) — "
                                  "likely lock wait");
    QCOMPARE(finding.occurrences, 4);
    QCOMPARE(finding.affectedTraces, 4);
    QCOMPARE(finding.endpointTraces, 5);
    QCOMPARE(finding.totalCostNs, 94 * Ms);
    QCOMPARE(finding.costNsPerRequest, 23.5 * Ms);
    // The blocked requests last 21, 30, 39 and 48 ms.
    QCOMPARE(finding.latencyShare, 94.0 / 138.0);
    QCOMPARE(finding.severity, FindingSeverity::High);
    QCOMPARE(finding.range, (TimeRange{Base + 1 * Ms, Base + 51 * Ms}));
    // The blocking call first (it made the others wait 94 ms), then the blocked ones.
    const std::vector<FindingExample> examples{example(1, 94 * Ms), example(5, 37 * Ms),
                                               example(4, 28 * Ms), example(3, 19 * Ms),
                                               example(2, 10 * Ms)};
    QCOMPARE(finding.examples, examples);
    const std::vector<FindingFact> facts{
        {"blocked calls", "4"},   {"total wait", "94 ms"},
        {"max wait", "37 ms"},    {"queues", "1"},
        {"longest queue", "5"},   {"slow outliers", "0"},
        {"target", "postgresql"}, {"blocking trace", toHex(AnalysisTraceBuilder::traceIdOf(1))},
    };
    QCOMPARE(finding.facts, facts);
    QVERIFY(finding.fixHint.find("transaction") != std::string::npos);
}

void TestLockWaitDetector::queueNeedsEnoughCalls()
{
    // Two calls queued behind one: a queue of three, the default minimum.
    std::vector<AnalysisTrace> three = queueOfFive();
    three.resize(3);
    LockWaitDetector detector{FindingThresholds{}};
    QCOMPARE(runDetector(detector, three).size(), std::size_t(1));

    std::vector<AnalysisTrace> two = queueOfFive();
    two.resize(2);
    LockWaitDetector tooShort{FindingThresholds{}};
    QVERIFY(runDetector(tooShort, two).empty());

    FindingThresholds thresholds;
    thresholds.lockMinQueuedCalls = 6;
    LockWaitDetector longerNeeded{thresholds};
    QVERIFY(runDetector(longerNeeded, queueOfFive()).empty());
}

void TestLockWaitDetector::sequentialTrafficIsNoQueue()
{
    // Back-to-back requests: each call starts 2 ms after the previous one ends (within the gap),
    // but its request only began after that call had ended: nothing waited.
    std::vector<AnalysisTrace> traces;
    for (int k = 0; k < 6; ++k)
        traces.push_back(orderRequest(std::uint64_t(k + 1), 12 * k * Ms, (12 * k + 12) * Ms,
                                      (12 * k + 1) * Ms, (12 * k + 11) * Ms));
    LockWaitDetector detector{FindingThresholds{}};
    QVERIFY(runDetector(detector, traces).empty());
}

void TestLockWaitDetector::gapBetweenCalls_data()
{
    QTest::addColumn<std::int64_t>("gapNs");
    QTest::addColumn<bool>("queued");
    QTest::newRow("no gap") << std::int64_t(0) << true;
    QTest::newRow("at lockChainGapNs") << 2 * Ms << true;
    QTest::newRow("1 ns more") << 2 * Ms + 1 << false;
}

void TestLockWaitDetector::gapBetweenCalls()
{
    QFETCH(std::int64_t, gapNs);
    QFETCH(bool, queued);
    // Three requests all from 0; call k over 5 ms + [k (10 ms + gap), k (10 ms + gap) + 10 ms).
    std::vector<AnalysisTrace> traces;
    for (int k = 0; k < 3; ++k) {
        const std::int64_t start = 5 * Ms + k * (10 * Ms + gapNs);
        traces.push_back(
            orderRequest(std::uint64_t(k + 1), 0, start + 11 * Ms, start, start + 10 * Ms));
    }
    LockWaitDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings = runDetector(detector, traces);
    QCOMPARE(findings.size(), std::size_t(queued ? 1 : 0));
    // The waits count from the first call's start: the 5 ms before it were the requests' own.
    if (queued)
        QCOMPARE(findings.front().totalCostNs, 3 * (10 * Ms + gapNs));
}

void TestLockWaitDetector::waitThroughTheCallAhead_data()
{
    QTest::addColumn<std::int64_t>("readyBeforeEndNs");
    QTest::addColumn<bool>("queued");
    // The calls ahead take 10 ms; lockMinWaitShare is half of that.
    QTest::newRow("through all of it") << 10 * Ms << true;
    QTest::newRow("through half") << 5 * Ms << true;
    QTest::newRow("1 ns less") << 5 * Ms - 1 << false;
    QTest::newRow("ready as it ended") << std::int64_t(0) << false;
}

void TestLockWaitDetector::waitThroughTheCallAhead()
{
    QFETCH(std::int64_t, readyBeforeEndNs);
    QFETCH(bool, queued);
    // Call k over [10k, 10k + 10) ms; request k + 1 became ready readyBeforeEndNs before call k
    // ended (and began its call as it ended).
    std::vector<AnalysisTrace> traces;
    for (int k = 0; k < 3; ++k) {
        const std::int64_t start = 10 * k * Ms;
        const std::int64_t requestStart = k == 0 ? 0 : start - readyBeforeEndNs;
        traces.push_back(orderRequest(std::uint64_t(k + 1), requestStart, start + 11 * Ms, start,
                                      start + 10 * Ms));
    }
    LockWaitDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings = runDetector(detector, traces);
    QCOMPARE(findings.size(), std::size_t(queued ? 1 : 0));
    if (queued)
        QCOMPARE(findings.front().totalCostNs, 2 * readyBeforeEndNs);
}

void TestLockWaitDetector::parallelReadsAreNoQueue()
{
    // Ten requests read the same rows at once: their calls overlap instead of queueing.
    std::vector<AnalysisTrace> traces;
    for (int k = 0; k < 10; ++k) {
        const std::int64_t start = k * Ms / 2;
        traces.push_back(orderRequest(std::uint64_t(k + 1), start, start + 20 * Ms, start + 5 * Ms,
                                      start + 15 * Ms, "SELECT * FROM inventory WHERE id = 7"));
    }
    LockWaitDetector detector{FindingThresholds{}};
    QVERIFY(runDetector(detector, traces).empty());
}

void TestLockWaitDetector::callsSideBySideAreNoQueue()
{
    // The queue's shape, but a call of another request runs in the middle of each call of it:
    // the statement ran two at a time, so nothing held a lock that made the others wait.
    std::vector<AnalysisTrace> traces = queueOfFive();
    for (int k = 0; k < 5; ++k)
        traces.push_back(
            orderRequest(std::uint64_t(10 + k), 0, 60 * Ms, (5 + 10 * k) * Ms, (8 + 10 * k) * Ms));
    LockWaitDetector detector{FindingThresholds{}};
    QVERIFY(runDetector(detector, traces).empty());
}

void TestLockWaitDetector::callsInOneRequestAreNoQueue()
{
    // A loop in one request runs the statement back to back: an N+1, not a queue.
    AnalysisTraceBuilder builder(1);
    const int server = builder.server("orders", "POST /orders", 0, 100 * Ms);
    for (int k = 0; k < 6; ++k)
        builder.db(server, "postgresql", LockQuery, (1 + 10 * k) * Ms, (11 + 10 * k) * Ms);
    LockWaitDetector detector{FindingThresholds{}};
    QVERIFY(runDetector(detector, {builder.build()}).empty());
}

void TestLockWaitDetector::queueInsideOneRequest()
{
    // Three parallel branches of one request, all started at 0, run the statement one after
    // another: they queue, but on their own request, not behind other requests.
    AnalysisTraceBuilder builder(1);
    const int server = builder.server("orders", "POST /orders", 0, 40 * Ms);
    for (int k = 0; k < 3; ++k) {
        const int branch = builder.add(server, "reserve item", SpanKind::Internal, 0, 35 * Ms);
        builder.db(branch, "postgresql", LockQuery, (1 + 10 * k) * Ms, (11 + 10 * k) * Ms);
    }
    LockWaitDetector detector{FindingThresholds{}};
    QVERIFY(runDetector(detector, {builder.build()}).empty());
}

void TestLockWaitDetector::writeOutlier()
{
    // Twenty requests 100 ms apart update a row in 2 ms; request 10 (trace 11) needs 50 ms while
    // request 9 (trace 10), which updated the row at 901 ms, is still running.
    std::vector<AnalysisTrace> traces;
    for (int k = 0; k < 20; ++k) {
        const std::int64_t start = 100 * k * Ms;
        const std::int64_t requestEnd = start + (k == 9 ? 150 : k == 10 ? 60 : 10) * Ms;
        const std::int64_t callEnd = start + (k == 10 ? 55 : 3) * Ms;
        traces.push_back(orderRequest(std::uint64_t(k + 1), start, requestEnd,
                                      start + (k == 10 ? 5 : 1) * Ms, callEnd, WriteQuery));
    }
    LockWaitDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings = runDetector(detector, traces);
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.statement, std::string("UPDATE inventory SET qty = qty - ? WHERE id = ?"));
    QCOMPARE(finding.occurrences, 1);
    QCOMPARE(finding.affectedTraces, 1);
    QCOMPARE(finding.endpointTraces, 20);
    // 50 ms against a median of 2 ms: 48 ms of waiting in a 60 ms request.
    QCOMPARE(finding.totalCostNs, 48 * Ms);
    QCOMPARE(finding.costNsPerRequest, 48.0 * Ms);
    QCOMPARE(finding.latencyShare, 0.8);
    QCOMPARE(finding.severity, FindingSeverity::High);
    // Blocking and blocked cost the same; equal costs go in trace id order.
    const std::vector<FindingExample> examples{example(10, 48 * Ms), example(11, 48 * Ms)};
    QCOMPARE(finding.examples, examples);
    QCOMPARE(finding.range, (TimeRange{Base + 901 * Ms, Base + 1'055 * Ms}));
    QCOMPARE(finding.facts.at(0), (FindingFact{"blocked calls", "1"}));
    QCOMPARE(finding.facts.at(3), (FindingFact{"queues", "0"}));
    QCOMPARE(finding.facts.at(5), (FindingFact{"slow outliers", "1"}));
    QCOMPARE(finding.facts.at(7),
             (FindingFact{"blocking trace", toHex(AnalysisTraceBuilder::traceIdOf(10))}));
}

void TestLockWaitDetector::outlierWithoutVisibleHolder()
{
    // The slow write's request starts after every other request has ended: it waited for a lock
    // held by something the traces do not show.
    LockWaitDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings = runDetector(detector, everyHundredMs(20, 10, WriteQuery));
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.examples, std::vector<FindingExample>{example(11, 48 * Ms)});
    QCOMPARE(finding.facts.size(), std::size_t(7)); // no "blocking trace"
    QCOMPARE(finding.range, (TimeRange{Base + 1'001 * Ms, Base + 1'051 * Ms}));
}

void TestLockWaitDetector::readOutlierIsNoLockWait()
{
    // The same shape on a plain read: slow, but nothing says it waited for a lock.
    LockWaitDetector detector{FindingThresholds{}};
    QVERIFY(runDetector(detector, everyHundredMs(20, 10, "SELECT qty FROM inventory WHERE id = 7"))
                .empty());
}

void TestLockWaitDetector::outlierNeedsEnoughCalls()
{
    // Nine calls (lockOutlierMinCalls is 10): the median of so few says too little.
    std::vector<AnalysisTrace> traces = everyHundredMs(9, 5, WriteQuery);
    LockWaitDetector nine{FindingThresholds{}};
    QVERIFY(runDetector(nine, traces).empty());
    traces.push_back(orderRequest(10, 900 * Ms, 960 * Ms, 901 * Ms, 903 * Ms, WriteQuery));
    LockWaitDetector ten{FindingThresholds{}};
    QCOMPARE(runDetector(ten, traces).size(), std::size_t(1));
}

void TestLockWaitDetector::slowLockTakingStatement()
{
    // Three FOR UPDATEs: two take 2 ms, one 150 ms while another request runs: it waited 148 ms.
    std::vector<AnalysisTrace> traces;
    traces.push_back(orderRequest(1, 0, 200 * Ms, 1 * Ms, 3 * Ms));
    traces.push_back(orderRequest(2, 10 * Ms, 170 * Ms, 12 * Ms, 162 * Ms));
    traces.push_back(orderRequest(3, 1'000 * Ms, 1'010 * Ms, 1'001 * Ms, 1'003 * Ms));
    LockWaitDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings = runDetector(detector, traces);
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.totalCostNs, 148 * Ms);
    QCOMPARE(finding.examples,
             (std::vector<FindingExample>{example(1, 148 * Ms), example(2, 148 * Ms)}));

    // Under lockSlowCallNs it is just a slower lookup.
    FindingThresholds thresholds;
    thresholds.lockSlowCallNs = 150 * Ms + 1;
    LockWaitDetector higher{thresholds};
    QVERIFY(runDetector(higher, traces).empty());
}

void TestLockWaitDetector::versionsOfTheInvolvedCalls()
{
    LockWaitDetector detector{FindingThresholds{}};
    const std::vector<Finding> findings
        = runDetector(detector, queueOfFive({"2.0", "2.1", "2.1", "2.0", "2.1"}));
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings.front().facts.back(), (FindingFact{"versions", "2.0, 2.1"}));
}

QTEST_GUILESS_MAIN(TestLockWaitDetector)
#include "tst_lock_wait_detector.moc"
