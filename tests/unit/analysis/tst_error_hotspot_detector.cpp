#include "analysis/error_hotspot_detector.h"
#include "analysis/findings_analyzer.h"
#include "support/analysis_trace_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;

class TestErrorHotspotDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void groupsByExceptionType();
    void groupsNormalizedMessages();
    void belowTheThresholdThereIsNone();
    void healthyWorkloadHasNone();
    void errorsInDifferentOperationsAreSeparate();
    void reraisedErrorCountsOnceButEachServiceItsOwn();
    void aFailurePassedUpUnderOtherNamesCountsOnce();
    void httpStatusOnlyErrors();
    void analyzerRunsTheDetector();
};

namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr std::int64_t Second = 1'000'000'000;

// Feeds traces to the detector and to the endpoint statistics, as FindingsAnalyzer does.
class Harness
{
public:
    explicit Harness(const FindingThresholds &thresholds = {})
        : m_detector(thresholds)
    {}
    void add(const AnalysisTrace &trace)
    {
        const PreparedTrace prepared(trace);
        m_endpoints.addTrace(prepared);
        m_detector.addTrace(prepared);
    }
    std::vector<Finding> findings() const { return m_detector.findings(m_endpoints); }

private:
    ErrorHotspotDetector m_detector;
    EndpointStatistics m_endpoints;
};

TraceId traceIdOf(std::uint64_t number)
{
    return AnalysisTraceBuilder(number).build().traceId;
}

FindingExample example(std::uint64_t trace, std::vector<std::uint64_t> spans, std::int64_t costNs)
{
    std::vector<SpanId> ids;
    for (std::uint64_t span : spans)
        ids.push_back(AnalysisTraceBuilder::idOf(span));
    return {traceIdOf(trace), ids, costNs};
}

// A checkout request at second `number`, taking durationMs; failed with the exception and message
// when given.
AnalysisTrace checkoutRequest(std::uint64_t number, std::int64_t durationMs,
                              const std::string &exceptionType = {},
                              const std::string &message = {})
{
    AnalysisTraceBuilder builder(number);
    const std::int64_t start = std::int64_t(number) * Second;
    const int root = builder.server("checkout", "POST /orders", start, start + durationMs * Ms);
    if (!exceptionType.empty() || !message.empty())
        builder.error(root, exceptionType, message);
    return builder.build();
}

} // namespace

void TestErrorHotspotDetector::groupsByExceptionType()
{
    Harness harness;
    const std::map<std::uint64_t, std::pair<std::int64_t, std::string>> failures = {
        {2, {300, "timeout after 1203 ms"}},
        {4, {500, "payment gateway timed out"}},
        {6, {400, "timeout after 1187 ms"}},
        {8, {200, ""}},
    };
    // Stored out of time order.
    for (std::uint64_t number : {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}) {
        const auto failure = failures.find(number);
        harness.add(failure == failures.end()
                        ? checkoutRequest(number, 100)
                        : checkoutRequest(number, failure->second.first, "PaymentTimeoutError",
                                          failure->second.second));
    }

    const std::vector<Finding> findings = harness.findings();
    QCOMPARE(findings.size(), std::size_t(1));
    const Finding &finding = findings.front();
    QCOMPARE(finding.kind, FindingKind::ErrorHotspot);
    QCOMPARE(finding.title, std::string("checkout POST /orders: PaymentTimeoutError 4× in 40% of "
                                        "requests — error hotspot"));
    QCOMPARE(finding.service, std::string("checkout"));
    QCOMPARE(finding.operation, std::string("POST /orders"));
    QCOMPARE(finding.statement, std::string());
    QCOMPARE(finding.occurrences, 4);
    QCOMPARE(finding.affectedTraces, 4);
    QCOMPARE(finding.endpointTraces, 10);
    // The failed requests' time: 300 + 500 + 400 + 200 ms of the endpoint's 2000 ms.
    QCOMPARE(finding.totalCostNs, 1400 * Ms);
    QCOMPARE(finding.costNsPerRequest, double(350 * Ms));
    QCOMPARE(finding.latencyShare, 0.7);
    QCOMPARE(finding.severity, FindingSeverity::High);
    const std::vector<FindingExample> examples
        = {example(4, {1}, 500 * Ms), example(6, {1}, 400 * Ms), example(2, {1}, 300 * Ms),
           example(8, {1}, 200 * Ms)};
    QCOMPARE(finding.examples, examples);
    QCOMPARE(finding.range.startNs, AnalysisTraceBuilder::Base + 2 * Second);
    QCOMPARE(finding.range.endNs, AnalysisTraceBuilder::Base + 8 * Second + 200 * Ms);
    const std::vector<FindingFact> facts = {
        {"errors", "4"},
        {"requests with the error", "4 of 10 (40%)"},
        {"requests that failed", "4 of 4"},
        {"exception type", "PaymentTimeoutError"},
        {"first message", "timeout after 1203 ms"},
        {"logs", "search the logs for trace:" + toHex(traceIdOf(4))},
    };
    QCOMPARE(finding.facts, facts);
    QVERIFY(finding.fixHint.find("PaymentTimeoutError") != std::string::npos);
    QVERIFY(finding.fixHint.find("40% of POST /orders requests") != std::string::npos);
}

void TestErrorHotspotDetector::groupsNormalizedMessages()
{
    Harness harness;
    harness.add(checkoutRequest(1, 10, {}, "timeout after 1203 ms"));
    harness.add(checkoutRequest(2, 10, {}, "timeout after 1187 ms"));
    harness.add(checkoutRequest(3, 10, {}, "connection refused by 10.0.0.7:5432"));
    harness.add(checkoutRequest(4, 10));
    harness.add(checkoutRequest(5, 10, {}, "Timeout after 990 ms")); // another message: case
    harness.add(checkoutRequest(6, 10, {}, "connection refused by 10.0.0.8:5432"));
    harness.add(checkoutRequest(7, 10, {}, "timeout after 2001 ms\n  at Payment.charge()"));
    harness.add(checkoutRequest(8, 10, {}, "connection refused by 10.0.0.9:5432"));

    const std::vector<Finding> findings = harness.findings();
    QCOMPARE(findings.size(), std::size_t(2));
    // Equal counts: in the order of their keys.
    QCOMPARE(findings[0].title, std::string("checkout POST /orders: \"connection refused by ?:?\" "
                                            "3× in 38% of requests — error hotspot"));
    QCOMPARE(findings[1].title, std::string("checkout POST /orders: \"timeout after ? ms\" 3× in "
                                            "38% of requests — error hotspot"));
    QCOMPARE(findings[1].occurrences, 3);
    QCOMPARE(findings[1].facts.at(3), (FindingFact{"status message", "timeout after ? ms"}));
    // The earliest message as sent, first line.
    QCOMPARE(findings[1].facts.at(4), (FindingFact{"first message", "timeout after 1203 ms"}));
    QCOMPARE(findings[0].facts.at(4),
             (FindingFact{"first message", "connection refused by 10.0.0.7:5432"}));
    // 3 requests of 10 ms of the endpoint's 80 ms.
    QCOMPARE(findings[1].latencyShare, 0.375);
    QCOMPARE(findings[1].severity, FindingSeverity::Medium);
}

void TestErrorHotspotDetector::belowTheThresholdThereIsNone()
{
    const auto run = [](int minCount) {
        FindingThresholds thresholds;
        thresholds.errorMinCount = minCount;
        Harness harness(thresholds);
        harness.add(checkoutRequest(1, 100, "ValidationError"));
        harness.add(checkoutRequest(2, 100));
        harness.add(checkoutRequest(3, 100, "ValidationError"));
        harness.add(checkoutRequest(4, 100, "PaymentTimeoutError"));
        return harness.findings();
    };
    QVERIFY(run(3).empty());
    const std::vector<Finding> atTwo = run(2);
    QCOMPARE(atTwo.size(), std::size_t(1));
    QCOMPARE(atTwo.front().title, std::string("checkout POST /orders: ValidationError 2× in 50% of "
                                              "requests — error hotspot"));
    QCOMPARE(run(1).size(), std::size_t(2));
}

void TestErrorHotspotDetector::healthyWorkloadHasNone()
{
    Harness harness;
    for (std::uint64_t number = 1; number <= 50; ++number) {
        AnalysisTraceBuilder builder(number);
        const int root = builder.server("checkout", "POST /orders", 0, 100 * Ms);
        builder.attribute(root, "http.response.status_code", std::int64_t(201));
        const int call = builder.http(root, "GET", "http://inventory:8080/items/7", Ms, 20 * Ms);
        builder.attribute(call, "http.response.status_code", std::int64_t(200));
        builder.span(call).statusCode = StatusCode::Ok;
        builder.db(root, "postgresql", "SELECT * FROM orders WHERE id = 7", 30 * Ms, 40 * Ms);
        // A handled exception without an error status is no error.
        builder.span(root).exceptionType = "CacheMissException";
        harness.add(builder.build());
    }
    QVERIFY(harness.findings().empty());
}

void TestErrorHotspotDetector::errorsInDifferentOperationsAreSeparate()
{
    Harness harness;
    std::uint64_t number = 0;
    for (int i = 0; i < 3; ++i) {
        // The INSERT fails and the request re-raises it: counted once, at the INSERT.
        AnalysisTraceBuilder insert(++number);
        const int root = insert.server("checkout", "POST /orders", 0, 80 * Ms);
        const int db = insert.db(root, "postgresql",
                                 "INSERT INTO orders (id) VALUES (" + std::to_string(i) + ")",
                                 10 * Ms, 60 * Ms);
        insert.error(db, "DeadlockDetected", "deadlock detected");
        insert.error(root, "DeadlockDetected", "deadlock detected");
        harness.add(insert.build());
        // The SELECT fails and the request recovers: it cost the SELECT's time.
        AnalysisTraceBuilder select(++number);
        const int recovered = select.server("checkout", "POST /orders", 0, 100 * Ms);
        const int query = select.db(recovered, "postgresql", "SELECT * FROM stock WHERE id = 3",
                                    5 * Ms, 25 * Ms);
        select.error(query, "DeadlockDetected");
        harness.add(select.build());
        // Another endpoint with the same exception.
        AnalysisTraceBuilder other(++number);
        other.error(other.server("checkout", "GET /orders/{id}", 0, 30 * Ms), "DeadlockDetected");
        harness.add(other.build());
    }

    const std::vector<Finding> findings = harness.findings();
    QCOMPARE(findings.size(), std::size_t(3));
    QCOMPARE(findings[0].title, std::string("checkout GET /orders/{id}: DeadlockDetected 3× in "
                                            "100% of requests — error hotspot"));
    QCOMPARE(findings[0].statement, std::string());
    QCOMPARE(findings[1].title,
             std::string("checkout POST /orders: DeadlockDetected at `INSERT INTO orders (id) "
                         "VALUES (?)` 3× in 50% of requests — error hotspot"));
    QCOMPARE(findings[1].statement, std::string("INSERT INTO orders (id) VALUES (?)"));
    QCOMPARE(findings[1].occurrences, 3);
    QCOMPARE(findings[1].totalCostNs, 3 * 80 * Ms);
    QCOMPARE(findings[1].examples.front().spanIds,
             std::vector<SpanId>{AnalysisTraceBuilder::idOf(2)});
    QCOMPARE(findings[1].facts.at(2), (FindingFact{"requests that failed", "3 of 3"}));
    QCOMPARE(findings[1].facts.at(5), (FindingFact{"failing call", "checkout INSERT INTO orders "
                                                                   "(id) VALUES (?)"}));
    QCOMPARE(findings[2].title,
             std::string("checkout POST /orders: DeadlockDetected at `SELECT * FROM stock WHERE id "
                         "= ?` 3× in 50% of requests — error hotspot"));
    QCOMPARE(findings[2].facts.at(2), (FindingFact{"requests that failed", "0 of 3"}));
    QCOMPARE(findings[2].totalCostNs, 3 * 20 * Ms);
    QCOMPARE(findings[2].costNsPerRequest, double(20 * Ms));
    // 60 ms of POST /orders' 540 ms.
    QCOMPARE(findings[2].latencyShare, 60.0 / 540.0);
    QCOMPARE(findings[2].severity, FindingSeverity::Medium);
}

void TestErrorHotspotDetector::reraisedErrorCountsOnceButEachServiceItsOwn()
{
    Harness harness;
    for (std::uint64_t number = 1; number <= 3; ++number) {
        AnalysisTraceBuilder builder(number);
        const int root = builder.server("checkout", "POST /orders", 0, 900 * Ms);
        const int internal = builder.add(root, "charge card", SpanKind::Internal, Ms, 850 * Ms);
        const int call
            = builder.http(internal, "POST", "http://payment:8080/charge", 2 * Ms, 800 * Ms);
        const int remote = builder.server("payment", "POST /charge", 3 * Ms, 790 * Ms, call);
        for (int index : {root, internal, call, remote})
            builder.error(index, "TimeoutError");
        harness.add(builder.build());
    }
    const std::vector<Finding> findings = harness.findings();
    QCOMPARE(findings.size(), std::size_t(2));
    QCOMPARE(findings[0].title, std::string("checkout POST /orders: TimeoutError at `POST "
                                            "payment:8080/charge` 3× in 100% of requests — error "
                                            "hotspot"));
    QCOMPARE(findings[0].examples.front().spanIds,
             std::vector<SpanId>{AnalysisTraceBuilder::idOf(3)});
    QCOMPARE(findings[0].totalCostNs, 3 * 900 * Ms);
    QCOMPARE(findings[1].title, std::string("payment POST /charge: TimeoutError 3× in 100% of "
                                            "requests — error hotspot"));
    QCOMPARE(findings[1].service, std::string("payment"));
    QCOMPARE(findings[1].totalCostNs, 3 * 787 * Ms);
}

void TestErrorHotspotDetector::aFailurePassedUpUnderOtherNamesCountsOnce()
{
    // One declined payment, named three ways on its way up: the exception on the call, a status
    // message on the handler, HTTP 502 on the request. One finding, at the call.
    Harness harness;
    for (std::uint64_t number = 1; number <= 4; ++number) {
        AnalysisTraceBuilder builder(number);
        const int root = builder.server("frontend", "POST /checkout", 0, 200 * Ms);
        builder.attribute(root, "http.response.status_code", std::int64_t(502));
        const int handler = builder.add(root, "placeOrder", SpanKind::Internal, Ms, 190 * Ms);
        builder.error(handler, {}, "payment failed");
        const int call
            = builder.http(handler, "POST", "https://payments.example/charge", 2 * Ms, 180 * Ms);
        builder.error(call, "PaymentDeclined", "card declined");
        harness.add(builder.build());
    }
    const std::vector<Finding> findings = harness.findings();
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].title, std::string("frontend POST /checkout: PaymentDeclined at `POST "
                                            "payments.example/charge` 4× in 100% of requests — "
                                            "error hotspot"));
    QCOMPARE(findings[0].occurrences, 4);
}

void TestErrorHotspotDetector::httpStatusOnlyErrors()
{
    Harness harness;
    for (std::uint64_t number = 1; number <= 6; ++number) {
        AnalysisTraceBuilder builder(number);
        const int root = builder.server("api", "GET /users/{id}", 0, 50 * Ms);
        // Half the requests answer 503, the others 404 (the caller's fault, no server error).
        builder.attribute(root, "http.response.status_code",
                          std::int64_t(number % 2 == 0 ? 503 : 404));
        // Every request's call to the directory answers 404: a client error.
        const int call = builder.http(root, "GET", "http://directory/people/17", Ms, 11 * Ms);
        builder.attribute(call, "http.response.status_code", std::int64_t(404));
        harness.add(builder.build());
    }
    const std::vector<Finding> findings = harness.findings();
    QCOMPARE(findings.size(), std::size_t(2));
    QCOMPARE(findings[0].title, std::string("api GET /users/{id}: HTTP 404 at `GET "
                                            "directory/people/{id}` 6× in 100% of requests — "
                                            "error hotspot"));
    QCOMPARE(findings[0].facts.at(2), (FindingFact{"requests that failed", "3 of 6"}));
    QCOMPARE(findings[0].facts.at(3), (FindingFact{"HTTP status", "404"}));
    // Three requests failed (50 ms each), three recovered from the call (10 ms each).
    QCOMPARE(findings[0].totalCostNs, 3 * 50 * Ms + 3 * 10 * Ms);
    QCOMPARE(findings[1].title, std::string("api GET /users/{id}: HTTP 503 3× in 50% of requests "
                                            "— error hotspot"));
    QCOMPARE(findings[1].occurrences, 3);
    QCOMPARE(findings[1].facts.at(3), (FindingFact{"HTTP status", "503"}));
    QCOMPARE(findings[1].examples.size(), std::size_t(3));
}

void TestErrorHotspotDetector::analyzerRunsTheDetector()
{
    FindingsAnalyzer analyzer;
    for (std::uint64_t number = 1; number <= 5; ++number)
        analyzer.addTrace(checkoutRequest(number, 100, "PaymentTimeoutError"));
    const std::vector<Finding> findings = analyzer.findings();
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings.front().kind, FindingKind::ErrorHotspot);
    QCOMPARE(findings.front().occurrences, 5);
    QCOMPARE(analyzer.endpoints().totals({"checkout", "POST /orders"}).errors, 5);
}

QTEST_GUILESS_MAIN(TestErrorHotspotDetector)
#include "tst_error_hotspot_detector.moc"
