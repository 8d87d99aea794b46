// The learner's answer check: the cause is right with its explanation, a symptom is close with
// its own, anything else is not it with the task as a nudge; in both languages. Findings, metrics
// and spans (hand-made, and every span of a generated run: some are right before the fix, none
// after it).
#include "scenarios/scenario_catalog.h"
#include "scenarios/scenario_engine.h"
#include "scenarios/training_answer_checker.h"

#include <QTest>
#include <map>

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

KeyValue text(std::string key, std::string value)
{
    return KeyValue{std::move(key), AnyValue::fromString(std::move(value))};
}

KeyValue integer(std::string key, std::int64_t value)
{
    return KeyValue{std::move(key), AnyValue::fromInt(value)};
}

struct SpanShape
{
    std::string service = "shop-api";
    std::string version;
    std::string name;
    SpanKind kind = SpanKind::Client;
    Attributes attributes;
    std::int64_t startNs = 1100 * Second;
    std::int64_t durationNs = Second / 1000;
    std::string rootName;
    std::optional<std::int64_t> parentStartNs;
};

AnsweredSpan span(SpanShape shape)
{
    AnsweredSpan answered;
    answered.span.spanId = *SpanId::fromRaw("\x01\x02\x03\x04\x05\x06\x07\x08");
    answered.span.parentSpanId
        = shape.rootName.empty() ? SpanId{} : *SpanId::fromRaw("\x09\x02\x03\x04\x05\x06\x07\x08");
    answered.span.name = std::move(shape.name);
    answered.span.kind = shape.kind;
    answered.span.startTimeNs = shape.startNs;
    answered.span.endTimeNs = shape.startNs + shape.durationNs;
    answered.span.service = std::move(shape.service);
    answered.span.serviceVersion = std::move(shape.version);
    answered.span.attributes = std::move(shape.attributes);
    answered.rootName = shape.rootName.empty() ? answered.span.name : std::move(shape.rootName);
    answered.parentStartNs = shape.parentStartNs;
    return answered;
}

AnsweredSpan query(std::string statement, std::string rootName,
                   std::int64_t durationNs = Second / 1000, std::string version = {})
{
    return span({.version = std::move(version),
                 .name = "SELECT",
                 .attributes = {text("db.system.name", "postgresql"),
                                text("db.query.text", std::move(statement))},
                 .durationNs = durationNs,
                 .rootName = std::move(rootName)});
}

AnsweredSpan server(std::string route, std::int64_t startNs = 1100 * Second,
                    std::string version = {})
{
    return span({.version = std::move(version),
                 .name = route,
                 .kind = SpanKind::Server,
                 .attributes = {text("http.route", route)},
                 .startNs = startNs,
                 .durationNs = Second / 10});
}

AnsweredSpan tcpConnect(std::int64_t durationNs)
{
    return span({.name = "tcp.connect",
                 .kind = SpanKind::Internal,
                 .attributes = {text("net.peer.name", "inventory"), integer("net.peer.port", 8080)},
                 .durationNs = durationNs,
                 .rootName = "POST /checkout"});
}

AnsweredSpan shard(std::int64_t delayNs)
{
    const std::int64_t jobStart = 1100 * Second;
    return span({.service = "report-worker",
                 .name = "process report-shard",
                 .kind = SpanKind::Internal,
                 .startNs = jobStart + delayNs,
                 .durationNs = 1500 * Second / 1000,
                 .rootName = "job sales-report",
                 .parentStartNs = jobStart});
}

// The traces of a batch, whole (a batch from ScenarioEngine holds only ended requests).
std::vector<Trace> tracesOf(const TelemetryBatch &batch)
{
    std::map<TraceId, Trace> traces;
    for (const ResourceSpans &resourceSpans : batch.resourceSpans) {
        for (const ScopeSpans &scopeSpans : resourceSpans.scopeSpans) {
            for (const Span &span : scopeSpans.spans) {
                Trace &trace = traces[span.traceId];
                trace.traceId = span.traceId;
                if (trace.resources.empty() || !(trace.resources.back() == resourceSpans.resource))
                    trace.resources.push_back(resourceSpans.resource);
                trace.spans.push_back(TraceSpan{span, int(trace.resources.size()) - 1, 0, {}, {}});
            }
        }
    }
    std::vector<Trace> result;
    for (auto &[id, trace] : traces) {
        std::sort(trace.spans.begin(), trace.spans.end(), [](const auto &a, const auto &b) {
            return a.span.startTimeNs < b.span.startTimeNs;
        });
        result.push_back(std::move(trace));
    }
    return result;
}

// How many spans of a run of the scenario's variant (over `timeline`) get each verdict.
std::map<TrainingVerdict, int> verdictsOfRun(const std::string &id, ScenarioVariant variant)
{
    const auto scenario = ScenarioCatalog::find(id);
    const TrainingAnswerChecker checker(scenario, timeline);
    ScenarioEngine engine(*scenario, variant, timeline, 7);
    std::map<TrainingVerdict, int> verdicts;
    for (const Trace &trace : tracesOf(engine.finish())) {
        for (const TraceSpan &traceSpan : trace.spans) {
            const auto answered = AnsweredSpan::fromTrace(trace, traceSpan.span.spanId);
            if (!answered)
                qFatal("a span of the trace is not found in it");
            ++verdicts[checker.checkSpan(*answered, TrainingLanguage::English).verdict];
        }
    }
    return verdicts;
}

} // namespace

Q_DECLARE_METATYPE(Finding)
Q_DECLARE_METATYPE(AnsweredSpan)

class TestTrainingAnswerChecker : public QObject
{
    Q_OBJECT

private slots:
    void checkFinding_data();
    void checkFinding();
    void checkMetric();
    void checkSpan_data();
    void checkSpan();
    void spanFromTrace();
    void spansOfRuns_data();
    void spansOfRuns();
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

void TestTrainingAnswerChecker::checkSpan_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<AnsweredSpan>("answer");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QString>("explanationContains");

    const std::string item
        = "SELECT id, product_id, quantity, price FROM order_items WHERE id = $1";
    QTest::newRow("n+1 repeated query")
        << QStringLiteral("n-plus-one") << query(item, "GET /orders/:id")
        << int(TrainingVerdict::Right) << QStringLiteral("its siblings repeat");
    QTest::newRow("n+1 query under another endpoint")
        << QStringLiteral("n-plus-one") << query(item, "GET /products")
        << int(TrainingVerdict::NotIt) << QStringLiteral("Read the task again");
    QTest::newRow("n+1 the fixed query")
        << QStringLiteral("n-plus-one")
        << query("SELECT id, product_id, quantity, price FROM order_items WHERE order_id = $1",
                 "GET /orders/:id")
        << int(TrainingVerdict::NotIt) << QStringLiteral("Read the task again");
    QTest::newRow("n+1 the request")
        << QStringLiteral("n-plus-one") << server("GET /orders/:id")
        << int(TrainingVerdict::Symptom) << QStringLiteral("look at what it repeats");
    const std::string report = "SELECT date_trunc('day', created_at) AS day, sum(total) FROM "
                               "orders WHERE created_at >= $1 GROUP BY 1 ORDER BY 1";
    QTest::newRow("slow report statement")
        << QStringLiteral("slow-query") << query(report, "GET /reports/sales", 950 * Second / 1000)
        << int(TrainingVerdict::Right) << QStringLiteral("reads the whole orders table");
    QTest::newRow("indexed report statement")
        << QStringLiteral("slow-query") << query(report, "GET /reports/sales", 7 * Second / 1000)
        << int(TrainingVerdict::NotIt) << QStringLiteral("Read the task again");
    const std::string lock = "SELECT balance FROM accounts WHERE id = $1 FOR UPDATE";
    QTest::newRow("v1.4.2 waits for the lock")
        << QStringLiteral("version-lock")
        << query(lock, "POST /orders/:id/pay", 40 * Second / 1000, "1.4.2")
        << int(TrainingVerdict::Right) << QStringLiteral("queue for the lock");
    QTest::newRow("another version's lock")
        << QStringLiteral("version-lock")
        << query(lock, "POST /orders/:id/pay", Second / 1000, "1.4.3")
        << int(TrainingVerdict::NotIt) << QStringLiteral("Read the task again");
    QTest::newRow("v1.4.2 payment is a symptom")
        << QStringLiteral("version-lock") << server("POST /orders/:id/pay", 1100 * Second, "1.4.2")
        << int(TrainingVerdict::Symptom) << QStringLiteral("the statement it starts with");
    QTest::newRow("stalled connect")
        << QStringLiteral("syn-backlog") << tcpConnect(1'002 * Second / 1000)
        << int(TrainingVerdict::Right) << QStringLiteral("retransmission timeout");
    QTest::newRow("quick connect")
        << QStringLiteral("syn-backlog") << tcpConnect(3 * Second / 2000)
        << int(TrainingVerdict::NotIt) << QStringLiteral("Read the task again");
    QTest::newRow("slow call to inventory")
        << QStringLiteral("syn-backlog")
        << span({.name = "POST",
                 .attributes = {text("http.request.method", "POST"),
                                text("url.full", "http://inventory:8080/reserve"),
                                text("server.address", "inventory"), integer("server.port", 8080)},
                 .durationNs = 1'010 * Second / 1000,
                 .rootName = "POST /checkout"})
        << int(TrainingVerdict::Symptom) << QStringLiteral("open the tcp.connect span");
    QTest::newRow("pending shard") << QStringLiteral("scheduler-delay") << shard(4 * Second)
                                   << int(TrainingVerdict::Right) << QStringLiteral("Pending");
    QTest::newRow("scheduled shard")
        << QStringLiteral("scheduler-delay") << shard(Second / 5) << int(TrainingVerdict::NotIt)
        << QStringLiteral("Read the task again");
    QTest::newRow("request inside the spike")
        << QStringLiteral("traffic-spike") << server("GET /products", 1150 * Second)
        << int(TrainingVerdict::Symptom) << QStringLiteral("look at the rate");
    QTest::newRow("request before the spike")
        << QStringLiteral("traffic-spike") << server("GET /products", 1010 * Second)
        << int(TrainingVerdict::NotIt) << QStringLiteral("Find when it happened");
    QTest::newRow("healthy") << QStringLiteral("healthy") << query(report, "GET /reports/sales")
                             << int(TrainingVerdict::NotIt) << QStringLiteral("Nothing is wrong");
}

void TestTrainingAnswerChecker::checkSpan()
{
    QFETCH(QString, scenario);
    QFETCH(AnsweredSpan, answer);
    QFETCH(int, verdict);
    QFETCH(QString, explanationContains);
    const TrainingAnswerChecker checker(ScenarioCatalog::find(scenario.toStdString()), timeline);
    const TrainingAnswer result = checker.checkSpan(answer, TrainingLanguage::English);
    QCOMPARE(int(result.verdict), verdict);
    QVERIFY2(QString::fromStdString(result.explanation).contains(explanationContains),
             result.explanation.c_str());
}

void TestTrainingAnswerChecker::spanFromTrace()
{
    // A root, a child and a grandchild; resources give the service and its version.
    Trace trace;
    trace.traceId = *TraceId::fromRaw("0123456789abcdef");
    Resource api;
    api.attributes = {text("service.name", "shop-api"), text("service.version", "1.4.2")};
    trace.resources = {api};
    const auto id = [](char c) {
        return *SpanId::fromRaw(std::string(8, c));
    };
    Span root;
    root.spanId = id('r');
    root.name = "POST /orders/:id/pay";
    root.startTimeNs = 1000;
    Span child;
    child.spanId = id('c');
    child.parentSpanId = root.spanId;
    child.name = "SELECT";
    child.startTimeNs = 1500;
    child.attributes = {text("db.query.text", "SELECT 1"), text("not.analysed", "x")};
    Span grandchild;
    grandchild.spanId = id('g');
    grandchild.parentSpanId = child.spanId;
    grandchild.startTimeNs = 1700;
    for (const Span &span : {root, child, grandchild})
        trace.spans.push_back(TraceSpan{span, 0, 0, {}, {}});

    const auto answered = AnsweredSpan::fromTrace(trace, id('c'));
    QVERIFY(answered);
    QCOMPARE(answered->span.service, std::string("shop-api"));
    QCOMPARE(answered->span.serviceVersion, std::string("1.4.2"));
    QCOMPARE(answered->rootName, std::string("POST /orders/:id/pay"));
    QCOMPARE(answered->parentStartNs, std::optional<std::int64_t>(1000));
    QCOMPARE(answered->span.attributes.size(), std::size_t(1)); // only what analyses read
    QCOMPARE(AnsweredSpan::fromTrace(trace, id('g'))->parentStartNs,
             std::optional<std::int64_t>(1500));
    QVERIFY(!AnsweredSpan::fromTrace(trace, id('r'))->parentStartNs);
    QVERIFY(!AnsweredSpan::fromTrace(trace, id('x')));
    QVERIFY(!AnsweredSpan::fromTrace(trace, SpanId{}));
}

void TestTrainingAnswerChecker::spansOfRuns_data()
{
    QTest::addColumn<QString>("id");
    for (const auto &scenario : ScenarioCatalog::all())
        QTest::newRow(scenario->info().id.c_str()) << QString::fromStdString(scenario->info().id);
}

void TestTrainingAnswerChecker::spansOfRuns()
{
    // The ground truth's spans against the spans the scenario really sends: before the fix some
    // are the cause (or, for the traffic spike, only symptoms), after it none is.
    QFETCH(QString, id);
    const ScenarioGroundTruth truth
        = ScenarioCatalog::find(id.toStdString())->groundTruth(ScenarioVariant::Before);
    const bool anyRequired = std::any_of(truth.spans.begin(), truth.spans.end(),
                                         [](const ExpectedSpan &e) { return e.required; });
    const auto before = verdictsOfRun(id.toStdString(), ScenarioVariant::Before);
    QVERIFY(before.count(TrainingVerdict::NotIt)); // most spans are not it
    if (anyRequired)
        QVERIFY(before.count(TrainingVerdict::Right));
    else
        QVERIFY(!before.count(TrainingVerdict::Right));
    QCOMPARE(bool(before.count(TrainingVerdict::Symptom)),
             std::any_of(truth.spans.begin(), truth.spans.end(),
                         [](const ExpectedSpan &e) { return !e.required; }));
    const auto after = verdictsOfRun(id.toStdString(), ScenarioVariant::After);
    QVERIFY(!after.count(TrainingVerdict::Right));
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
