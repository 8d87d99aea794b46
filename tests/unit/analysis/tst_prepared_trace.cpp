#include "analysis/endpoint_statistics.h"
#include "analysis/prepared_trace.h"
#include "support/analysis_trace_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;

class TestPreparedTrace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parentsChildrenAndEndpoints();
    void orphansAndParentLoops();
    void endpointStatisticsCountRequestsAndTraces();
};

namespace {

int indexOf(const PreparedTrace &prepared, const std::string &name)
{
    for (int i = 0; i < prepared.spanCount(); ++i) {
        if (prepared.span(i).name == name)
            return i;
    }
    return -1;
}

} // namespace

void TestPreparedTrace::parentsChildrenAndEndpoints()
{
    // frontend GET /checkout -> HTTP client -> cart server POST /cart -> two DB calls; the
    // children were added out of start order.
    AnalysisTraceBuilder builder(1);
    const int root = builder.server("frontend", "GET /checkout", 0, 100);
    const int render = builder.add(root, "render", SpanKind::Internal, 60, 90);
    const int client = builder.http(root, "POST", "http://cart/cart", 10, 50);
    const int cart = builder.server("cart", "POST /cart", 12, 48, client);
    builder.db(cart, "postgresql", "SELECT b FROM t", 30, 40);
    builder.db(cart, "postgresql", "SELECT a FROM t", 15, 25);
    (void)render;
    const AnalysisTrace trace = builder.build();
    const PreparedTrace prepared(trace);

    QCOMPARE(prepared.spanCount(), 6);
    const int rootIndex = indexOf(prepared, "GET /checkout");
    const int cartIndex = indexOf(prepared, "POST /cart");
    const int clientIndex = indexOf(prepared, "POST");
    const int selectA = indexOf(prepared, "SELECT");
    QCOMPARE(prepared.roots(), std::vector<int>{rootIndex});
    QCOMPARE(prepared.parent(rootIndex), -1);
    QCOMPARE(prepared.parent(cartIndex), clientIndex);
    // Children in start order: the HTTP call (10) before render (60).
    QCOMPARE(prepared.children(rootIndex),
             (std::vector<int>{clientIndex, indexOf(prepared, "render")}));
    QCOMPARE(prepared.children(cartIndex).size(), std::size_t(2));
    QCOMPARE(prepared.span(prepared.children(cartIndex)[0]).startTimeNs,
             AnalysisTraceBuilder::Base + 15);

    // Endpoints: the client call belongs to the frontend request, the DB calls to the cart one.
    QCOMPARE(prepared.endpoint(clientIndex), rootIndex);
    QCOMPARE(prepared.endpoint(cartIndex), cartIndex);
    QCOMPARE(prepared.endpoint(selectA), cartIndex);
    QCOMPARE(prepared.endpointSpans(), (std::vector<int>{rootIndex, cartIndex}));

    QCOMPARE(prepared.call(selectA).kind, CallKind::Database);
    QCOMPARE(prepared.call(clientIndex).kind, CallKind::Http);
    QCOMPARE(prepared.call(rootIndex).kind, CallKind::None);
}

void TestPreparedTrace::orphansAndParentLoops()
{
    AnalysisTraceBuilder builder(2);
    const int root = builder.server("svc", "GET /", 0, 100);
    const int orphan = builder.add(-1, "orphan", SpanKind::Internal, 10, 20);
    builder.span(orphan).parentSpanId = AnalysisTraceBuilder::idOf(999);
    const int loopA = builder.add(-1, "loopA", SpanKind::Internal, 30, 40);
    const int loopB = builder.add(loopA, "loopB", SpanKind::Internal, 31, 39);
    builder.span(loopA).parentSpanId = builder.span(loopB).spanId;
    const int self = builder.add(-1, "self", SpanKind::Internal, 50, 60);
    builder.span(self).parentSpanId = builder.span(self).spanId;
    (void)root;
    const AnalysisTrace trace = builder.build();
    const PreparedTrace prepared(trace);

    QCOMPARE(prepared.parent(indexOf(prepared, "orphan")), -1);
    QCOMPARE(prepared.parent(indexOf(prepared, "self")), -1);
    // The loop is cut once: one of its spans becomes a root, the other stays its child.
    const int a = indexOf(prepared, "loopA");
    const int b = indexOf(prepared, "loopB");
    QVERIFY((prepared.parent(a) == -1) != (prepared.parent(b) == -1));
    QCOMPARE(prepared.roots().size(), std::size_t(4));
    for (int i = 0; i < prepared.spanCount(); ++i)
        QVERIFY(prepared.endpoint(i) >= 0);
}

void TestPreparedTrace::endpointStatisticsCountRequestsAndTraces()
{
    EndpointStatistics statistics;
    for (std::uint64_t n = 0; n < 3; ++n) {
        AnalysisTraceBuilder builder(n);
        const int root = builder.server("shop", "GET /orders/{id}", 0, 100 + std::int64_t(n));
        if (n == 2)
            builder.error(root);
        // Two requests of the same endpoint in one trace count twice as requests, once as a trace.
        const int client = builder.http(root, "GET", "http://shop/orders/1", 10, 40);
        builder.server("shop", "GET /orders/{id}", 12, 38, client);
        const AnalysisTrace trace = builder.build();
        statistics.addTrace(PreparedTrace(trace));
    }
    const EndpointTotals totals = statistics.totals({"shop", "GET /orders/{id}"});
    QCOMPARE(totals.requests, 6);
    QCOMPARE(totals.traces, 3);
    QCOMPARE(totals.errors, 1);
    QCOMPARE(totals.totalLatencyNs, 100 + 101 + 102 + 3 * 26);
    QCOMPARE(statistics.totals({"shop", "other"}).requests, 0);
}

QTEST_APPLESS_MAIN(TestPreparedTrace)
#include "tst_prepared_trace.moc"
