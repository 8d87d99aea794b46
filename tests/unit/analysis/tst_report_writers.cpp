// What `kansoku analyze` and `kansoku diff` print: the JSON documents scripts read (field names,
// units, ids in hex, times in ISO 8601, nulls for open ends) and the text people read.
#include "analysis/findings_report_writer.h"
#include "analysis/run_comparison_report_writer.h"
#include "analysis/run_profile_builder.h"
#include "support/analysis_trace_builder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;

namespace {

constexpr std::int64_t Ms = 1'000'000;

Finding nPlusOneFinding()
{
    Finding finding;
    finding.kind = FindingKind::NPlusOne;
    finding.title = "GET /orders/{id} runs `SELECT * FROM items WHERE id = ?` 50× per request";
    finding.service = "orders";
    finding.operation = "GET /orders/{id}";
    finding.statement = "SELECT * FROM items WHERE id = ?";
    finding.occurrences = 12;
    finding.affectedTraces = 12;
    finding.endpointTraces = 16;
    finding.costNsPerRequest = 52'345'678.9;
    finding.totalCostNs = 628'148'147;
    finding.latencyShare = 0.81234;
    finding.severity = FindingSeverity::High;
    FindingExample example;
    example.traceId.bytes[15] = 0x2a;
    example.spanIds = {AnalysisTraceBuilder::idOf(1), AnalysisTraceBuilder::idOf(2)};
    example.costNs = 60 * Ms;
    finding.examples = {example};
    // 2026-12-03T10:00:00Z and 10:05:00.5Z
    finding.range = {1'796'292'000'000'000'000, 1'796'292'300'500'000'000};
    finding.facts = {{"calls per request", "50"}};
    finding.fixHint = "Load the items in one query.";
    return finding;
}

RunProfile profileOf(int callsPerRequest, std::int64_t requestNs)
{
    RunProfileBuilder builder;
    for (std::uint64_t n = 1; n <= 10; ++n) {
        AnalysisTraceBuilder trace(n);
        const std::int64_t start = std::int64_t(n) * 1000 * Ms;
        const int root = trace.server("orders", "GET /orders/{id}", start, start + requestNs);
        for (int call = 0; call < callsPerRequest; ++call)
            trace.db(root, "postgresql", "SELECT * FROM items WHERE id = 17", start + call * Ms,
                     start + call * Ms + Ms / 2);
        builder.addTrace(PreparedTrace(trace.build()));
    }
    return builder.profile();
}

} // namespace

class TestReportWriters : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findingsJson();
    void findingsJsonOfAnEmptyOpenRange();
    void findingsText();
    void comparisonJson();
    void comparisonText();
    void runNames();
};

void TestReportWriters::findingsJson()
{
    FindingsReport report;
    report.sessionPath = "/tmp/run.kansoku";
    report.range = {1'796'292'000'000'000'000, 1'796'295'600'000'000'000};
    report.traceCount = 16;
    report.spanCount = 900;
    report.findings = {nPlusOneFinding()};
    const QJsonObject root
        = QJsonDocument::fromJson(QByteArray::fromStdString(FindingsReportWriter::json(report)))
              .object();
    QCOMPARE(root.value(QLatin1String("session")).toString(), QStringLiteral("/tmp/run.kansoku"));
    QCOMPARE(root.value(QLatin1String("range")).toObject().value(QLatin1String("from")).toString(),
             QStringLiteral("2026-12-03T10:00:00.000000000Z"));
    QCOMPARE(root.value(QLatin1String("range")).toObject().value(QLatin1String("to")).toString(),
             QStringLiteral("2026-12-03T11:00:00.000000000Z"));
    QCOMPARE(root.value(QLatin1String("traces")).toInteger(), 16);
    QCOMPARE(root.value(QLatin1String("spans")).toInteger(), 900);
    const QJsonObject finding = root.value(QLatin1String("findings")).toArray().at(0).toObject();
    QCOMPARE(finding.value(QLatin1String("detector")).toString(), QStringLiteral("n_plus_one"));
    QCOMPARE(finding.value(QLatin1String("severity")).toString(), QStringLiteral("high"));
    QCOMPARE(finding.value(QLatin1String("statement")).toString(),
             QStringLiteral("SELECT * FROM items WHERE id = ?"));
    QCOMPARE(finding.value(QLatin1String("traces")).toInteger(), 12);
    QCOMPARE(finding.value(QLatin1String("endpoint_traces")).toInteger(), 16);
    QCOMPARE(finding.value(QLatin1String("share_of_endpoint_traces")).toDouble(), 0.75);
    QCOMPARE(finding.value(QLatin1String("cost_ms_per_request")).toDouble(), 52.346);
    QCOMPARE(finding.value(QLatin1String("total_cost_ms")).toDouble(), 628.148);
    QCOMPARE(finding.value(QLatin1String("latency_share")).toDouble(), 0.8123);
    QCOMPARE(finding.value(QLatin1String("examples")).toArray().at(0).toString(),
             QStringLiteral("0000000000000000000000000000002a"));
    const QJsonObject spans
        = finding.value(QLatin1String("example_spans")).toArray().at(0).toObject();
    QCOMPARE(spans.value(QLatin1String("span_ids")).toArray().at(1).toString(),
             QStringLiteral("0000000000000002"));
    QCOMPARE(spans.value(QLatin1String("cost_ms")).toDouble(), 60.0);
    QCOMPARE(finding.value(QLatin1String("first_seen")).toString(),
             QStringLiteral("2026-12-03T10:00:00.000000000Z"));
    QCOMPARE(finding.value(QLatin1String("last_seen")).toString(),
             QStringLiteral("2026-12-03T10:05:00.500000000Z"));
    QCOMPARE(finding.value(QLatin1String("facts"))
                 .toObject()
                 .value(QLatin1String("calls per request"))
                 .toString(),
             QStringLiteral("50"));
    QCOMPARE(finding.value(QLatin1String("fix_hint")).toString(),
             QStringLiteral("Load the items in one query."));
}

void TestReportWriters::findingsJsonOfAnEmptyOpenRange()
{
    FindingsReport report;
    report.sessionPath = "s";
    Finding noStatement = nPlusOneFinding();
    noStatement.statement.clear();
    report.findings = {noStatement};
    const QJsonObject root
        = QJsonDocument::fromJson(QByteArray::fromStdString(FindingsReportWriter::json(report)))
              .object();
    QVERIFY(root.value(QLatin1String("range")).toObject().value(QLatin1String("from")).isNull());
    QVERIFY(root.value(QLatin1String("range")).toObject().value(QLatin1String("to")).isNull());
    QVERIFY(!root.value(QLatin1String("findings"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .contains(QLatin1String("statement")));
    QVERIFY(QJsonDocument::fromJson(
                QByteArray::fromStdString(FindingsReportWriter::json(FindingsReport{})))
                .object()
                .value(QLatin1String("findings"))
                .toArray()
                .isEmpty());
}

void TestReportWriters::findingsText()
{
    FindingsReport report;
    report.sessionPath = "run.kansoku";
    report.traceCount = 16;
    report.spanCount = 900;
    const QString none = QString::fromStdString(FindingsReportWriter::text(report));
    QCOMPARE(none, QStringLiteral("run.kansoku: 16 traces, 900 spans (all of it): no findings\n"));
    report.findings = {nPlusOneFinding()};
    const QString text = QString::fromStdString(FindingsReportWriter::text(report));
    QVERIFY2(text.startsWith(
                 QLatin1String("run.kansoku: 16 traces, 900 spans (all of it): 1 finding\n")),
             qPrintable(text));
    for (const char *part :
         {"1. [high] GET /orders/{id} runs", "n_plus_one in orders / GET /orders/{id}",
          "statement: SELECT * FROM items WHERE id = ?", "12 occurrences in 12 traces (75% of 16)",
          "52.3 ms per request", "81% of request latency", "calls per request: 50",
          "examples: 0000000000000000000000000000002a", "fix: Load the items in one query."})
        QVERIFY2(text.contains(QLatin1String(part)), part);
}

void TestReportWriters::comparisonJson()
{
    RunComparisonReport report;
    report.beforeName = "before.kansoku";
    report.afterName = "after.kansoku";
    report.comparison = RunComparison::compare(profileOf(1, 5 * Ms), profileOf(10, 12 * Ms));
    const QJsonObject root = QJsonDocument::fromJson(
                                 QByteArray::fromStdString(RunComparisonReportWriter::json(report)))
                                 .object();
    QCOMPARE(root.value(QLatin1String("before")).toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("before.kansoku"));
    QCOMPARE(
        root.value(QLatin1String("after")).toObject().value(QLatin1String("traces")).toInteger(),
        10);
    QCOMPARE(root.value(QLatin1String("threshold_percent")).toDouble(), 10.0);
    QCOMPARE(root.value(QLatin1String("worse")).toBool(), true);
    QVERIFY(!root.value(QLatin1String("reasons")).toArray().isEmpty());
    bool sawStatement = false;
    for (const QJsonValue &value : root.value(QLatin1String("rows")).toArray()) {
        const QJsonObject row = value.toObject();
        if (row.value(QLatin1String("kind")).toString() != QLatin1String("statement"))
            continue;
        sawStatement = true;
        QCOMPARE(row.value(QLatin1String("statement")).toString(),
                 QStringLiteral("SELECT * FROM items WHERE id = ?"));
        QCOMPARE(row.value(QLatin1String("presence")).toString(), QStringLiteral("both"));
        const QJsonObject calls = row.value(QLatin1String("calls_per_request")).toObject();
        QCOMPARE(calls.value(QLatin1String("before")).toDouble(), 1.0);
        QCOMPARE(calls.value(QLatin1String("after")).toDouble(), 10.0);
        QCOMPARE(calls.value(QLatin1String("change_percent")).toDouble(), 900.0);
        QCOMPARE(
            row.value(QLatin1String("p50_ms")).toObject().value(QLatin1String("after")).toDouble(),
            0.5);
        QCOMPARE(row.value(QLatin1String("worse")).toBool(), true);
    }
    QVERIFY(sawStatement);
}

void TestReportWriters::comparisonText()
{
    RunComparisonReport report;
    report.beforeName = "before.kansoku";
    report.afterName = "after.kansoku";
    report.comparison = RunComparison::compare(profileOf(10, 12 * Ms), profileOf(1, 5 * Ms));
    const QString better = QString::fromStdString(RunComparisonReportWriter::text(report));
    QVERIFY2(better.contains(QLatin1String("not worse (threshold 10%)")), qPrintable(better));
    QVERIFY2(better.contains(
                 QString::fromUtf8("orders GET /orders/{id} → SELECT * FROM items WHERE id = ?")),
             qPrintable(better));
    QVERIFY2(better.contains(QString::fromUtf8("calls/request 10.00 → 1.00 (-90%)")),
             qPrintable(better));
    QVERIFY2(!better.contains(QLatin1String("error rate")), qPrintable(better));

    report.comparison = RunComparison::compare(profileOf(1, 5 * Ms), profileOf(10, 12 * Ms));
    const QString worse = QString::fromStdString(RunComparisonReportWriter::text(report));
    QVERIFY2(worse.contains(QLatin1String("WORSE (threshold 10%):\n  - ")), qPrintable(worse));
    QVERIFY2(worse.contains(QLatin1String("[worse]")), qPrintable(worse));

    report.comparison = RunComparison::compare(profileOf(1, 5 * Ms), profileOf(1, 5 * Ms));
    const QString same = QString::fromStdString(RunComparisonReportWriter::text(report));
    QVERIFY2(same.contains(QLatin1String("no operation or statement changed")), qPrintable(same));
}

void TestReportWriters::runNames()
{
    QCOMPARE(RunComparisonReportWriter::runName("run.kansoku", std::nullopt),
             std::string("run.kansoku"));
    // 2026-12-03T10:00:00Z to 10:30:00.5Z: UTC, all nine fraction digits, as files want them.
    const std::int64_t startNs = 1'796'292'000'000'000'000;
    QCOMPARE(
        RunComparisonReportWriter::runName("run.kansoku",
                                           TimeRange{startNs, startNs + 1'800'500'000'000}),
        std::string("run.kansoku 2026-12-03T10:00:00.000000000Z..2026-12-03T10:30:00.500000000Z"));
}

QTEST_APPLESS_MAIN(TestReportWriters)
#include "tst_report_writers.moc"
