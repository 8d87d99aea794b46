#include "analysis/endpoint_statistics.h"
#include "support/analysis_trace_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;

class TestEndpointStatistics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestsTracesAndLatency();
    void errorsFollowTheSemanticConventions();
};

static void addTo(EndpointStatistics &statistics, const AnalysisTrace &trace)
{
    statistics.addTrace(PreparedTrace(trace));
}

void TestEndpointStatistics::requestsTracesAndLatency()
{
    EndpointStatistics statistics;
    // Trace 1: a request of checkout calling inventory twice (two requests of inventory).
    AnalysisTraceBuilder first(1);
    const int root = first.server("checkout", "POST /orders", 0, 100);
    const int call = first.http(root, "GET", "http://inventory/items/1", 10, 40);
    first.server("inventory", "GET /items/{id}", 12, 38, call);
    const int second = first.http(root, "GET", "http://inventory/items/2", 50, 80);
    first.server("inventory", "GET /items/{id}", 52, 70, second);
    addTo(statistics, first.build());
    // Trace 2: another checkout request.
    AnalysisTraceBuilder other(2);
    other.server("checkout", "POST /orders", 0, 60);
    addTo(statistics, other.build());

    const EndpointTotals checkout = statistics.totals({"checkout", "POST /orders"});
    QCOMPARE(checkout.requests, 2);
    QCOMPARE(checkout.traces, 2);
    QCOMPARE(checkout.totalLatencyNs, 160);
    const EndpointTotals inventory = statistics.totals({"inventory", "GET /items/{id}"});
    QCOMPARE(inventory.requests, 2);
    QCOMPARE(inventory.traces, 1);
    QCOMPARE(inventory.totalLatencyNs, 44);
    QCOMPARE(statistics.totals({"nobody", "GET /"}).requests, 0);
    QCOMPARE(statistics.all().size(), std::size_t(2));
}

void TestEndpointStatistics::errorsFollowTheSemanticConventions()
{
    EndpointStatistics statistics;
    const auto request = [&](std::uint64_t number, StatusCode status, std::int64_t httpStatus) {
        AnalysisTraceBuilder builder(number);
        const int root = builder.server("api", "GET /", 0, 10);
        builder.span(root).statusCode = status;
        builder.attribute(root, "http.response.status_code", httpStatus);
        addTo(statistics, builder.build());
    };
    request(1, StatusCode::Error, 200);
    request(2, StatusCode::Unset, 503); // unset by the instrumentation, failed by its status
    request(3, StatusCode::Unset, 404); // a server's 4xx is not its error
    request(4, StatusCode::Ok, 500);    // the instrumentation said it went well
    request(5, StatusCode::Unset, 200);
    QCOMPARE(statistics.totals({"api", "GET /"}).requests, 5);
    QCOMPARE(statistics.totals({"api", "GET /"}).errors, 2);
}

QTEST_GUILESS_MAIN(TestEndpointStatistics)
#include "tst_endpoint_statistics.moc"
