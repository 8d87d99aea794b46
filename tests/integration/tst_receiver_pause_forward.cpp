// Pause and forwarding with the real receivers (OTLP/HTTP and OTLP/gRPC): paused, an export is
// answered with the protocol's retryable "unavailable" (HTTP 503 + Retry-After, gRPC UNAVAILABLE),
// nothing reaches the sink and the request is counted; resumed, the same request is accepted, and
// a real client that kept retrying delivers. OtlpForwarder sends what a receiver accepted on to a
// second real receiver unchanged (protobuf as it came, OTLP/JSON as the same request in
// protobuf), nothing that was refused while paused or malformed; it retries an unreachable
// upstream until it is there, drops and counts what the queue cannot hold or the upstream refuses
// for good.
#include "bounded_test_sink.h"
#include "otlp_decoder.h"
#include "otlp_export_client.h"
#include "otlp_forwarder.h"
#include "otlp_grpc_receiver.h"
#include "otlp_http_receiver.h"
#include "otlp_test_requests.h"
#include "receiver_control.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThread>

using namespace kansoku;
using kansoku::testing::jsonRequest;
using kansoku::testing::protobufRequest;

namespace {

// One real receiver of either transport on a free (or given) port, with a ReceiverControl.
struct Receiver
{
    std::shared_ptr<BoundedTestSink> sink = std::make_shared<BoundedTestSink>();
    std::shared_ptr<IngestCounters> counters = std::make_shared<IngestCounters>();
    std::shared_ptr<ReceiverControl> control = std::make_shared<ReceiverControl>();
    std::unique_ptr<OtlpGrpcReceiver> grpc;
    std::unique_ptr<OtlpHttpReceiver> http;
    quint16 port = 0;

    bool start(bool useGrpc, quint16 wantedPort = 0)
    {
        ReceiverOptions options;
        options.grpcPort = wantedPort;
        options.httpPort = wantedPort;
        options.control = control;
        QString error;
        if (useGrpc) {
            grpc = std::make_unique<OtlpGrpcReceiver>(options, sink, counters);
            port = grpc->start(&error) ? grpc->port() : 0;
        } else {
            http = std::make_unique<OtlpHttpReceiver>(options, sink, counters);
            port = http->start(&error) ? http->port() : 0;
        }
        if (port == 0)
            qWarning("receiver did not start: %s", qPrintable(error));
        return port != 0;
    }
    ~Receiver()
    {
        if (grpc)
            grpc->stop();
        if (http)
            http->stop();
    }
    OtlpExportTarget target(int maxAttempts) const
    {
        OtlpExportTarget target;
        target.protocol
            = grpc ? OtlpExportTarget::Protocol::Grpc : OtlpExportTarget::Protocol::HttpProtobuf;
        target.endpoint = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        target.timeout = std::chrono::milliseconds(5'000);
        target.maxAttempts = maxAttempts;
        return target;
    }
};

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// POSTs body to the HTTP receiver; the status and the Retry-After header.
std::pair<int, QByteArray> post(quint16 port, const char *path, const QByteArray &contentType,
                                const QByteArray &body)
{
    QNetworkAccessManager network;
    QNetworkRequest request(
        QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(QLatin1String(path))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *reply = network.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(10'000))
        return {0, {}};
    const std::pair<int, QByteArray> result{
        reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
        reply->rawHeader("Retry-After")};
    reply->deleteLater();
    return result;
}

std::string metricsBody()
{
    return protobufRequest(TelemetrySignal::Metrics, 3);
}

// The batch a receiver's decoder makes of body: what the upstream must end up with.
TelemetryBatch decoded(TelemetrySignal signal, OtlpEncoding encoding, std::string_view body)
{
    const OtlpDecodeResult result
        = OtlpDecoder::decode(signal, encoding, body, SpanFields::Encoded);
    return result.ok ? *result.batch : TelemetryBatch();
}

OtlpForwarderOptions forwardTo(const Receiver &upstream)
{
    OtlpForwarderOptions options;
    options.target = upstream.target(1);
    options.firstRetryDelay = std::chrono::milliseconds(50);
    options.maxRetryDelay = std::chrono::milliseconds(200);
    return options;
}

// A receiver ("kansoku") whose accepted exports a started forwarder sends to a second one.
struct ForwardingPair
{
    Receiver upstream;
    Receiver kansoku;
    std::shared_ptr<OtlpForwarder> forwarder;

    bool start(bool receiveGrpc, bool forwardGrpc)
    {
        if (!upstream.start(forwardGrpc) || !kansoku.start(receiveGrpc))
            return false;
        forwarder = std::make_shared<OtlpForwarder>(forwardTo(upstream));
        forwarder->start();
        kansoku.control->setForwarder(forwarder);
        return true;
    }
};

} // namespace

class TestReceiverPauseForward : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pausedHttpAnswers503UntilResumed();
    void pausedGrpcAnswersUnavailableUntilResumed();
    void clientRetryDeliversAfterResume_data();
    void clientRetryDeliversAfterResume();
    void forwardsAcceptedExportsUnchanged_data();
    void forwardsAcceptedExportsUnchanged();
    void forwardsJsonAsTheSameRequestInProtobuf();
    void forwardsNothingRefusedOrMalformed();
    void retriesAnUnreachableUpstreamUntilItIsThere();
    void countsOverflowAndPermanentFailuresAsDropped();
    void drainsWhatWaitsWhenStopped();
};

void TestReceiverPauseForward::pausedHttpAnswers503UntilResumed()
{
    Receiver receiver;
    QVERIFY(receiver.start(false));
    receiver.control->setPaused(true);
    const QByteArray body = QByteArray::fromStdString(metricsBody());
    const auto [status, retryAfter]
        = post(receiver.port, "/v1/metrics", "application/x-protobuf", body);
    QCOMPARE(status, 503);
    QCOMPARE(retryAfter, QByteArray("1"));
    QCOMPARE(post(receiver.port, "/v1/logs", "application/json", jsonRequest(TelemetrySignal::Logs))
                 .first,
             503);
    QCOMPARE(receiver.sink->size(), std::size_t(0));
    const IngestCountersSnapshot paused = receiver.counters->snapshot();
    QCOMPARE(paused.at(TelemetrySignal::Metrics, IngestTransport::Http).paused, 1);
    QCOMPARE(paused.at(TelemetrySignal::Logs, IngestTransport::Http).paused, 1);
    QCOMPARE(paused.total().received, 0);
    QCOMPARE(paused.total().refused, 0); // the queue had room: these are not queue refusals

    receiver.control->setPaused(false);
    QCOMPARE(post(receiver.port, "/v1/metrics", "application/x-protobuf", body).first, 200);
    QCOMPARE(receiver.sink->size(), std::size_t(1));
    QCOMPARE(receiver.counters->snapshot().total().received, 3);
    QCOMPARE(receiver.counters->snapshot().total().paused, 2);
}

void TestReceiverPauseForward::pausedGrpcAnswersUnavailableUntilResumed()
{
    Receiver receiver;
    QVERIFY(receiver.start(true));
    receiver.control->setPaused(true);
    OtlpExportClient client(receiver.target(1));
    const OtlpExportOutcome refused = client.sendEncoded(TelemetrySignal::Metrics, metricsBody());
    QVERIFY(!refused.ok);
    QVERIFY(refused.retryable);
    QVERIFY2(refused.error.contains(QLatin1String("gRPC 14: receiving is paused")),
             qPrintable(refused.error));
    QCOMPARE(receiver.sink->size(), std::size_t(0));
    QCOMPARE(
        receiver.counters->snapshot().at(TelemetrySignal::Metrics, IngestTransport::Grpc).paused,
        1);

    receiver.control->setPaused(false);
    const OtlpExportOutcome accepted = client.sendEncoded(TelemetrySignal::Metrics, metricsBody());
    QVERIFY2(accepted.ok, qPrintable(accepted.error));
    QCOMPARE(receiver.sink->size(), std::size_t(1));
    QCOMPARE(receiver.counters->snapshot().total().received, 3);
}

void TestReceiverPauseForward::clientRetryDeliversAfterResume_data()
{
    QTest::addColumn<bool>("grpc");
    QTest::newRow("http/protobuf") << false;
    QTest::newRow("grpc") << true;
}

void TestReceiverPauseForward::clientRetryDeliversAfterResume()
{
    QFETCH(bool, grpc);
    Receiver receiver;
    QVERIFY(receiver.start(grpc));
    receiver.control->setPaused(true);
    // The client backs off 100, 200, 400 ms ...: ten attempts span far more than the pause.
    OtlpExportOutcome outcome;
    const OtlpExportTarget target = receiver.target(10);
    std::unique_ptr<QThread> sender(QThread::create([&outcome, target] {
        OtlpExportClient client(target);
        outcome = client.sendEncoded(TelemetrySignal::Metrics, metricsBody());
    }));
    sender->start();
    QTRY_VERIFY_WITH_TIMEOUT(receiver.counters->snapshot().total().paused >= 2, 20'000);
    QCOMPARE(receiver.sink->size(), std::size_t(0));
    receiver.control->setPaused(false);
    QVERIFY(sender->wait(60'000));
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(receiver.sink->size(), std::size_t(1));
    QCOMPARE(receiver.counters->snapshot().total().received, 3);
}

void TestReceiverPauseForward::forwardsAcceptedExportsUnchanged_data()
{
    QTest::addColumn<bool>("receiveGrpc");
    QTest::addColumn<bool>("forwardGrpc");
    QTest::newRow("http to http") << false << false;
    QTest::newRow("http to grpc") << false << true;
    QTest::newRow("grpc to http") << true << false;
    QTest::newRow("grpc to grpc") << true << true;
}

void TestReceiverPauseForward::forwardsAcceptedExportsUnchanged()
{
    QFETCH(bool, receiveGrpc);
    QFETCH(bool, forwardGrpc);
    ForwardingPair pair;
    QVERIFY(pair.start(receiveGrpc, forwardGrpc));
    Receiver &upstream = pair.upstream;
    Receiver &kansoku = pair.kansoku;
    const std::shared_ptr<OtlpForwarder> &forwarder = pair.forwarder;

    OtlpExportClient client(kansoku.target(1));
    const TelemetrySignal allSignals[]
        = {TelemetrySignal::Traces, TelemetrySignal::Metrics, TelemetrySignal::Logs};
    for (const TelemetrySignal signal : allSignals) {
        const OtlpExportOutcome sent = client.sendEncoded(signal, protobufRequest(signal, 4));
        QVERIFY2(sent.ok, qPrintable(sent.error));
    }
    QTRY_COMPARE_WITH_TIMEOUT(upstream.sink->size(), std::size_t(3), 20'000);
    for (const TelemetrySignal signal : allSignals) {
        const TelemetryBatchPtr here = kansoku.sink->takeFirst();
        const TelemetryBatchPtr there = upstream.sink->takeFirst();
        QVERIFY(here && there);
        QVERIFY(*here == *there);
        QVERIFY(*there == decoded(signal, OtlpEncoding::Protobuf, protobufRequest(signal, 4)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(forwarder->status().forwardedRequests, 3, 20'000);
    const ForwardingStatus status = forwarder->status();
    QCOMPARE(status.forwardedItems, 12);
    QCOMPARE(status.queuedRequests, 0);
    QCOMPARE(status.queuedBytes, 0);
    QCOMPARE(status.droppedRequests, 0);
    QCOMPARE(status.retries, 0);
    QVERIFY(status.enabled);
    QCOMPARE(status.upstream, OtlpForwarder::describe(upstream.target(1)));
}

void TestReceiverPauseForward::forwardsJsonAsTheSameRequestInProtobuf()
{
    ForwardingPair pair;
    QVERIFY(pair.start(false, false));
    Receiver &upstream = pair.upstream;
    Receiver &kansoku = pair.kansoku;
    const TelemetrySignal allSignals[]
        = {TelemetrySignal::Traces, TelemetrySignal::Metrics, TelemetrySignal::Logs};
    const char *paths[] = {"/v1/traces", "/v1/metrics", "/v1/logs"};
    for (const TelemetrySignal signal : allSignals)
        QCOMPARE(
            post(kansoku.port, paths[int(signal)], "application/json", jsonRequest(signal)).first,
            200);
    QTRY_COMPARE_WITH_TIMEOUT(upstream.sink->size(), std::size_t(3), 20'000);
    for (const TelemetrySignal signal : allSignals) {
        const TelemetryBatchPtr there = upstream.sink->takeFirst();
        QVERIFY(there);
        const QByteArray json = jsonRequest(signal);
        QVERIFY(*there
                == decoded(signal, OtlpEncoding::Json,
                           std::string_view(json.constData(), std::size_t(json.size()))));
        QVERIFY(*there == *kansoku.sink->takeFirst());
    }
    // The upstream got protobuf, as --forward-protocol http/protobuf says.
    QCOMPARE(upstream.counters->snapshot().total().received, 3);
}

void TestReceiverPauseForward::forwardsNothingRefusedOrMalformed()
{
    ForwardingPair pair;
    QVERIFY(pair.start(false, false));
    Receiver &upstream = pair.upstream;
    Receiver &kansoku = pair.kansoku;
    const std::shared_ptr<OtlpForwarder> &forwarder = pair.forwarder;

    kansoku.control->setPaused(true);
    QCOMPARE(post(kansoku.port, "/v1/metrics", "application/x-protobuf",
                  QByteArray::fromStdString(metricsBody()))
                 .first,
             503);
    kansoku.control->setPaused(false);
    QCOMPARE(
        post(kansoku.port, "/v1/metrics", "application/x-protobuf", "\xff\xff not protobuf").first,
        400);
    kansoku.sink->setCapacity(0); // full: refused after the queue patience
    QCOMPARE(post(kansoku.port, "/v1/metrics", "application/x-protobuf",
                  QByteArray::fromStdString(metricsBody()))
                 .first,
             503);
    kansoku.sink->setCapacity(10);
    // The one that is accepted marks the end: once it is upstream, nothing else went.
    QCOMPARE(post(kansoku.port, "/v1/logs", "application/json", jsonRequest(TelemetrySignal::Logs))
                 .first,
             200);
    QTRY_COMPARE_WITH_TIMEOUT(forwarder->status().forwardedRequests, 1, 20'000);
    QCOMPARE(upstream.sink->size(), std::size_t(1));
    QVERIFY(!upstream.sink->takeFirst()->resourceLogs.empty());
    QCOMPARE(forwarder->status().droppedRequests, 0);
    QCOMPARE(upstream.counters->snapshot().total().received, 1);
}

void TestReceiverPauseForward::retriesAnUnreachableUpstreamUntilItIsThere()
{
    const quint16 port = closedPort();
    OtlpForwarderOptions options;
    options.target.endpoint = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    options.target.timeout = std::chrono::milliseconds(2'000);
    options.firstRetryDelay = std::chrono::milliseconds(50);
    options.maxRetryDelay = std::chrono::milliseconds(200);
    OtlpForwarder forwarder(options);
    forwarder.start();
    const std::string body = metricsBody();
    QVERIFY(forwarder.offer(TelemetrySignal::Metrics, OtlpEncoding::Protobuf, body, 3));
    QVERIFY(forwarder.offer(TelemetrySignal::Logs, OtlpEncoding::Json,
                            jsonRequest(TelemetrySignal::Logs).toStdString(), 1));
    QTRY_VERIFY_WITH_TIMEOUT(forwarder.status().retries >= 3, 20'000);
    ForwardingStatus waiting = forwarder.status();
    QCOMPARE(waiting.queuedRequests, 2);
    QCOMPARE(waiting.queuedBytes,
             std::int64_t(body.size()) + jsonRequest(TelemetrySignal::Logs).size());
    QCOMPARE(waiting.forwardedRequests, 0);
    QCOMPARE(waiting.droppedRequests, 0);
    QVERIFY2(QString::fromStdString(waiting.lastError).contains(QString::number(port)),
             waiting.lastError.c_str());

    Receiver upstream; // there at last, on the port the forwarder keeps trying
    QVERIFY(upstream.start(false, port));
    QTRY_COMPARE_WITH_TIMEOUT(forwarder.status().forwardedRequests, 2, 20'000);
    QCOMPARE(forwarder.status().forwardedItems, 4);
    QCOMPARE(forwarder.status().queuedRequests, 0);
    // In the order they were accepted.
    QVERIFY(!upstream.sink->takeFirst()->resourceMetrics.empty());
    QVERIFY(!upstream.sink->takeFirst()->resourceLogs.empty());
}

void TestReceiverPauseForward::countsOverflowAndPermanentFailuresAsDropped()
{
    Receiver upstream;
    QVERIFY(upstream.start(false));
    const std::string body = metricsBody();
    {
        // Room for two bodies while the upstream is unreachable: the third is dropped at once.
        OtlpForwarderOptions options;
        options.target.endpoint = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort()));
        options.queueCapacityBytes = std::int64_t(body.size()) * 2;
        options.firstRetryDelay = std::chrono::milliseconds(50);
        options.drainTimeout = std::chrono::milliseconds(100);
        OtlpForwarder forwarder(options);
        forwarder.start();
        QVERIFY(forwarder.offer(TelemetrySignal::Metrics, OtlpEncoding::Protobuf, body, 3));
        QVERIFY(forwarder.offer(TelemetrySignal::Metrics, OtlpEncoding::Protobuf, body, 3));
        QVERIFY(!forwarder.offer(TelemetrySignal::Metrics, OtlpEncoding::Protobuf, body, 3));
        ForwardingStatus status = forwarder.status();
        QCOMPARE(status.queuedRequests, 2);
        QCOMPARE(status.droppedRequests, 1);
        QCOMPARE(status.droppedItems, 3);
        // Stopping with the upstream still away: what waited is lost, and counted.
        forwarder.stop();
        status = forwarder.status();
        QCOMPARE(status.queuedRequests, 0);
        QCOMPARE(status.queuedBytes, 0);
        QCOMPARE(status.droppedRequests, 3);
        QCOMPARE(status.droppedItems, 9);
        QVERIFY(!forwarder.offer(TelemetrySignal::Metrics, OtlpEncoding::Protobuf, body, 3));
    }
    // The upstream refuses a request for good (HTTP 400): dropped, the next one still goes.
    OtlpForwarder forwarder(forwardTo(upstream));
    forwarder.start();
    QVERIFY(forwarder.offer(TelemetrySignal::Metrics, OtlpEncoding::Protobuf, "\xff\xff bad", 2));
    QVERIFY(forwarder.offer(TelemetrySignal::Metrics, OtlpEncoding::Protobuf, body, 3));
    QTRY_COMPARE_WITH_TIMEOUT(forwarder.status().forwardedRequests, 1, 20'000);
    const ForwardingStatus status = forwarder.status();
    QCOMPARE(status.droppedRequests, 1);
    QCOMPARE(status.droppedItems, 2);
    QCOMPARE(status.retries, 0);
    QVERIFY2(QString::fromStdString(status.lastError).contains(QLatin1String("HTTP 400")),
             status.lastError.c_str());
    QCOMPARE(upstream.sink->size(), std::size_t(1));
}

void TestReceiverPauseForward::drainsWhatWaitsWhenStopped()
{
    Receiver upstream;
    QVERIFY(upstream.start(true));
    OtlpForwarderOptions options = forwardTo(upstream);
    options.drainTimeout = std::chrono::milliseconds(20'000);
    OtlpForwarder forwarder(options);
    const std::string body = metricsBody();
    // Offered before the thread runs: only the drain can send them.
    QVERIFY(forwarder.offer(TelemetrySignal::Metrics, OtlpEncoding::Protobuf, body, 3));
    QVERIFY(forwarder.offer(TelemetrySignal::Metrics, OtlpEncoding::Protobuf, body, 3));
    forwarder.start();
    forwarder.requestStop();
    QVERIFY(!forwarder.offer(TelemetrySignal::Metrics, OtlpEncoding::Protobuf, body, 3));
    forwarder.stop();
    const ForwardingStatus status = forwarder.status();
    QCOMPARE(status.forwardedRequests, 2);
    QCOMPARE(status.forwardedItems, 6);
    QCOMPARE(status.droppedRequests, 1);
    QCOMPARE(status.queuedRequests, 0);
    QCOMPARE(upstream.sink->size(), std::size_t(2));
}

QTEST_GUILESS_MAIN(TestReceiverPauseForward)
#include "tst_receiver_pause_forward.moc"
