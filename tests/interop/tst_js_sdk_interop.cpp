// End-to-end interop: the official OpenTelemetry JS SDK (pinned in package-lock.json) sends traces,
// metrics and logs to the real `kansoku --headless` over every OTLP transport and compression; the
// SQLite file it leaves behind must hold exactly what the SDK exported (send_telemetry.mjs records
// that in a manifest). Runs on the test thread; each row owns its kansoku and node processes.

#include "core/telemetry_queries.h"
#include "interop_manifest.h"
#include "kansoku_process.h"
#include "node_environment.h"
#include "telemetry_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>
#include <set>

using namespace kansoku;
using namespace kansoku::interop;

namespace {

QString describe(const std::string &value)
{
    return shortText(QString::fromStdString(value));
}

QString describe(const QString &value)
{
    return shortText(value);
}

template<std::size_t Size>
QString describe(const FixedId<Size> &id)
{
    return QString::fromStdString(toHex(id));
}

QString describe(const std::variant<double, std::int64_t> &value)
{
    if (std::holds_alternative<std::int64_t>(value))
        return QStringLiteral("int:") + QString::number(std::get<std::int64_t>(value));
    return QStringLiteral("double:") + QString::number(std::get<double>(value), 'g', 17);
}

template<typename T>
QString describe(const T &value) requires std::is_arithmetic_v<T> || std::is_enum_v<T>
{
    if constexpr (std::is_enum_v<T>)
        return QString::number(static_cast<qint64>(value));
    else if constexpr (std::is_same_v<T, bool>)
        return value ? QStringLiteral("true") : QStringLiteral("false");
    else if constexpr (std::is_floating_point_v<T>)
        return QString::number(value, 'g', 17);
    else
        return QString::number(value);
}

template<typename T>
QString describe(const std::optional<T> &value)
{
    return value ? describe(*value) : QStringLiteral("(none)");
}

template<typename T>
QString describe(const std::vector<T> &values)
{
    QStringList items;
    for (const T &value : values)
        items.append(describe(value));
    return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
}

QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

} // namespace

// QFAIL with both values and where they were compared. Returns from the enclosing function, so
// callers of the verify* helpers check QTest::currentTestFailed().
#define INTEROP_EXPECT_EQ(actual, expected, context)                                               \
    do {                                                                                           \
        const auto &actualValue_ = (actual);                                                       \
        const auto &expectedValue_ = (expected);                                                   \
        if (!(actualValue_ == expectedValue_)) {                                                   \
            QFAIL(qPrintable(QString(context) + QStringLiteral(": got ") + describe(actualValue_)  \
                             + QStringLiteral(", expected ") + describe(expectedValue_)));         \
        }                                                                                          \
    } while (false)

#define INTEROP_CHECK(call)                                                                        \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

class TestJsSdkInterop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sdkTelemetryIsStoredExactly_data();
    void sdkTelemetryIsStoredExactly();

private:
    void runSender(const QString &protocol, const QString &compression, const QString &endpoint,
                   const QString &runId, const QString &manifestPath);
    void verifyTraces(const TelemetryQueries &queries, const QJsonObject &manifest);
    void verifySpan(const Trace &trace, const TraceSpan &stored, const QJsonObject &expectedJson);
    void verifyTraceSummaries(const TelemetryQueries &queries, const QJsonObject &manifest);
    void verifySpecialValues(const TelemetryQueries &queries, const QJsonObject &manifest);
    void verifyMetrics(const TelemetryQueries &queries, const QJsonObject &manifest);
    void verifyMetricPoints(const Metric &stored, const Metric &expected, const QString &context);
    void verifyFinalValues(const TelemetryQueries &queries, const QJsonObject &manifest,
                           const std::vector<MetricStream> &streams);
    void verifyLogs(const TelemetryQueries &queries, const QJsonObject &manifest);

    QString m_nodeExecutable;
};

void TestJsSdkInterop::initTestCase()
{
    m_nodeExecutable = nodeExecutable();
    QVERIFY2(!m_nodeExecutable.isEmpty(),
             "Node.js (node, version 20 or newer) is not on PATH: install nodejs (and npm, which "
             "the interop_npm_ci test uses) or set KANSOKU_NODE to the node executable.");

    const QString sdkPackage = QStringLiteral(KANSOKU_INTEROP_DIR)
                               + QStringLiteral("/node_modules/@opentelemetry/sdk-trace-base");
    QVERIFY2(QFileInfo::exists(sdkPackage),
             qPrintable(QStringLiteral(
                            "The pinned OpenTelemetry JS SDK is not installed in %1/node_modules: "
                            "run the interop_npm_ci test (ctest -R interop) or `npm ci` there.")
                            .arg(QStringLiteral(KANSOKU_INTEROP_DIR))));
    QVERIFY2(QFileInfo(QStringLiteral(KANSOKU_EXECUTABLE)).isExecutable(),
             "the kansoku executable was not built");
}

void TestJsSdkInterop::sdkTelemetryIsStoredExactly_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("compression");

    for (const QString &protocol :
         {QStringLiteral("grpc"), QStringLiteral("http/protobuf"), QStringLiteral("http/json")}) {
        for (const QString &compression : {QStringLiteral("gzip"), QStringLiteral("none")}) {
            const QString name = protocol + QLatin1Char(' ') + compression;
            QTest::newRow(qPrintable(name)) << protocol << compression;
        }
    }
}

void TestJsSdkInterop::sdkTelemetryIsStoredExactly()
{
    QFETCH(QString, protocol);
    QFETCH(QString, compression);

    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString databasePath = directory.filePath(QStringLiteral("interop.kansoku"));
    const QString manifestPath = directory.filePath(QStringLiteral("manifest.json"));
    const QString runId
        = QStringLiteral("run-%1-%2-%3")
              .arg(QString(protocol).replace(QLatin1Char('/'), QLatin1Char('-')), compression)
              .arg(QCoreApplication::applicationPid());

    KansokuProcess kansoku(QStringLiteral(KANSOKU_EXECUTABLE), databasePath);
    QString error;
    QVERIFY2(kansoku.start(&error), qPrintable(error));

    const quint16 port
        = protocol == QLatin1String("grpc") ? kansoku.grpcPort() : kansoku.httpPort();
    INTEROP_CHECK(runSender(protocol, compression, QStringLiteral("http://127.0.0.1:%1").arg(port),
                            runId, manifestPath));

    // The SDK has seen a success response for every export; SIGTERM must still drain and commit.
    QVERIFY2(kansoku.stop(&error), qPrintable(error));

    QFile manifestFile(manifestPath);
    QVERIFY2(manifestFile.open(QIODevice::ReadOnly), qPrintable(manifestFile.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(manifestFile.readAll(), &parseError);
    QVERIFY2(document.isObject(), qPrintable(parseError.errorString()));
    const QJsonObject manifest = document.object();
    QCOMPARE(manifest.value(QLatin1String("runId")).toString(), runId);

    StorageOptions options;
    options.databasePath = databasePath;
    TelemetryStore store(options);
    QVERIFY2(store.open(&error), qPrintable(error));
    const std::shared_ptr<const TelemetryQueries> queries = store.queries();
    QVERIFY(queries);

    INTEROP_CHECK(verifyTraces(*queries, manifest));
    INTEROP_CHECK(verifyTraceSummaries(*queries, manifest));
    INTEROP_CHECK(verifySpecialValues(*queries, manifest));
    INTEROP_CHECK(verifyMetrics(*queries, manifest));
    INTEROP_CHECK(verifyLogs(*queries, manifest));
}

void TestJsSdkInterop::runSender(const QString &protocol, const QString &compression,
                                 const QString &endpoint, const QString &runId,
                                 const QString &manifestPath)
{
    const QString interopDir = QStringLiteral(KANSOKU_INTEROP_DIR);
    QProcess node;
    node.setProgram(m_nodeExecutable);
    node.setArguments(
        {interopDir + QStringLiteral("/send_telemetry.mjs"), QStringLiteral("--protocol"), protocol,
         QStringLiteral("--compression"), compression, QStringLiteral("--endpoint"), endpoint,
         QStringLiteral("--run-id"), runId, QStringLiteral("--manifest"), manifestPath});
    node.setWorkingDirectory(interopDir);
    node.setProcessEnvironment(environmentWithoutOtelVariables());
    node.start();
    QVERIFY2(node.waitForStarted(30000),
             qPrintable(
                 QStringLiteral("cannot start %1: %2").arg(m_nodeExecutable, node.errorString())));
    QVERIFY2(node.waitForFinished(300000), "send_telemetry.mjs did not finish within 300 s");
    const QString output = QString::fromLocal8Bit(node.readAllStandardOutput())
                           + QString::fromLocal8Bit(node.readAllStandardError());
    QVERIFY2(node.exitStatus() == QProcess::NormalExit && node.exitCode() == 0,
             qPrintable(QStringLiteral("send_telemetry.mjs failed (exit code %1):\n%2")
                            .arg(node.exitCode())
                            .arg(output)));
    qInfo().noquote() << output.trimmed();
}

void TestJsSdkInterop::verifyTraces(const TelemetryQueries &queries, const QJsonObject &manifest)
{
    const QJsonArray spans = manifest.value(QLatin1String("spans")).toArray();
    QVERIFY(!spans.isEmpty());
    std::map<TraceId, std::vector<QJsonObject>> expectedByTrace;
    for (const QJsonValue &span : spans) {
        const QJsonObject object = span.toObject();
        expectedByTrace[traceIdFromManifest(object.value(QLatin1String("traceId")))].push_back(
            object);
    }

    const TelemetryTotals totals = queries.totals();
    INTEROP_EXPECT_EQ(totals.spans, std::int64_t(spans.size()), QStringLiteral("total spans"));
    INTEROP_EXPECT_EQ(totals.traces, std::int64_t(expectedByTrace.size()),
                      QStringLiteral("total traces"));

    for (const auto &[traceId, expectedSpans] : expectedByTrace) {
        const QString context = QStringLiteral("trace ") + describe(traceId);
        const std::optional<Trace> trace = queries.trace(traceId);
        QVERIFY2(trace, qPrintable(context + QStringLiteral(" not found")));
        INTEROP_EXPECT_EQ(trace->traceId, traceId, context);
        INTEROP_EXPECT_EQ(trace->spans.size(), expectedSpans.size(),
                          context + QStringLiteral(" span count"));
        QVERIFY2(std::is_sorted(trace->spans.begin(), trace->spans.end(),
                                [](const TraceSpan &a, const TraceSpan &b) {
                                    return a.span.startTimeNs < b.span.startTimeNs;
                                }),
                 qPrintable(context + QStringLiteral(": spans not ordered by start time")));
        for (const QJsonObject &expected : expectedSpans) {
            const SpanId spanId = spanIdFromManifest(expected.value(QLatin1String("spanId")));
            const auto stored
                = std::find_if(trace->spans.begin(), trace->spans.end(),
                               [&](const TraceSpan &s) { return s.span.spanId == spanId; });
            QVERIFY2(stored != trace->spans.end(),
                     qPrintable(context + QStringLiteral(": span ") + describe(spanId)
                                + QStringLiteral(" missing")));
            INTEROP_CHECK(verifySpan(*trace, *stored, expected));
        }
    }
}

void TestJsSdkInterop::verifySpan(const Trace &trace, const TraceSpan &stored,
                                  const QJsonObject &expectedJson)
{
    const Span expected = spanFromManifest(expectedJson);
    const Span &actual = stored.span;
    const QString context = QStringLiteral("span '") + text(expected.name) + QStringLiteral("' ")
                            + describe(expected.spanId);

    INTEROP_EXPECT_EQ(actual.traceId, expected.traceId, context + QStringLiteral(" trace id"));
    INTEROP_EXPECT_EQ(actual.parentSpanId, expected.parentSpanId,
                      context + QStringLiteral(" parent"));
    INTEROP_EXPECT_EQ(actual.name, expected.name, context + QStringLiteral(" name"));
    INTEROP_EXPECT_EQ(actual.kind, expected.kind, context + QStringLiteral(" kind"));
    INTEROP_EXPECT_EQ(actual.startTimeNs, expected.startTimeNs, context + QStringLiteral(" start"));
    INTEROP_EXPECT_EQ(actual.endTimeNs, expected.endTimeNs, context + QStringLiteral(" end"));
    INTEROP_EXPECT_EQ(actual.status.code, expected.status.code,
                      context + QStringLiteral(" status code"));
    INTEROP_EXPECT_EQ(actual.status.message, expected.status.message,
                      context + QStringLiteral(" status message"));
    INTEROP_EXPECT_EQ(actual.traceState, expected.traceState,
                      context + QStringLiteral(" trace state"));
    INTEROP_EXPECT_EQ(actual.flags, expected.flags, context + QStringLiteral(" flags"));
    INTEROP_EXPECT_EQ(actual.droppedAttributesCount, expected.droppedAttributesCount,
                      context + QStringLiteral(" dropped attributes"));
    INTEROP_EXPECT_EQ(canonicalText(actual.attributes), canonicalText(expected.attributes),
                      context + QStringLiteral(" attributes"));

    INTEROP_EXPECT_EQ(actual.events.size(), expected.events.size(),
                      context + QStringLiteral(" event count"));
    for (std::size_t i = 0; i < expected.events.size(); ++i) {
        const QString eventContext
            = context + QStringLiteral(" event ") + text(expected.events[i].name);
        INTEROP_EXPECT_EQ(actual.events[i].name, expected.events[i].name, eventContext);
        INTEROP_EXPECT_EQ(actual.events[i].timeNs, expected.events[i].timeNs,
                          eventContext + QStringLiteral(" time"));
        INTEROP_EXPECT_EQ(canonicalText(actual.events[i].attributes),
                          canonicalText(expected.events[i].attributes),
                          eventContext + QStringLiteral(" attributes"));
    }

    INTEROP_EXPECT_EQ(actual.links.size(), expected.links.size(),
                      context + QStringLiteral(" link count"));
    for (std::size_t i = 0; i < expected.links.size(); ++i) {
        const QString linkContext = context + QStringLiteral(" link %1").arg(i);
        INTEROP_EXPECT_EQ(actual.links[i].traceId, expected.links[i].traceId,
                          linkContext + QStringLiteral(" trace id"));
        INTEROP_EXPECT_EQ(actual.links[i].spanId, expected.links[i].spanId,
                          linkContext + QStringLiteral(" span id"));
        INTEROP_EXPECT_EQ(actual.links[i].traceState, expected.links[i].traceState,
                          linkContext + QStringLiteral(" trace state"));
        INTEROP_EXPECT_EQ(actual.links[i].flags, expected.links[i].flags,
                          linkContext + QStringLiteral(" flags"));
        INTEROP_EXPECT_EQ(canonicalText(actual.links[i].attributes),
                          canonicalText(expected.links[i].attributes),
                          linkContext + QStringLiteral(" attributes"));
    }

    QVERIFY2(stored.resourceIndex >= 0
                 && std::size_t(stored.resourceIndex) < trace.resources.size(),
             qPrintable(context + QStringLiteral(": resource index out of range")));
    QVERIFY2(stored.scopeIndex >= 0 && std::size_t(stored.scopeIndex) < trace.scopes.size(),
             qPrintable(context + QStringLiteral(": scope index out of range")));
    const Resource expectedResource
        = resourceFromManifest(expectedJson.value(QLatin1String("resource")).toObject());
    INTEROP_EXPECT_EQ(canonicalText(trace.resources[stored.resourceIndex].attributes),
                      canonicalText(expectedResource.attributes),
                      context + QStringLiteral(" resource"));
    const InstrumentationScope expectedScope
        = scopeFromManifest(expectedJson.value(QLatin1String("scope")).toObject());
    INTEROP_EXPECT_EQ(trace.scopes[stored.scopeIndex].name, expectedScope.name,
                      context + QStringLiteral(" scope name"));
    INTEROP_EXPECT_EQ(trace.scopes[stored.scopeIndex].version, expectedScope.version,
                      context + QStringLiteral(" scope version"));
}

void TestJsSdkInterop::verifyTraceSummaries(const TelemetryQueries &queries,
                                            const QJsonObject &manifest)
{
    struct ExpectedSummary
    {
        std::int64_t start = std::numeric_limits<std::int64_t>::max();
        std::int64_t end = std::numeric_limits<std::int64_t>::min();
        std::int64_t spans = 0;
        std::int64_t errors = 0;
        std::string rootName;
        std::string rootService;
        std::set<std::string> services;
    };
    std::map<TraceId, ExpectedSummary> expected;
    for (const QJsonValue &value : manifest.value(QLatin1String("spans")).toArray()) {
        const QJsonObject object = value.toObject();
        const Span span = spanFromManifest(object);
        const std::string service
            = resourceFromManifest(object.value(QLatin1String("resource")).toObject())
                  .serviceName();
        ExpectedSummary &summary = expected[span.traceId];
        summary.start = std::min(summary.start, span.startTimeNs);
        summary.end = std::max(summary.end, span.endTimeNs);
        summary.spans += 1;
        summary.errors += span.status.code == StatusCode::Error ? 1 : 0;
        summary.services.insert(service);
        if (span.isRoot()) {
            summary.rootName = span.name;
            summary.rootService = service;
        }
    }

    TraceQuery query;
    query.limit = 1000;
    const std::vector<TraceSummary> summaries = queries.traces(query);
    INTEROP_EXPECT_EQ(summaries.size(), expected.size(), QStringLiteral("trace summaries"));
    for (const auto &[traceId, summary] : expected) {
        const QString context = QStringLiteral("summary of trace ") + describe(traceId);
        const auto stored
            = std::find_if(summaries.begin(), summaries.end(),
                           // clang 14 cannot capture a structured binding: capture by name.
                           [&id = traceId](const TraceSummary &s) { return s.traceId == id; });
        QVERIFY2(stored != summaries.end(), qPrintable(context + QStringLiteral(" missing")));
        INTEROP_EXPECT_EQ(stored->startTimeNs, summary.start, context + QStringLiteral(" start"));
        INTEROP_EXPECT_EQ(stored->durationNs, summary.end - summary.start,
                          context + QStringLiteral(" duration"));
        INTEROP_EXPECT_EQ(stored->spanCount, summary.spans,
                          context + QStringLiteral(" span count"));
        INTEROP_EXPECT_EQ(stored->errorCount, summary.errors,
                          context + QStringLiteral(" error count"));
        INTEROP_EXPECT_EQ(stored->rootName, summary.rootName,
                          context + QStringLiteral(" root name"));
        INTEROP_EXPECT_EQ(stored->rootService, summary.rootService,
                          context + QStringLiteral(" root service"));
        std::vector<std::string> services = stored->services;
        std::sort(services.begin(), services.end());
        INTEROP_EXPECT_EQ(
            services, std::vector<std::string>(summary.services.begin(), summary.services.end()),
            context + QStringLiteral(" services"));
    }

    const std::vector<std::string> services = queries.services();
    for (const char *service : {"interop-frontend", "interop-backend"}) {
        QVERIFY2(std::find(services.begin(), services.end(), std::string(service))
                     != services.end(),
                 qPrintable(QStringLiteral("service list lacks ") + QLatin1String(service)));
    }
}

// Spelled out once more, independently of the manifest, so a sender bug cannot hide them.
void TestJsSdkInterop::verifySpecialValues(const TelemetryQueries &queries,
                                           const QJsonObject &manifest)
{
    std::optional<TraceId> traceId;
    for (const QJsonValue &value : manifest.value(QLatin1String("spans")).toArray()) {
        if (value.toObject().value(QLatin1String("name")).toString()
            == QLatin1String("GET /checkout"))
            traceId = traceIdFromManifest(value.toObject().value(QLatin1String("traceId")));
    }
    QVERIFY(traceId);
    const std::optional<Trace> trace = queries.trace(*traceId);
    QVERIFY(trace);
    const auto findSpan = [&](const char *name) -> const Span * {
        for (const TraceSpan &span : trace->spans) {
            if (span.span.name == name)
                return &span.span;
        }
        return nullptr;
    };

    const Span *server = findSpan("GET /checkout");
    QVERIFY(server);
    const struct
    {
        const char *key;
        AnyValue value;
    } typed[] = {
        {"test.string", AnyValue::fromString("hello")},
        {"test.bool", AnyValue::fromBool(true)},
        {"test.int", AnyValue::fromInt(42)},
        {"test.int.max_safe", AnyValue::fromInt(9007199254740991)},
        {"test.double", AnyValue::fromDouble(3.25)},
        {"test.string_array",
         AnyValue::fromArray({AnyValue::fromString("a"), AnyValue::fromString("b"),
                              AnyValue::fromString("日本語")})},
        {"test.bool_array",
         AnyValue::fromArray(
             {AnyValue::fromBool(true), AnyValue::fromBool(false), AnyValue::fromBool(true)})},
        {"test.int_array", AnyValue::fromArray({AnyValue::fromInt(1), AnyValue::fromInt(-2),
                                                AnyValue::fromInt(3000000000)})},
        {"test.double_array",
         AnyValue::fromArray(
             {AnyValue::fromDouble(1.5), AnyValue::fromDouble(-2.25), AnyValue::fromDouble(0.1)})},
        {"test.emoji", AnyValue::fromString("🚀 launch ✨")},
        {"顧客.名前", AnyValue::fromString("山田 太郎 🚀")},
    };
    for (const auto &[key, value] : typed) {
        const AnyValue *stored = findAttribute(server->attributes, key);
        QVERIFY2(stored, key);
        INTEROP_EXPECT_EQ(canonicalText(*stored), canonicalText(value),
                          QStringLiteral("attribute ") + QString::fromUtf8(key));
    }

    const Span *payload = findSpan("payload.store");
    QVERIFY(payload);
    const AnyValue *big = findAttribute(payload->attributes, "payload.big");
    QVERIFY(big);
    QCOMPARE(big->type(), AnyValue::Type::String);
    // 100 KiB of UTF-16 code units as JS counts them, ending in an emoji.
    const QString bigText = QString::fromStdString(big->stringValue());
    QCOMPARE(bigText.size(), qsizetype(100 * 1024));
    QVERIFY(bigText.startsWith(QLatin1String("abcdefghijklmnopqrstuvwxyz0123456789")));
    QVERIFY(bigText.endsWith(QString::fromUtf8("|END🚀|.")));

    const Span *database = findSpan("INSERT payments");
    QVERIFY(database);
    QCOMPARE(database->status.code, StatusCode::Error);
    QCOMPARE(text(database->status.message), QString::fromUtf8("決済に失敗しました 💥"));
    QCOMPARE(database->events.size(), std::size_t(1));
    QCOMPARE(text(database->events[0].name), QStringLiteral("exception"));
    const AnyValue *exceptionMessage
        = findAttribute(database->events[0].attributes, "exception.message");
    QVERIFY(exceptionMessage);
    QCOMPARE(text(exceptionMessage->stringValue()),
             QString::fromUtf8("カード拒否: card declined 💳"));
}

void TestJsSdkInterop::verifyMetrics(const TelemetryQueries &queries, const QJsonObject &manifest)
{
    const std::vector<MetricStream> streams = queries.metricStreams(MetricStreamQuery{});
    std::size_t expectedStreams = 0;
    std::int64_t expectedPoints = 0;
    const QJsonArray metrics = manifest.value(QLatin1String("metrics")).toArray();
    QCOMPARE(metrics.size(), qsizetype(5));
    for (const QJsonValue &value : metrics) {
        const QJsonObject json = value.toObject();
        const Metric expected = metricFromManifest(json);
        const QString context = QStringLiteral("metric ") + text(expected.name);
        QVERIFY2(expected.pointCount() > 0, qPrintable(context + QStringLiteral(" has no points")));
        expectedPoints += std::int64_t(expected.pointCount());

        // Split the exported points into streams by their attributes, keeping export order.
        std::map<QString, Metric> byStream;
        const auto streamOf = [&](const Attributes &attributes) -> Metric & {
            auto [it, inserted] = byStream.try_emplace(canonicalText(attributes), expected);
            if (inserted) {
                it->second.numberPoints.clear();
                it->second.histogramPoints.clear();
                it->second.exponentialHistogramPoints.clear();
            }
            return it->second;
        };
        for (const NumberDataPoint &point : expected.numberPoints)
            streamOf(point.attributes).numberPoints.push_back(point);
        for (const HistogramDataPoint &point : expected.histogramPoints)
            streamOf(point.attributes).histogramPoints.push_back(point);
        for (const ExponentialHistogramDataPoint &point : expected.exponentialHistogramPoints)
            streamOf(point.attributes).exponentialHistogramPoints.push_back(point);
        expectedStreams += byStream.size();

        const Resource expectedResource
            = resourceFromManifest(json.value(QLatin1String("resource")).toObject());
        const InstrumentationScope expectedScope
            = scopeFromManifest(json.value(QLatin1String("scope")).toObject());
        for (const auto &[attributesText, expectedStream] : byStream) {
            const QString streamContext = context + QLatin1Char(' ') + attributesText;
            const auto stream = std::find_if(
                streams.begin(), streams.end(),
                [&expected, &text = attributesText](const MetricStream &s) {
                    return s.name == expected.name && canonicalText(s.attributes) == text;
                });
            QVERIFY2(stream != streams.end(),
                     qPrintable(streamContext + QStringLiteral(" missing")));
            INTEROP_EXPECT_EQ(stream->type, expected.type, streamContext + QStringLiteral(" type"));
            INTEROP_EXPECT_EQ(stream->unit, expected.unit, streamContext + QStringLiteral(" unit"));
            INTEROP_EXPECT_EQ(stream->description, expected.description,
                              streamContext + QStringLiteral(" description"));
            INTEROP_EXPECT_EQ(stream->temporality, expected.temporality,
                              streamContext + QStringLiteral(" temporality"));
            INTEROP_EXPECT_EQ(stream->isMonotonic, expected.isMonotonic,
                              streamContext + QStringLiteral(" monotonic"));
            INTEROP_EXPECT_EQ(canonicalText(stream->resource.attributes),
                              canonicalText(expectedResource.attributes),
                              streamContext + QStringLiteral(" resource"));
            INTEROP_EXPECT_EQ(stream->scope.name, expectedScope.name,
                              streamContext + QStringLiteral(" scope"));
            INTEROP_EXPECT_EQ(stream->scope.version, expectedScope.version,
                              streamContext + QStringLiteral(" scope version"));
            INTEROP_EXPECT_EQ(stream->pointCount, std::int64_t(expectedStream.pointCount()),
                              streamContext + QStringLiteral(" point count"));

            // Kansoku keeps one point per (stream, timestamp); the sender must not export two.
            std::vector<std::int64_t> times;
            for (const NumberDataPoint &point : expectedStream.numberPoints)
                times.push_back(point.timeNs);
            for (const HistogramDataPoint &point : expectedStream.histogramPoints)
                times.push_back(point.timeNs);
            for (const ExponentialHistogramDataPoint &point :
                 expectedStream.exponentialHistogramPoints)
                times.push_back(point.timeNs);
            QVERIFY2(
                std::adjacent_find(times.begin(), times.end(), std::greater_equal<>())
                    == times.end(),
                qPrintable(streamContext
                           + QStringLiteral(": the sender's points are not in strictly increasing "
                                            "time order")));

            MetricPointQuery pointQuery;
            pointQuery.streamId = stream->streamId;
            const std::optional<Metric> stored = queries.metricPoints(pointQuery);
            QVERIFY2(stored, qPrintable(streamContext + QStringLiteral(": no points returned")));
            INTEROP_CHECK(verifyMetricPoints(*stored, expectedStream, streamContext));
        }
    }
    INTEROP_EXPECT_EQ(streams.size(), expectedStreams, QStringLiteral("metric streams"));
    const TelemetryTotals totals = queries.totals();
    INTEROP_EXPECT_EQ(totals.dataPoints, expectedPoints, QStringLiteral("total data points"));
    INTEROP_EXPECT_EQ(totals.metricStreams, std::int64_t(expectedStreams),
                      QStringLiteral("total metric streams"));
    INTEROP_CHECK(verifyFinalValues(queries, manifest, streams));
}

void TestJsSdkInterop::verifyMetricPoints(const Metric &stored, const Metric &expected,
                                          const QString &context)
{
    INTEROP_EXPECT_EQ(stored.type, expected.type, context + QStringLiteral(" stored type"));
    INTEROP_EXPECT_EQ(stored.numberPoints.size(), expected.numberPoints.size(),
                      context + QStringLiteral(" number points"));
    INTEROP_EXPECT_EQ(stored.histogramPoints.size(), expected.histogramPoints.size(),
                      context + QStringLiteral(" histogram points"));
    INTEROP_EXPECT_EQ(stored.exponentialHistogramPoints.size(),
                      expected.exponentialHistogramPoints.size(),
                      context + QStringLiteral(" exponential histogram points"));
    const auto checkBase
        = [&](const DataPointBase &a, const DataPointBase &e, const QString &where) {
              INTEROP_EXPECT_EQ(a.startTimeNs, e.startTimeNs, where + QStringLiteral(" start"));
              INTEROP_EXPECT_EQ(a.timeNs, e.timeNs, where + QStringLiteral(" time"));
              INTEROP_EXPECT_EQ(canonicalText(a.attributes), canonicalText(e.attributes),
                                where + QStringLiteral(" attributes"));
          };
    for (std::size_t i = 0; i < expected.numberPoints.size(); ++i) {
        const QString where = context + QStringLiteral(" point %1").arg(i);
        INTEROP_CHECK(checkBase(stored.numberPoints[i], expected.numberPoints[i], where));
        // Same alternative (int stays int, double stays double) and same value.
        INTEROP_EXPECT_EQ(stored.numberPoints[i].value, expected.numberPoints[i].value, where);
    }
    for (std::size_t i = 0; i < expected.histogramPoints.size(); ++i) {
        const QString where = context + QStringLiteral(" point %1").arg(i);
        const HistogramDataPoint &a = stored.histogramPoints[i];
        const HistogramDataPoint &e = expected.histogramPoints[i];
        INTEROP_CHECK(checkBase(a, e, where));
        INTEROP_EXPECT_EQ(a.count, e.count, where + QStringLiteral(" count"));
        INTEROP_EXPECT_EQ(a.sum, e.sum, where + QStringLiteral(" sum"));
        INTEROP_EXPECT_EQ(a.min, e.min, where + QStringLiteral(" min"));
        INTEROP_EXPECT_EQ(a.max, e.max, where + QStringLiteral(" max"));
        INTEROP_EXPECT_EQ(a.explicitBounds, e.explicitBounds, where + QStringLiteral(" bounds"));
        INTEROP_EXPECT_EQ(a.bucketCounts, e.bucketCounts, where + QStringLiteral(" bucket counts"));
    }
    for (std::size_t i = 0; i < expected.exponentialHistogramPoints.size(); ++i) {
        const QString where = context + QStringLiteral(" point %1").arg(i);
        const ExponentialHistogramDataPoint &a = stored.exponentialHistogramPoints[i];
        const ExponentialHistogramDataPoint &e = expected.exponentialHistogramPoints[i];
        INTEROP_CHECK(checkBase(a, e, where));
        INTEROP_EXPECT_EQ(a.count, e.count, where + QStringLiteral(" count"));
        INTEROP_EXPECT_EQ(a.sum, e.sum, where + QStringLiteral(" sum"));
        INTEROP_EXPECT_EQ(a.min, e.min, where + QStringLiteral(" min"));
        INTEROP_EXPECT_EQ(a.max, e.max, where + QStringLiteral(" max"));
        INTEROP_EXPECT_EQ(a.scale, e.scale, where + QStringLiteral(" scale"));
        INTEROP_EXPECT_EQ(a.zeroCount, e.zeroCount, where + QStringLiteral(" zero count"));
        INTEROP_EXPECT_EQ(a.positive.offset, e.positive.offset,
                          where + QStringLiteral(" positive offset"));
        INTEROP_EXPECT_EQ(a.positive.bucketCounts, e.positive.bucketCounts,
                          where + QStringLiteral(" positive buckets"));
        INTEROP_EXPECT_EQ(a.negative.offset, e.negative.offset,
                          where + QStringLiteral(" negative offset"));
        INTEROP_EXPECT_EQ(a.negative.bucketCounts, e.negative.bucketCounts,
                          where + QStringLiteral(" negative buckets"));
    }
}

// The values the sender computed before sending must be what the last stored point says.
void TestJsSdkInterop::verifyFinalValues(const TelemetryQueries &queries,
                                         const QJsonObject &manifest,
                                         const std::vector<MetricStream> &streams)
{
    const QJsonObject finalValues = manifest.value(QLatin1String("expected"))
                                        .toObject()
                                        .value(QLatin1String("finalValues"))
                                        .toObject();
    QCOMPARE(finalValues.size(), qsizetype(5));
    for (auto it = finalValues.begin(); it != finalValues.end(); ++it) {
        const std::string name = it.key().toStdString();
        for (const QJsonValue &value : it.value().toArray()) {
            const QJsonObject expected = value.toObject();
            const QString attributesText = canonicalText(
                attributesFromManifest(expected.value(QLatin1String("attributes")).toArray()));
            const QString context
                = QStringLiteral("final value of ") + it.key() + QLatin1Char(' ') + attributesText;
            const auto stream
                = std::find_if(streams.begin(), streams.end(), [&](const MetricStream &s) {
                      return s.name == name && canonicalText(s.attributes) == attributesText;
                  });
            QVERIFY2(stream != streams.end(), qPrintable(context + QStringLiteral(": no stream")));
            MetricPointQuery pointQuery;
            pointQuery.streamId = stream->streamId;
            const std::optional<Metric> metric = queries.metricPoints(pointQuery);
            QVERIFY2(metric && metric->pointCount() > 0,
                     qPrintable(context + QStringLiteral(": no points")));
            const QJsonValue expectedValue = expected.value(QLatin1String("value"));
            if (!metric->numberPoints.empty()) {
                const NumberDataPoint &last = metric->numberPoints.back();
                if (expectedValue.isString())
                    INTEROP_EXPECT_EQ(
                        last.value,
                        (std::variant<double, std::int64_t>(int64FromManifest(expectedValue))),
                        context);
                else
                    INTEROP_EXPECT_EQ(
                        last.value, (std::variant<double, std::int64_t>(expectedValue.toDouble())),
                        context);
            } else if (!metric->histogramPoints.empty()) {
                const HistogramDataPoint &last = metric->histogramPoints.back();
                INTEROP_EXPECT_EQ(last.count,
                                  std::uint64_t(expected.value(QLatin1String("count")).toInt()),
                                  context + QStringLiteral(" count"));
                INTEROP_EXPECT_EQ(
                    last.sum,
                    std::optional<double>(expected.value(QLatin1String("sum")).toDouble()),
                    context + QStringLiteral(" sum"));
            } else {
                const ExponentialHistogramDataPoint &last
                    = metric->exponentialHistogramPoints.back();
                INTEROP_EXPECT_EQ(last.count,
                                  std::uint64_t(expected.value(QLatin1String("count")).toInt()),
                                  context + QStringLiteral(" count"));
                INTEROP_EXPECT_EQ(
                    last.sum,
                    std::optional<double>(expected.value(QLatin1String("sum")).toDouble()),
                    context + QStringLiteral(" sum"));
                INTEROP_EXPECT_EQ(last.zeroCount,
                                  std::uint64_t(expected.value(QLatin1String("zeroCount")).toInt()),
                                  context + QStringLiteral(" zero count"));
            }
        }
    }
}

void TestJsSdkInterop::verifyLogs(const TelemetryQueries &queries, const QJsonObject &manifest)
{
    const QJsonArray logs = manifest.value(QLatin1String("logs")).toArray();
    QVERIFY(!logs.isEmpty());
    INTEROP_EXPECT_EQ(queries.totals().logRecords, std::int64_t(logs.size()),
                      QStringLiteral("total logs"));
    INTEROP_EXPECT_EQ(queries.countLogs(LogQuery{}), std::int64_t(logs.size()),
                      QStringLiteral("log count"));

    LogQuery query;
    query.limit = int(logs.size()) + 100;
    const LogPage page = queries.logs(query);
    INTEROP_EXPECT_EQ(page.logs.size(), std::size_t(logs.size()), QStringLiteral("logs returned"));

    std::map<std::int64_t, const StoredLog *> byIndex;
    for (const StoredLog &log : page.logs) {
        const AnyValue *index = findAttribute(log.record.attributes, "log.index");
        QVERIFY2(index && index->type() == AnyValue::Type::Int,
                 "stored log without an int log.index");
        byIndex[index->intValue()] = &log;
    }

    std::map<TraceId, std::int64_t> logsPerTrace;
    std::set<std::int32_t> severities;
    for (const QJsonValue &value : logs) {
        const QJsonObject json = value.toObject();
        const LogRecord expected = logFromManifest(json);
        const AnyValue *index = findAttribute(expected.attributes, "log.index");
        QVERIFY(index);
        const QString context = QStringLiteral("log %1").arg(index->intValue());
        const auto found = byIndex.find(index->intValue());
        QVERIFY2(found != byIndex.end(), qPrintable(context + QStringLiteral(" missing")));
        const StoredLog &stored = *found->second;
        const LogRecord &actual = stored.record;
        INTEROP_EXPECT_EQ(actual.timeNs, expected.timeNs, context + QStringLiteral(" time"));
        INTEROP_EXPECT_EQ(actual.observedTimeNs, expected.observedTimeNs,
                          context + QStringLiteral(" observed time"));
        INTEROP_EXPECT_EQ(actual.severityNumber, expected.severityNumber,
                          context + QStringLiteral(" severity"));
        INTEROP_EXPECT_EQ(actual.severityText, expected.severityText,
                          context + QStringLiteral(" severity text"));
        INTEROP_EXPECT_EQ(canonicalText(actual.body), canonicalText(expected.body),
                          context + QStringLiteral(" body"));
        INTEROP_EXPECT_EQ(canonicalText(actual.attributes), canonicalText(expected.attributes),
                          context + QStringLiteral(" attributes"));
        INTEROP_EXPECT_EQ(actual.traceId, expected.traceId, context + QStringLiteral(" trace id"));
        INTEROP_EXPECT_EQ(actual.spanId, expected.spanId, context + QStringLiteral(" span id"));
        INTEROP_EXPECT_EQ(actual.flags, expected.flags, context + QStringLiteral(" flags"));
        INTEROP_EXPECT_EQ(actual.eventName, expected.eventName,
                          context + QStringLiteral(" event name"));
        INTEROP_EXPECT_EQ(
            canonicalText(stored.resource.attributes),
            canonicalText(
                resourceFromManifest(json.value(QLatin1String("resource")).toObject()).attributes),
            context + QStringLiteral(" resource"));
        const InstrumentationScope expectedScope
            = scopeFromManifest(json.value(QLatin1String("scope")).toObject());
        INTEROP_EXPECT_EQ(stored.scope.name, expectedScope.name,
                          context + QStringLiteral(" scope"));
        INTEROP_EXPECT_EQ(stored.scope.version, expectedScope.version,
                          context + QStringLiteral(" scope version"));
        if (!expected.traceId.isZero())
            logsPerTrace[expected.traceId] += 1;
        severities.insert(expected.severityNumber);
    }

    // Every severity from TRACE to FATAL4 went through, and logs written inside spans are found by
    // their trace id.
    QCOMPARE(severities.size(), std::size_t(24));
    QVERIFY(!logsPerTrace.empty());
    for (const auto &[traceId, count] : logsPerTrace) {
        LogQuery byTrace;
        byTrace.traceId = traceId;
        INTEROP_EXPECT_EQ(queries.countLogs(byTrace), count,
                          QStringLiteral("logs of trace ") + describe(traceId));
    }

    const auto structured
        = std::find_if(page.logs.begin(), page.logs.end(), [](const StoredLog &log) {
              return log.record.eventName == "payment.failed";
          });
    QVERIFY(structured != page.logs.end());
    QCOMPARE(structured->record.body.type(), AnyValue::Type::Map);
    const AnyValue *raw = nullptr;
    for (const KeyValue &entry : structured->record.body.mapValue()) {
        if (entry.key == "raw")
            raw = &entry.value;
    }
    QVERIFY(raw);
    QCOMPARE(raw->type(), AnyValue::Type::Bytes);
    QCOMPARE(raw->bytesValue(), std::string("\x00\x01\x02\xfe\xff", 5));
}

QTEST_GUILESS_MAIN(TestJsSdkInterop)
#include "tst_js_sdk_interop.moc"
