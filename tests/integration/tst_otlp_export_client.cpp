// OtlpProtoEncoder and OtlpExportClient: a batch with every field survives encoding and Kansoku's
// decoder unchanged; the client delivers it to real OtlpHttpReceiver and OtlpGrpcReceiver
// instances exactly; it sends the configured headers; it retries what the receiver marks as
// retryable and reports the failure; it names an endpoint nobody listens on.
#include "bounded_test_sink.h"
#include "export_test_data.h"
#include "otlp_decoder.h"
#include "otlp_export_client.h"
#include "otlp_grpc_receiver.h"
#include "otlp_http_receiver.h"
#include "otlp_proto_encoder.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace kansoku;

namespace {

constexpr std::int64_t BaseNs = 1'764'000'000'000'000'000;

// The batch as the receiver's decoder hands it on: one batch per signal.
std::vector<TelemetryBatch> perSignal(const TelemetryBatch &batch)
{
    TelemetryBatch traces, metrics, logs;
    traces.resourceSpans = batch.resourceSpans;
    metrics.resourceMetrics = batch.resourceMetrics;
    logs.resourceLogs = batch.resourceLogs;
    return {traces, metrics, logs};
}

OtlpExportTarget targetFor(OtlpExportTarget::Protocol protocol, quint16 port)
{
    OtlpExportTarget target;
    target.protocol = protocol;
    target.endpoint = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    target.timeout = std::chrono::milliseconds(5'000);
    return target;
}

// One real receiver of the transport asked for, on a free port, feeding sink.
struct RunningReceiver
{
    std::unique_ptr<OtlpGrpcReceiver> grpc;
    std::unique_ptr<OtlpHttpReceiver> http;
    std::shared_ptr<IngestCounters> counters = std::make_shared<IngestCounters>();
    quint16 port = 0;

    bool start(bool useGrpc, ReceiverOptions options, std::shared_ptr<TelemetrySink> sink,
               QString *error)
    {
        options.grpcPort = 0;
        options.httpPort = 0;
        if (useGrpc) {
            grpc = std::make_unique<OtlpGrpcReceiver>(options, sink, counters);
            port = grpc->start(error) ? grpc->port() : 0;
        } else {
            http = std::make_unique<OtlpHttpReceiver>(options, sink, counters);
            port = http->start(error) ? http->port() : 0;
        }
        return port != 0;
    }
    ~RunningReceiver()
    {
        if (grpc)
            grpc->stop();
        if (http)
            http->stop();
    }
};

} // namespace

class TestOtlpExportClient : public QObject
{
    Q_OBJECT

private slots:
    void encodingRoundTripsEveryField();
    void encodedSpanFieldsAreWrittenUnchanged();
    void deliversToRealReceivers_data();
    void deliversToRealReceivers();
    void retriesThenReportsAFullReceiver_data();
    void retriesThenReportsAFullReceiver();
    void sendsConfiguredHeaders();
    void namesAnEndpointNobodyListensOn();
    void parsesProtocolNames();
};

void TestOtlpExportClient::encodingRoundTripsEveryField()
{
    const TelemetryBatch batch = exporttest::everyFieldBatch(BaseNs);
    const std::vector<TelemetryBatch> expected = perSignal(batch);
    const struct
    {
        TelemetrySignal signal;
        std::string body;
    } bodies[] = {
        {TelemetrySignal::Traces, OtlpProtoEncoder::serializeTraces(batch.resourceSpans)},
        {TelemetrySignal::Metrics, OtlpProtoEncoder::serializeMetrics(batch.resourceMetrics)},
        {TelemetrySignal::Logs, OtlpProtoEncoder::serializeLogs(batch.resourceLogs)},
    };
    for (std::size_t i = 0; i < 3; ++i) {
        const OtlpDecodeResult decoded
            = OtlpDecoder::decode(bodies[i].signal, OtlpEncoding::Protobuf, bodies[i].body);
        QVERIFY2(decoded.ok, decoded.errorMessage.c_str());
        QCOMPARE(decoded.rejectedItems, 0);
        QVERIFY(*decoded.batch == expected[i]);
    }
}

void TestOtlpExportClient::encodedSpanFieldsAreWrittenUnchanged()
{
    const TelemetryBatch batch = exporttest::everyFieldBatch(BaseNs);
    const std::string body = OtlpProtoEncoder::serializeTraces(batch.resourceSpans);
    // What the receivers and the importer keep: attributes, events and links still encoded.
    const OtlpDecodeResult encoded = OtlpDecoder::decode(
        TelemetrySignal::Traces, OtlpEncoding::Protobuf, body, SpanFields::Encoded);
    QVERIFY(encoded.ok);
    QVERIFY(encoded.batch->resourceSpans.at(0).scopeSpans.at(0).hasEncodedSpanFields());
    const std::string again = OtlpProtoEncoder::serializeTraces(encoded.batch->resourceSpans);
    QCOMPARE(QByteArray::fromStdString(again), QByteArray::fromStdString(body));
}

void TestOtlpExportClient::deliversToRealReceivers_data()
{
    QTest::addColumn<bool>("grpc");
    QTest::newRow("http/protobuf") << false;
    QTest::newRow("grpc") << true;
}

void TestOtlpExportClient::deliversToRealReceivers()
{
    QFETCH(bool, grpc);
    auto sink = std::make_shared<BoundedTestSink>();
    RunningReceiver receiver;
    QString error;
    QVERIFY2(receiver.start(grpc, {}, sink, &error), qPrintable(error));
    const quint16 port = receiver.port;
    OtlpExportClient client(targetFor(
        grpc ? OtlpExportTarget::Protocol::Grpc : OtlpExportTarget::Protocol::HttpProtobuf, port));
    const TelemetryBatch batch = exporttest::everyFieldBatch(BaseNs);
    const OtlpExportOutcome outcome = client.send(batch);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.requests, 3);
    QCOMPARE(outcome.rejectedItems, 0);
    QCOMPARE(sink->size(), std::size_t(3));
    // The receivers keep span fields encoded; decode them to compare with what was sent.
    TelemetryBatch received;
    for (int i = 0; i < 3; ++i) {
        const TelemetryBatchPtr part = sink->takeFirst();
        for (const ResourceSpans &spans : part->resourceSpans) {
            const OtlpDecodeResult decoded
                = OtlpDecoder::decode(TelemetrySignal::Traces, OtlpEncoding::Protobuf,
                                      OtlpProtoEncoder::serializeTraces({spans}));
            received.resourceSpans.push_back(decoded.batch->resourceSpans.at(0));
        }
        received.resourceMetrics.insert(received.resourceMetrics.end(),
                                        part->resourceMetrics.begin(), part->resourceMetrics.end());
        received.resourceLogs.insert(received.resourceLogs.end(), part->resourceLogs.begin(),
                                     part->resourceLogs.end());
    }
    QVERIFY(received == batch);
}

void TestOtlpExportClient::retriesThenReportsAFullReceiver_data()
{
    deliversToRealReceivers_data();
}

void TestOtlpExportClient::retriesThenReportsAFullReceiver()
{
    QFETCH(bool, grpc);
    auto sink = std::make_shared<BoundedTestSink>(0); // always full
    ReceiverOptions options;
    options.queuePatienceMs = 20;
    RunningReceiver receiver;
    QString error;
    QVERIFY2(receiver.start(grpc, options, sink, &error), qPrintable(error));
    const quint16 port = receiver.port;
    OtlpExportTarget target = targetFor(
        grpc ? OtlpExportTarget::Protocol::Grpc : OtlpExportTarget::Protocol::HttpProtobuf, port);
    target.maxAttempts = 3;
    OtlpExportClient client(target);
    TelemetryBatch batch;
    batch.resourceLogs = exporttest::everyFieldBatch(BaseNs).resourceLogs;
    const OtlpExportOutcome outcome = client.send(batch);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.requests, 0);
    QVERIFY2(outcome.error.contains(grpc ? QStringLiteral("gRPC 14") : QStringLiteral("HTTP 503")),
             qPrintable(outcome.error));
    // Every attempt reached the receiver and was refused for lack of room.
    QCOMPARE(receiver.counters->snapshot().total(TelemetrySignal::Logs).refused,
             3 * std::int64_t(batch.logRecordCount()));
}

void TestOtlpExportClient::sendsConfiguredHeaders()
{
    // A plain socket server in this thread: the client's wait runs this thread's event loop.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QByteArray request;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [&request, socket] {
            request += socket->readAll();
            const qsizetype headerEnd = request.indexOf("\r\n\r\n");
            const qsizetype lengthAt = request.toLower().indexOf("content-length:");
            if (headerEnd < 0 || lengthAt < 0)
                return;
            const qsizetype length
                = request.mid(lengthAt + 15, request.indexOf("\r\n", lengthAt) - lengthAt - 15)
                      .trimmed()
                      .toLongLong();
            if (request.size() < headerEnd + 4 + length)
                return;
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\n"
                          "Content-Length: 0\r\n\r\n");
        });
    });
    OtlpExportTarget target
        = targetFor(OtlpExportTarget::Protocol::HttpProtobuf, server.serverPort());
    target.endpoint.setPath(QStringLiteral("/otlp"));
    target.headers = {{"Authorization", "Bearer secret-token"}, {"X-Team", "kansoku"}};
    OtlpExportClient client(target);
    TelemetryBatch batch;
    batch.resourceLogs = exporttest::everyFieldBatch(BaseNs).resourceLogs;
    const OtlpExportOutcome outcome = client.send(batch);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QVERIFY2(request.startsWith("POST /otlp/v1/logs HTTP/1.1\r\n"), request.left(80).constData());
    const QByteArray lower = request.toLower();
    QVERIFY(lower.contains("\r\nauthorization: bearer secret-token\r\n"));
    QVERIFY(lower.contains("\r\nx-team: kansoku\r\n"));
    QVERIFY(lower.contains("\r\ncontent-type: application/x-protobuf\r\n"));
}

void TestOtlpExportClient::namesAnEndpointNobodyListensOn()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 closedPort = probe.serverPort();
    probe.close();
    for (const auto protocol :
         {OtlpExportTarget::Protocol::HttpProtobuf, OtlpExportTarget::Protocol::Grpc}) {
        OtlpExportTarget target = targetFor(protocol, closedPort);
        target.maxAttempts = 1;
        target.timeout = std::chrono::milliseconds(2'000);
        OtlpExportClient client(target);
        TelemetryBatch batch;
        batch.resourceLogs = exporttest::everyFieldBatch(BaseNs).resourceLogs;
        const OtlpExportOutcome outcome = client.send(batch);
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.error.contains(QStringLiteral("127.0.0.1:%1").arg(closedPort)),
                 qPrintable(outcome.error));
    }
}

void TestOtlpExportClient::parsesProtocolNames()
{
    QCOMPARE(OtlpExportTarget::parseProtocol(QStringLiteral("grpc")),
             OtlpExportTarget::Protocol::Grpc);
    QCOMPARE(OtlpExportTarget::parseProtocol(QStringLiteral("http/protobuf")),
             OtlpExportTarget::Protocol::HttpProtobuf);
    QVERIFY(!OtlpExportTarget::parseProtocol(QStringLiteral("http/json")));
    QVERIFY(!OtlpExportTarget::parseProtocol(QStringLiteral("GRPC")));
    QCOMPARE(OtlpExportTarget::defaultEndpoint(OtlpExportTarget::Protocol::Grpc).port(), 4317);
    QCOMPARE(OtlpExportTarget::defaultEndpoint(OtlpExportTarget::Protocol::HttpProtobuf).port(),
             4318);
}

QTEST_GUILESS_MAIN(TestOtlpExportClient)
#include "tst_otlp_export_client.moc"
