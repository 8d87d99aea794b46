// Drives a real OtlpGrpcReceiver on a free port with grpc++ clients (the generated OTLP stubs,
// and a generic stub for raw bytes) and a real bounded sink.
#include "bounded_test_sink.h"
#include "otlp_grpc_receiver.h"
#include "otlp_test_requests.h"

#include <QTcpServer>
#include <QTest>
#include <chrono>
#include <future>
#include <google/rpc/error_details.pb.h>
#include <google/rpc/status.pb.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <opentelemetry/proto/collector/logs/v1/logs_service.grpc.pb.h>
#include <opentelemetry/proto/collector/metrics/v1/metrics_service.grpc.pb.h>
#include <opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h>

using namespace kansoku;
using namespace kansoku::testing;

namespace {

constexpr std::int64_t testMaxRequestBytes = 64 * 1024;
constexpr auto callTimeout = std::chrono::seconds(10);

struct CallResult
{
    grpc::Status status;
    std::int64_t rejected = -1; // partial_success rejected count when the call succeeded
    std::string partialMessage;
};

void setDeadline(grpc::ClientContext &context)
{
    context.set_deadline(std::chrono::system_clock::now() + callTimeout);
}

// One Export call with the generated stub of the signal; body is a serialized request.
CallResult exportWithStub(const std::shared_ptr<grpc::Channel> &channel, TelemetrySignal signal,
                          const std::string &body, bool gzip = false)
{
    grpc::ClientContext context;
    setDeadline(context);
    if (gzip)
        context.set_compression_algorithm(GRPC_COMPRESS_GZIP);
    CallResult result;
    switch (signal) {
    case TelemetrySignal::Traces: {
        otlpcollector::trace::v1::ExportTraceServiceRequest request;
        request.ParseFromString(body);
        otlpcollector::trace::v1::ExportTraceServiceResponse response;
        result.status = otlpcollector::trace::v1::TraceService::NewStub(channel)->Export(
            &context, request, &response);
        result.rejected = response.partial_success().rejected_spans();
        result.partialMessage = response.partial_success().error_message();
        break;
    }
    case TelemetrySignal::Metrics: {
        otlpcollector::metrics::v1::ExportMetricsServiceRequest request;
        request.ParseFromString(body);
        otlpcollector::metrics::v1::ExportMetricsServiceResponse response;
        result.status = otlpcollector::metrics::v1::MetricsService::NewStub(channel)->Export(
            &context, request, &response);
        result.rejected = response.partial_success().rejected_data_points();
        result.partialMessage = response.partial_success().error_message();
        break;
    }
    case TelemetrySignal::Logs: {
        otlpcollector::logs::v1::ExportLogsServiceRequest request;
        request.ParseFromString(body);
        otlpcollector::logs::v1::ExportLogsServiceResponse response;
        result.status = otlpcollector::logs::v1::LogsService::NewStub(channel)->Export(
            &context, request, &response);
        result.rejected = response.partial_success().rejected_log_records();
        result.partialMessage = response.partial_success().error_message();
        break;
    }
    }
    return result;
}

// Sends arbitrary bytes as the request message of `method`, bypassing protobuf on the client;
// with `authorization` metadata when that is not empty.
grpc::Status rawCall(const std::shared_ptr<grpc::Channel> &channel, const std::string &method,
                     const std::string &bytes, const std::string &authorization = {})
{
    grpc::GenericStub stub(channel);
    grpc::ClientContext context;
    setDeadline(context);
    if (!authorization.empty())
        context.AddMetadata("authorization", authorization);
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                   [&done](grpc::Status status) { done.set_value(std::move(status)); });
    return done.get_future().get();
}

const std::string traceExportMethod = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

std::int64_t itemsIn(const TelemetryBatchPtr &batch)
{
    return batch ? std::int64_t(batch->itemCount()) : -1;
}

} // namespace

class tst_OtlpGrpcReceiver : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void exportIsAccepted_data();
    void exportIsAccepted();
    void gzipCompressedExportIsAccepted();
    void malformedMessageIsInvalidArgument();
    void unknownMethodIsUnimplemented();
    void oversizedMessageIsResourceExhausted();
    void fullOrClosedQueueIsUnavailableWithRetryInfo_data();
    void fullOrClosedQueueIsUnavailableWithRetryInfo();
    void partialSuccessIsReported_data();
    void partialSuccessIsReported();
    void portInUseIsAClearError();
    void stopAndStartAgain();
    void tokenReceiverAcceptsTheRightToken();
    void tokenReceiverIsUnauthenticated_data();
    void tokenReceiverIsUnauthenticated();

private:
    std::shared_ptr<BoundedTestSink> m_sink = std::make_shared<BoundedTestSink>();
    std::shared_ptr<IngestCounters> m_counters = std::make_shared<IngestCounters>();
    std::unique_ptr<OtlpGrpcReceiver> m_receiver;
    std::shared_ptr<grpc::Channel> m_channel;
    // A second receiver as the training room runs it: on every interface, with a bearer token.
    std::unique_ptr<OtlpGrpcReceiver> m_tokenReceiver;
    std::shared_ptr<grpc::Channel> m_tokenChannel;
};

namespace {
const std::string testToken = "room-token_0123456789-ABCDEF";
}

void tst_OtlpGrpcReceiver::initTestCase()
{
    ReceiverOptions options;
    options.grpcPort = 0;
    options.maxRequestBytes = testMaxRequestBytes;
    options.retryAfterSeconds = 3;
    m_receiver = std::make_unique<OtlpGrpcReceiver>(options, m_sink, m_counters);
    QString error;
    QVERIFY2(m_receiver->start(&error), qPrintable(error));
    QVERIFY(m_receiver->port() != 0);
    QVERIFY(m_receiver->status().listening);
    m_channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(m_receiver->port()),
                                    grpc::InsecureChannelCredentials());

    ReceiverOptions tokenOptions = options;
    tokenOptions.listenAddress = QHostAddress(QHostAddress::AnyIPv4);
    tokenOptions.bearerToken = testToken;
    m_tokenReceiver = std::make_unique<OtlpGrpcReceiver>(tokenOptions, m_sink, m_counters);
    QVERIFY2(m_tokenReceiver->start(&error), qPrintable(error));
    QVERIFY(m_tokenReceiver->port() != 0);
    m_tokenChannel = grpc::CreateChannel("127.0.0.1:" + std::to_string(m_tokenReceiver->port()),
                                         grpc::InsecureChannelCredentials());
}

void tst_OtlpGrpcReceiver::cleanupTestCase()
{
    m_tokenChannel.reset();
    m_tokenReceiver->stop();
    m_channel.reset();
    m_receiver->stop();
    QVERIFY(!m_receiver->isListening());
}

void tst_OtlpGrpcReceiver::init()
{
    m_sink->clear();
    m_sink->setCapacity(1000);
    m_sink->setClosed(false);
}

void tst_OtlpGrpcReceiver::exportIsAccepted_data()
{
    QTest::addColumn<TelemetrySignal>("signal");
    QTest::addColumn<int>("items");
    QTest::newRow("traces") << TelemetrySignal::Traces << 5;
    QTest::newRow("metrics") << TelemetrySignal::Metrics << 3;
    QTest::newRow("logs") << TelemetrySignal::Logs << 7;
}

void tst_OtlpGrpcReceiver::exportIsAccepted()
{
    QFETCH(TelemetrySignal, signal);
    QFETCH(int, items);
    const IngestCounts before = m_counters->snapshot().at(signal, IngestTransport::Grpc);
    const CallResult result = exportWithStub(m_channel, signal, protobufRequest(signal, items));
    QVERIFY2(result.status.ok(), result.status.error_message().c_str());
    QCOMPARE(result.rejected, 0);
    // Acknowledged only once the batch is in the sink.
    QCOMPARE(m_sink->size(), std::size_t(1));
    QCOMPARE(itemsIn(m_sink->takeFirst()), items);
    const IngestCounts after = m_counters->snapshot().at(signal, IngestTransport::Grpc);
    QCOMPARE(after.received - before.received, std::int64_t(items));
    QCOMPARE(m_counters->snapshot().at(signal, IngestTransport::Http), IngestCounts{});
}

void tst_OtlpGrpcReceiver::gzipCompressedExportIsAccepted()
{
    const CallResult result
        = exportWithStub(m_channel, TelemetrySignal::Traces,
                         protobufRequest(TelemetrySignal::Traces, 40), /*gzip=*/true);
    QVERIFY2(result.status.ok(), result.status.error_message().c_str());
    QCOMPARE(itemsIn(m_sink->takeFirst()), 40);
}

void tst_OtlpGrpcReceiver::malformedMessageIsInvalidArgument()
{
    const std::int64_t malformedBefore
        = m_counters->snapshot().at(TelemetrySignal::Traces, IngestTransport::Grpc).malformed;
    const grpc::Status status
        = rawCall(m_channel, traceExportMethod, std::string("\x0a\xff\x01garbage", 10));
    QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QVERIFY2(status.error_message().find("malformed protobuf") != std::string::npos,
             status.error_message().c_str());
    QCOMPARE(m_sink->size(), std::size_t(0));
    QCOMPARE(m_counters->snapshot().at(TelemetrySignal::Traces, IngestTransport::Grpc).malformed
                 - malformedBefore,
             1);
}

void tst_OtlpGrpcReceiver::unknownMethodIsUnimplemented()
{
    const grpc::Status status = rawCall(
        m_channel, "/opentelemetry.proto.collector.profiles.v1.ProfilesService/Export", "");
    QCOMPARE(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

void tst_OtlpGrpcReceiver::oversizedMessageIsResourceExhausted()
{
    otlpcollector::trace::v1::ExportTraceServiceRequest request;
    request.ParseFromString(protobufRequest(TelemetrySignal::Traces, 1));
    request.mutable_resource_spans(0)->mutable_scope_spans(0)->mutable_spans(0)->set_name(
        std::string(testMaxRequestBytes + 1, 'n'));
    const CallResult result
        = exportWithStub(m_channel, TelemetrySignal::Traces, request.SerializeAsString());
    QCOMPARE(result.status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    QCOMPARE(m_sink->size(), std::size_t(0));

    // The connection stays usable for the next, normal export.
    QVERIFY(exportWithStub(m_channel, TelemetrySignal::Traces,
                           protobufRequest(TelemetrySignal::Traces, 1))
                .status.ok());
}

void tst_OtlpGrpcReceiver::fullOrClosedQueueIsUnavailableWithRetryInfo_data()
{
    QTest::addColumn<bool>("closed");
    QTest::newRow("full") << false;
    QTest::newRow("closed") << true;
}

void tst_OtlpGrpcReceiver::fullOrClosedQueueIsUnavailableWithRetryInfo()
{
    QFETCH(bool, closed);
    if (closed)
        m_sink->setClosed(true);
    else
        m_sink->setCapacity(0);
    const IngestCounts before
        = m_counters->snapshot().at(TelemetrySignal::Metrics, IngestTransport::Grpc);

    const CallResult result = exportWithStub(m_channel, TelemetrySignal::Metrics,
                                             protobufRequest(TelemetrySignal::Metrics, 6));
    QCOMPARE(result.status.error_code(), grpc::StatusCode::UNAVAILABLE);
    QVERIFY(result.status.error_message().find("retry later") != std::string::npos);

    google::rpc::Status details;
    QVERIFY(details.ParseFromString(result.status.error_details()));
    QCOMPARE(details.code(), int(grpc::StatusCode::UNAVAILABLE));
    QCOMPARE(details.details_size(), 1);
    google::rpc::RetryInfo retryInfo;
    QVERIFY(details.details(0).UnpackTo(&retryInfo));
    QCOMPARE(retryInfo.retry_delay().seconds(), 3);

    const IngestCounts after
        = m_counters->snapshot().at(TelemetrySignal::Metrics, IngestTransport::Grpc);
    QCOMPARE(after.refused - before.refused, 6);
    QCOMPARE(after.received, before.received);
}

void tst_OtlpGrpcReceiver::partialSuccessIsReported_data()
{
    QTest::addColumn<TelemetrySignal>("signal");
    QTest::addColumn<int>("valid");
    QTest::addColumn<int>("invalid");
    QTest::newRow("traces") << TelemetrySignal::Traces << 4 << 1;
    QTest::newRow("metrics") << TelemetrySignal::Metrics << 1 << 2;
    QTest::newRow("logs") << TelemetrySignal::Logs << 2 << 3;
}

void tst_OtlpGrpcReceiver::partialSuccessIsReported()
{
    QFETCH(TelemetrySignal, signal);
    QFETCH(int, valid);
    QFETCH(int, invalid);
    const IngestCounts before = m_counters->snapshot().at(signal, IngestTransport::Grpc);
    const CallResult result
        = exportWithStub(m_channel, signal, protobufRequest(signal, valid, invalid));
    QVERIFY2(result.status.ok(), result.status.error_message().c_str());
    QCOMPARE(result.rejected, std::int64_t(invalid));
    QVERIFY(!result.partialMessage.empty());
    QCOMPARE(itemsIn(m_sink->takeFirst()), valid);
    const IngestCounts after = m_counters->snapshot().at(signal, IngestTransport::Grpc);
    QCOMPARE(after.received - before.received, std::int64_t(valid));
    QCOMPARE(after.rejected - before.rejected, std::int64_t(invalid));
}

void tst_OtlpGrpcReceiver::portInUseIsAClearError()
{
    // Both a port held by another gRPC server (which would share it through SO_REUSEPORT if
    // allowed) and one held by a plain TCP listener must be refused.
    QTcpServer plainListener;
    QVERIFY(plainListener.listen(QHostAddress::LocalHost, 0));
    for (const quint16 takenPort : {m_receiver->port(), plainListener.serverPort()}) {
        ReceiverOptions options;
        options.grpcPort = takenPort;
        OtlpGrpcReceiver second(options, m_sink, m_counters);
        QString error;
        QVERIFY(!second.start(&error));
        QVERIFY2(error.contains(QStringLiteral("127.0.0.1:%1").arg(takenPort)), qPrintable(error));
        QVERIFY(!second.isListening());
        QCOMPARE(second.status().error, error.toStdString());
    }
    QVERIFY(
        exportWithStub(m_channel, TelemetrySignal::Logs, protobufRequest(TelemetrySignal::Logs, 1))
            .status.ok());
}

void tst_OtlpGrpcReceiver::stopAndStartAgain()
{
    ReceiverOptions options;
    options.grpcPort = 0;
    OtlpGrpcReceiver receiver(options, m_sink, m_counters);
    QVERIFY(receiver.start());
    receiver.stop();
    QVERIFY(!receiver.isListening());
    QVERIFY(receiver.start());
    const auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(receiver.port()),
                                             grpc::InsecureChannelCredentials());
    QVERIFY(exportWithStub(channel, TelemetrySignal::Traces,
                           protobufRequest(TelemetrySignal::Traces, 2))
                .status.ok());
    QCOMPARE(itemsIn(m_sink->takeFirst()), 2);
}

void tst_OtlpGrpcReceiver::tokenReceiverAcceptsTheRightToken()
{
    const IngestCounts before
        = m_counters->snapshot().at(TelemetrySignal::Traces, IngestTransport::Grpc);
    const grpc::Status status
        = rawCall(m_tokenChannel, traceExportMethod, protobufRequest(TelemetrySignal::Traces, 6),
                  "Bearer " + testToken);
    QVERIFY2(status.ok(), status.error_message().c_str());
    QCOMPARE(itemsIn(m_sink->takeFirst()), 6);
    const IngestCounts after
        = m_counters->snapshot().at(TelemetrySignal::Traces, IngestTransport::Grpc);
    QCOMPARE(after.received - before.received, 6);
    QCOMPARE(after.unauthorized, before.unauthorized);
}

void tst_OtlpGrpcReceiver::tokenReceiverIsUnauthenticated_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QByteArray>("expectedMessagePart");
    QTest::newRow("no metadata") << QByteArray() << QByteArray("requires a token");
    QTest::newRow("wrong token") << QByteArray("Bearer not-the-token") << QByteArray("not the one");
    QTest::newRow("token without the scheme")
        << QByteArray::fromStdString(testToken) << QByteArray("requires a token");
}

void tst_OtlpGrpcReceiver::tokenReceiverIsUnauthenticated()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QByteArray, expectedMessagePart);
    const IngestCounts before
        = m_counters->snapshot().at(TelemetrySignal::Logs, IngestTransport::Grpc);
    const grpc::Status status
        = rawCall(m_tokenChannel, "/opentelemetry.proto.collector.logs.v1.LogsService/Export",
                  protobufRequest(TelemetrySignal::Logs, 3), authorization.toStdString());
    QCOMPARE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    QVERIFY2(QByteArray::fromStdString(status.error_message()).contains(expectedMessagePart),
             status.error_message().c_str());
    QCOMPARE(m_sink->size(), std::size_t(0));
    const IngestCounts after
        = m_counters->snapshot().at(TelemetrySignal::Logs, IngestTransport::Grpc);
    QCOMPARE(after.unauthorized - before.unauthorized, 1);
    QCOMPARE(after.received, before.received);
    QCOMPARE(after.malformed, before.malformed);
}

QTEST_GUILESS_MAIN(tst_OtlpGrpcReceiver)
#include "tst_otlp_grpc_receiver.moc"
