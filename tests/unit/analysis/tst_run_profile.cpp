#include "analysis/findings_analyzer.h"
#include "analysis/run_profile_builder.h"
#include "support/analysis_trace_builder.h"

#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;

class TestRunProfile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyRun();
    void endpointFigures();
    void statementFigures();
    void callsPerRequestCountsRequestsWithoutTheCall();
    void errorsFollowTheFailureRules();
    void callsBelongToTheirNearestEndpoint();
    void rowsSortedAndFound();
    void findingsKeepTheWorstPerKey();
    void analyzerTakesThePreparedTrace();
};

static constexpr std::int64_t Ms = 1'000'000;

static void addTo(RunProfileBuilder &builder, const AnalysisTrace &trace)
{
    builder.addTrace(PreparedTrace(trace));
}

void TestRunProfile::emptyRun()
{
    const RunProfile profile = RunProfileBuilder().profile();
    QCOMPARE(profile.traceCount, 0);
    QCOMPARE(profile.spanCount, 0);
    QCOMPARE(profile.range, (TimeRange{0, 0}));
    QVERIFY(profile.operations.empty());
    QVERIFY(profile.statements.empty());
    QVERIFY(profile.findings.empty());
    QCOMPARE(profile.findOperation("shop", "GET /orders"), nullptr);
}

// 20 requests of 1..20 ms, the 3rd and 7th failing: nearest-rank p50 10 ms, p95 19 ms.
void TestRunProfile::endpointFigures()
{
    RunProfileBuilder builder;
    for (int i = 1; i <= 20; ++i) {
        AnalysisTraceBuilder trace{std::uint64_t(i)};
        const std::int64_t start = std::int64_t(i) * 1000 * Ms;
        const int root = trace.server("shop", "GET /orders", start, start + i * Ms);
        if (i == 3 || i == 7)
            trace.error(root);
        addTo(builder, trace.build());
    }
    const RunProfile profile = builder.profile();
    QCOMPARE(profile.traceCount, 20);
    QCOMPARE(profile.spanCount, 20);
    QCOMPARE(profile.range, (TimeRange{AnalysisTraceBuilder::Base + 1000 * Ms,
                                       AnalysisTraceBuilder::Base + 20'000 * Ms + 20 * Ms}));
    QCOMPARE(profile.operations.size(), std::size_t(1));
    const OperationProfile &operation = profile.operations.front();
    QCOMPARE(operation.service, std::string("shop"));
    QCOMPARE(operation.operation, std::string("GET /orders"));
    QCOMPARE(operation.requests, 20);
    QCOMPARE(operation.errors, 2);
    QCOMPARE(operation.errorRate(), 0.1);
    QCOMPARE(operation.p50Ns, 10 * Ms);
    QCOMPARE(operation.p95Ns, 19 * Ms);
    QCOMPARE(operation.totalLatencyNs, 210 * Ms);
    QCOMPARE(operation.meanLatencyNs(), 10.5 * double(Ms));
    QCOMPARE(operation.calls, 0);
    QCOMPARE(operation.callsPerRequest(), 0.0);
    QVERIFY(profile.statements.empty());
}

// 4 requests, each 3 SELECTs with different literals (one statement) of 1, 2, 3 ms, the last
// one failing in request 0, and one HTTP call of 4 ms.
void TestRunProfile::statementFigures()
{
    RunProfileBuilder builder;
    for (int i = 0; i < 4; ++i) {
        AnalysisTraceBuilder trace{std::uint64_t(i + 1)};
        const int root = trace.server("shop", "GET /orders/{id}", 0, 20 * Ms);
        for (int k = 0; k < 3; ++k) {
            const int call = trace.db(root, "postgresql",
                                      "SELECT * FROM items WHERE id = " + std::to_string(10 + k),
                                      k * 3 * Ms, k * 3 * Ms + (k + 1) * Ms);
            if (i == 0 && k == 2)
                trace.error(call);
        }
        trace.http(root, "GET", "http://inventory:8080/stock/17", 10 * Ms, 14 * Ms);
        addTo(builder, trace.build());
    }
    const RunProfile profile = builder.profile();
    QCOMPARE(profile.spanCount, 20);
    QCOMPARE(profile.operations.size(), std::size_t(1));
    QCOMPARE(profile.operations.front().calls, 16);
    QCOMPARE(profile.operations.front().callsPerRequest(), 4.0);
    QCOMPARE(profile.statements.size(), std::size_t(2));

    const StatementProfile *select
        = profile.findStatement("shop", "GET /orders/{id}", "SELECT * FROM items WHERE id = ?");
    QVERIFY(select);
    QCOMPARE(select->callKind, CallKind::Database);
    QCOMPARE(select->system, std::string("postgresql"));
    QCOMPARE(select->endpointRequests, 4);
    QCOMPARE(select->calls, 12);
    QCOMPARE(select->callsPerRequest(), 3.0);
    QCOMPARE(select->errors, 1);
    QCOMPARE(select->errorRate(), 1.0 / 12.0);
    QCOMPARE(select->p50Ns, 2 * Ms);
    QCOMPARE(select->p95Ns, 3 * Ms);
    QCOMPARE(select->totalDurationNs, 24 * Ms);
    QCOMPARE(select->timePerRequestNs(), 6.0 * double(Ms));

    const StatementProfile *http
        = profile.findStatement("shop", "GET /orders/{id}", profile.statements.front().statement);
    QCOMPARE(http, &profile.statements.front());
    QCOMPARE(http->callKind, CallKind::Http);
    QCOMPARE(http->calls, 4);
    QCOMPARE(http->p95Ns, 4 * Ms);
    QCOMPARE(http->errors, 0);
}

void TestRunProfile::callsPerRequestCountsRequestsWithoutTheCall()
{
    RunProfileBuilder builder;
    for (int i = 0; i < 4; ++i) {
        AnalysisTraceBuilder trace{std::uint64_t(i + 1)};
        const int root = trace.server("shop", "GET /cart", 0, 10 * Ms);
        if (i % 2 == 0)
            trace.db(root, "redis", "GET cart:17", Ms, 2 * Ms);
        addTo(builder, trace.build());
    }
    const RunProfile profile = builder.profile();
    const StatementProfile *get = profile.findStatement("shop", "GET /cart", "GET ?");
    QVERIFY(get);
    QCOMPARE(get->calls, 2);
    QCOMPARE(get->endpointRequests, 4);
    QCOMPARE(get->callsPerRequest(), 0.5);
    QCOMPARE(profile.operations.front().callsPerRequest(), 0.5);
}

// Failed as spanFailed says, like EndpointStatistics: with the status unset a server span fails on
// a 5xx, a client span on a 4xx or 5xx; an Ok status never fails.
void TestRunProfile::errorsFollowTheFailureRules()
{
    RunProfileBuilder builder;
    const struct
    {
        std::int64_t serverStatus;
        std::int64_t clientStatus;
        StatusCode clientStatusCode;
    } requests[] = {{200, 200, StatusCode::Unset},
                    {404, 404, StatusCode::Unset},
                    {503, 503, StatusCode::Unset},
                    {200, 500, StatusCode::Ok}};
    std::uint64_t number = 0;
    for (const auto &request : requests) {
        AnalysisTraceBuilder trace{++number};
        const int root = trace.server("shop", "GET /cart", 0, 10 * Ms);
        trace.attribute(root, "http.response.status_code", request.serverStatus);
        const int call = trace.http(root, "GET", "http://prices/cart", Ms, 2 * Ms);
        trace.attribute(call, "http.response.status_code", request.clientStatus);
        trace.span(call).statusCode = request.clientStatusCode;
        addTo(builder, trace.build());
    }
    const RunProfile profile = builder.profile();
    QCOMPARE(profile.operations.front().errors, 1);
    QCOMPARE(profile.operations.front().errorRate(), 0.25);
    QCOMPARE(profile.statements.front().calls, 4);
    QCOMPARE(profile.statements.front().errors, 2);
    QCOMPARE(profile.statements.front().errorRate(), 0.5);
}

// shop GET /checkout calls payments over HTTP; payments' POST /pay (a server span under the HTTP
// client span) runs the INSERT: the INSERT is POST /pay's call, the HTTP call is GET /checkout's.
// A trace that is one database span (a root) is an endpoint of its own and no call.
void TestRunProfile::callsBelongToTheirNearestEndpoint()
{
    RunProfileBuilder builder;
    AnalysisTraceBuilder trace(1);
    const int checkout = trace.server("shop", "GET /checkout", 0, 50 * Ms);
    const int client = trace.http(checkout, "POST", "http://payments/pay", 5 * Ms, 45 * Ms);
    const int pay = trace.server("payments", "POST /pay", 6 * Ms, 44 * Ms, client);
    trace.db(pay, "mysql", "INSERT INTO payments (amount) VALUES (12)", 10 * Ms, 20 * Ms);
    addTo(builder, trace.build());
    AnalysisTraceBuilder lone(2);
    const int select = lone.db(-1, "sqlite", "SELECT 1", 0, Ms);
    lone.span(select).service = "cron";
    addTo(builder, lone.build());

    const RunProfile profile = builder.profile();
    QCOMPARE(profile.traceCount, 2);
    QCOMPARE(profile.spanCount, 5);
    QCOMPARE(profile.operations.size(), std::size_t(3));
    QCOMPARE(profile.operations[0].service, std::string("cron"));
    QCOMPARE(profile.operations[0].operation, std::string("SELECT"));
    QCOMPARE(profile.operations[0].calls, 0);
    QCOMPARE(profile.operations[1].service, std::string("payments"));
    QCOMPARE(profile.operations[1].calls, 1);
    QCOMPARE(profile.operations[2].service, std::string("shop"));
    QCOMPARE(profile.operations[2].calls, 1);
    QCOMPARE(profile.statements.size(), std::size_t(2));
    QCOMPARE(profile.statements[0].service, std::string("payments"));
    QCOMPARE(profile.statements[0].operation, std::string("POST /pay"));
    QCOMPARE(profile.statements[0].statement,
             std::string("INSERT INTO payments (amount) VALUES (?)"));
    QCOMPARE(profile.statements[1].operation, std::string("GET /checkout"));
    QCOMPARE(profile.statements[1].statement, std::string("POST payments/pay"));
}

void TestRunProfile::rowsSortedAndFound()
{
    RunProfileBuilder builder;
    std::uint64_t number = 0;
    for (const char *service : {"web", "api", "web"}) {
        for (const char *operation : {"GET /b", "GET /a"}) {
            AnalysisTraceBuilder trace(++number);
            const int root = trace.server(service, operation, 0, 5 * Ms);
            trace.db(root, "postgresql", "UPDATE t SET x = 1", Ms, 2 * Ms);
            trace.db(root, "postgresql", "DELETE FROM t WHERE id = 2", 2 * Ms, 3 * Ms);
            addTo(builder, trace.build());
        }
    }
    const RunProfile profile = builder.profile();
    QCOMPARE(profile.operations.size(), std::size_t(4));
    QStringList operations;
    for (const OperationProfile &row : profile.operations)
        operations << QString::fromStdString(row.service + ' ' + row.operation);
    QCOMPARE(operations, (QStringList{QStringLiteral("api GET /a"), QStringLiteral("api GET /b"),
                                      QStringLiteral("web GET /a"), QStringLiteral("web GET /b")}));
    QCOMPARE(profile.findOperation("web", "GET /a")->requests, 2);
    QCOMPARE(profile.findOperation("api", "GET /b")->requests, 1);
    QCOMPARE(profile.findOperation("api", "GET /c"), nullptr);
    QCOMPARE(profile.findOperation("zzz", "GET /a"), nullptr);

    QCOMPARE(profile.statements.size(), std::size_t(8));
    QCOMPARE(profile.statements[0].statement, std::string("DELETE FROM t WHERE id = ?"));
    QCOMPARE(profile.statements[1].statement, std::string("UPDATE t SET x = ?"));
    QCOMPARE(profile.findStatement("web", "GET /b", "UPDATE t SET x = ?"), &profile.statements[7]);
    QCOMPARE(profile.findStatement("web", "GET /b", "UPDATE t SET y = ?"), nullptr);
    QCOMPARE(profile.findStatement("web", "GET /c", "UPDATE t SET x = ?"), nullptr);
}

static Finding finding(FindingKind kind, const std::string &operation, FindingSeverity severity,
                       double costNs, const std::string &title)
{
    Finding found;
    found.kind = kind;
    found.service = "shop";
    found.operation = operation;
    found.statement = "SELECT * FROM items WHERE id = ?";
    found.severity = severity;
    found.costNsPerRequest = costNs;
    found.title = title;
    found.occurrences = 50;
    found.affectedTraces = 7;
    return found;
}

void TestRunProfile::findingsKeepTheWorstPerKey()
{
    RunProfileBuilder builder;
    builder.addFindings({
        finding(FindingKind::SlowQuery, "GET /b", FindingSeverity::Low, 1e6, "slow b"),
        finding(FindingKind::NPlusOne, "GET /b", FindingSeverity::Medium, 3e6, "medium"),
        finding(FindingKind::NPlusOne, "GET /b", FindingSeverity::High, 1e6, "high cheap"),
    });
    builder.addFindings({
        finding(FindingKind::NPlusOne, "GET /b", FindingSeverity::High, 2e6, "high costly"),
        finding(FindingKind::NPlusOne, "GET /a", FindingSeverity::Info, 0, "z"),
        finding(FindingKind::NPlusOne, "GET /a", FindingSeverity::Info, 0, "a"),
    });
    const RunProfile profile = builder.profile();
    QCOMPARE(profile.findings.size(), std::size_t(3));
    QCOMPARE(profile.findings[0].key.operation, std::string("GET /a"));
    QCOMPARE(profile.findings[0].title, std::string("a"));
    QCOMPARE(profile.findings[1].key.kind, FindingKind::NPlusOne);
    QCOMPARE(profile.findings[1].key.operation, std::string("GET /b"));
    QCOMPARE(profile.findings[1].title, std::string("high costly"));
    QCOMPARE(profile.findings[1].severity, FindingSeverity::High);
    QCOMPARE(profile.findings[1].costNsPerRequest, 2e6);
    QCOMPARE(profile.findings[1].occurrences, 50);
    QCOMPARE(profile.findings[1].affectedTraces, 7);
    QCOMPARE(profile.findings[1].key.service, std::string("shop"));
    QCOMPARE(profile.findings[1].key.statement, std::string("SELECT * FROM items WHERE id = ?"));
    QCOMPARE(profile.findings[2].key.kind, FindingKind::SlowQuery);

    const FindingKey slow{FindingKind::SlowQuery, "shop", "GET /b",
                          "SELECT * FROM items WHERE id = ?"};
    QCOMPARE(profile.findFinding(slow), &profile.findings[2]);
    FindingKey other = slow;
    other.statement = "SELECT 1";
    QCOMPARE(profile.findFinding(other), nullptr);
}

// One PreparedTrace feeds both the analyzer and the profile, as `kansoku diff` does.
void TestRunProfile::analyzerTakesThePreparedTrace()
{
    AnalysisTraceBuilder builder(1);
    const int root = builder.server("shop", "GET /orders", 0, 10 * Ms);
    builder.db(root, "postgresql", "SELECT 1", Ms, 2 * Ms);
    builder.server("shop", "GET /health", 20 * Ms, 21 * Ms);
    const AnalysisTrace trace = builder.build();

    FindingsAnalyzer fromTrace;
    fromTrace.addTrace(trace);
    FindingsAnalyzer fromPrepared;
    RunProfileBuilder profile;
    const PreparedTrace prepared(trace);
    fromPrepared.addTrace(prepared);
    profile.addTrace(prepared);

    QCOMPARE(fromPrepared.traceCount(), 1);
    QCOMPARE(fromPrepared.spanCount(), 3);
    QCOMPARE(fromPrepared.traceCount(), fromTrace.traceCount());
    QCOMPARE(fromPrepared.spanCount(), fromTrace.spanCount());
    QCOMPARE(fromPrepared.endpoints().all().size(), std::size_t(2));
    QCOMPARE(fromPrepared.endpoints().totals({"shop", "GET /orders"}).requests, 1);
    QCOMPARE(fromTrace.endpoints().totals({"shop", "GET /orders"}).requests, 1);
    QCOMPARE(fromPrepared.endpoints().totals({"shop", "GET /health"}).totalLatencyNs, Ms);
    QCOMPARE(profile.profile().operations.size(), std::size_t(2));
}

QTEST_GUILESS_MAIN(TestRunProfile)
#include "tst_run_profile.moc"
