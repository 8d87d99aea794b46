#include "analysis/request_calls.h"
#include "support/analysis_trace_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;

namespace {

constexpr std::int64_t Ms = 1'000'000;

// "GET /cart" runs SELECT a twice around SELECT b, sends a message, does internal work and calls
// "pricing" over HTTP; pricing's request runs SELECT a once. A lone database span with no request
// stands beside them.
AnalysisTrace twoServices()
{
    AnalysisTraceBuilder builder(1);
    const int cart = builder.server("cart", "GET /cart", 0, 100 * Ms);
    builder.db(cart, "postgresql", "SELECT a FROM t WHERE id = 1", 30 * Ms, 35 * Ms);
    builder.db(cart, "postgresql", "SELECT b FROM t", 10 * Ms, 15 * Ms);
    builder.db(cart, "postgresql", "SELECT a FROM t WHERE id = 2", 5 * Ms, 8 * Ms);
    const int publish = builder.add(cart, "publish", SpanKind::Producer, 40 * Ms, 41 * Ms);
    builder.attribute(publish, "messaging.system", "kafka");
    builder.add(cart, "render", SpanKind::Internal, 41 * Ms, 45 * Ms);
    const int call = builder.http(cart, "GET", "http://pricing/prices/7", 50 * Ms, 90 * Ms);
    const int pricing = builder.server("pricing", "GET /prices/{id}", 52 * Ms, 88 * Ms, call);
    builder.db(pricing, "mysql", "SELECT a FROM t WHERE id = 3", 60 * Ms, 70 * Ms);
    builder.db(-1, "postgresql", "SELECT c FROM t", 0, 1 * Ms);
    return builder.build();
}

struct GroupView
{
    std::string request;
    std::string statement;
    std::vector<std::string> callStarts; // in ms
    bool operator==(const GroupView &) const = default;
};

std::vector<GroupView> viewOf(const PreparedTrace &trace, const RequestCalls &calls)
{
    std::vector<GroupView> views;
    for (const RequestCalls::Group &group : calls.groups()) {
        GroupView view{trace.span(group.request).name, std::string(group.statement), {}};
        for (int index : calls.calls(group))
            view.callStarts.push_back(
                std::to_string((trace.span(index).startTimeNs - AnalysisTraceBuilder::Base) / Ms));
        views.push_back(view);
    }
    std::sort(views.begin(), views.end(), [](const GroupView &a, const GroupView &b) {
        return std::tie(a.request, a.statement) < std::tie(b.request, b.statement);
    });
    return views;
}

} // namespace

class TestRequestCalls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void groupsByRequestAndStatement();
    void groupKindAndOrder();
    void preparedTraceKeepsOne();
};

void TestRequestCalls::groupsByRequestAndStatement()
{
    const AnalysisTrace trace = twoServices();
    const PreparedTrace prepared(trace);
    const RequestCalls calls(prepared);
    // The producer and internal spans are no measured calls; the lone span has no request.
    const std::vector<GroupView> expected{
        {"GET /cart", "GET pricing/prices/{id}", {"50"}},
        {"GET /cart", "SELECT a FROM t WHERE id = ?", {"5", "30"}},
        {"GET /cart", "SELECT b FROM t", {"10"}},
        {"GET /prices/{id}", "SELECT a FROM t WHERE id = ?", {"60"}},
    };
    QCOMPARE(viewOf(prepared, calls), expected);
}

void TestRequestCalls::groupKindAndOrder()
{
    const AnalysisTrace trace = twoServices();
    const PreparedTrace prepared(trace);
    const RequestCalls calls(prepared);
    int previousRequest = -1;
    for (const RequestCalls::Group &group : calls.groups()) {
        QVERIFY(group.request >= previousRequest); // by request
        previousRequest = group.request;
        QCOMPARE(group.kind,
                 group.statement.starts_with("GET") ? CallKind::Http : CallKind::Database);
        QVERIFY(group.end > group.begin);
    }
    QCOMPARE(calls.groups().size(), std::size_t(4));
    QVERIFY(RequestCalls::isMeasuredCall(CallKind::Rpc));
    QVERIFY(!RequestCalls::isMeasuredCall(CallKind::Messaging));
    QVERIFY(!RequestCalls::isMeasuredCall(CallKind::None));
}

void TestRequestCalls::preparedTraceKeepsOne()
{
    const AnalysisTrace trace = twoServices();
    PreparedTrace prepared(trace);
    const RequestCalls &first = prepared.requestCalls();
    QCOMPARE(&prepared.requestCalls(), &first);
    const std::vector<GroupView> before = viewOf(prepared, first);
    // The groups' statements stay valid when the prepared trace moves.
    const PreparedTrace moved(std::move(prepared));
    QCOMPARE(&moved.requestCalls(), &first);
    QCOMPARE(viewOf(moved, moved.requestCalls()), before);
}

QTEST_GUILESS_MAIN(TestRequestCalls)
#include "tst_request_calls.moc"
