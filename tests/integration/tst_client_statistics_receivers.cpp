// Real requests to real receivers (OTLP/HTTP and OTLP/gRPC on free ports) sharing one
// ClientStatistics: checks the per-sender rows the Clients view shows.
#include "bounded_test_sink.h"
#include "core/client_statistics.h"
#include "otlp_decoder.h"
#include "otlp_grpc_receiver.h"
#include "otlp_http_receiver.h"
#include "otlp_test_requests.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <chrono>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h>

using namespace kansoku;
using namespace kansoku::testing;

namespace {

constexpr int ioTimeoutMs = 10000;
constexpr const char *garbage = "\xff\xff\xff\xff not a protobuf message";

// A gzip'd OTLP/JSON trace export from a Node.js service with two spans.
const QByteArray webShopJson = R"({"resourceSpans":[{"resource":{"attributes":[
    {"key":"service.name","value":{"stringValue":"web-shop"}},
    {"key":"telemetry.sdk.language","value":{"stringValue":"nodejs"}},
    {"key":"telemetry.sdk.name","value":{"stringValue":"opentelemetry"}},
    {"key":"telemetry.sdk.version","value":{"stringValue":"1.25.0"}}]},
    "scopeSpans":[{"scope":{"name":"t"},"spans":[
    {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"GET /",
     "kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000100000000"},
    {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b175","name":"GET /a",
     "kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000100000000"}
    ]}]}]})";

// The checkout service (protobufRequest's resource) with its SDK named, valid + invalid spans.
std::string checkoutProtobuf(int validSpans, int invalidSpans)
{
    otlpcollector::trace::v1::ExportTraceServiceRequest request;
    request.ParseFromString(protobufRequest(TelemetrySignal::Traces, validSpans, invalidSpans));
    auto *resource = request.mutable_resource_spans(0)->mutable_resource();
    const std::pair<const char *, const char *> sdk[] = {{"telemetry.sdk.language", "go"},
                                                         {"telemetry.sdk.name", "opentelemetry"},
                                                         {"telemetry.sdk.version", "1.32.0"}};
    for (const auto &[key, value] : sdk) {
        auto *attribute = resource->add_attributes();
        attribute->set_key(key);
        attribute->mutable_value()->set_string_value(value);
    }
    return request.SerializeAsString();
}

const ClientActivity *findRow(const std::vector<ClientActivity> &rows, const std::string &service)
{
    for (const ClientActivity &row : rows) {
        if (row.serviceName == service)
            return &row;
    }
    return nullptr;
}

} // namespace

class tst_ClientStatisticsReceivers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void sendersAreRecordedPerPeerAndService();

private:
    int postHttp(const QByteArray &contentType, const QByteArray &contentEncoding,
                 const QByteArray &body);
    grpc::Status exportGrpc(const std::string &body, bool gzip, std::string *partialMessage);

    std::shared_ptr<BoundedTestSink> m_sink = std::make_shared<BoundedTestSink>();
    std::shared_ptr<IngestCounters> m_counters = std::make_shared<IngestCounters>();
    std::shared_ptr<ClientStatistics> m_clients = std::make_shared<ClientStatistics>();
    std::unique_ptr<OtlpHttpReceiver> m_httpReceiver;
    std::unique_ptr<OtlpGrpcReceiver> m_grpcReceiver;
    std::shared_ptr<grpc::Channel> m_channel;
};

void tst_ClientStatisticsReceivers::initTestCase()
{
    ReceiverOptions options;
    options.httpPort = 0;
    options.grpcPort = 0;
    m_httpReceiver = std::make_unique<OtlpHttpReceiver>(options, m_sink, m_counters, m_clients);
    m_grpcReceiver = std::make_unique<OtlpGrpcReceiver>(options, m_sink, m_counters, m_clients);
    QString error;
    QVERIFY2(m_httpReceiver->start(&error), qPrintable(error));
    QVERIFY2(m_grpcReceiver->start(&error), qPrintable(error));
    m_channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(m_grpcReceiver->port()),
                                    grpc::InsecureChannelCredentials());
}

void tst_ClientStatisticsReceivers::cleanupTestCase()
{
    m_grpcReceiver->stop();
    m_httpReceiver->stop();
}

int tst_ClientStatisticsReceivers::postHttp(const QByteArray &contentType,
                                            const QByteArray &contentEncoding,
                                            const QByteArray &body)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(
        QUrl(QStringLiteral("http://127.0.0.1:%1/v1/traces").arg(m_httpReceiver->port())));
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!contentEncoding.isEmpty())
        request.setRawHeader("Content-Encoding", contentEncoding);
    std::unique_ptr<QNetworkReply> reply(manager.post(request, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(ioTimeoutMs))
        return 0;
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

grpc::Status tst_ClientStatisticsReceivers::exportGrpc(const std::string &body, bool gzip,
                                                       std::string *partialMessage)
{
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (gzip)
        context.set_compression_algorithm(GRPC_COMPRESS_GZIP);
    otlpcollector::trace::v1::ExportTraceServiceRequest request;
    request.ParseFromString(body);
    otlpcollector::trace::v1::ExportTraceServiceResponse response;
    const grpc::Status status = otlpcollector::trace::v1::TraceService::NewStub(m_channel)->Export(
        &context, request, &response);
    *partialMessage = response.partial_success().error_message();
    return status;
}

void tst_ClientStatisticsReceivers::sendersAreRecordedPerPeerAndService()
{
    QCOMPARE(postHttp("application/json", "gzip", gzipCompress(webShopJson)), 200);
    QCOMPARE(postHttp("application/json", "gzip", gzipCompress(webShopJson)), 200);

    std::string partialMessage;
    QVERIFY(exportGrpc(checkoutProtobuf(3, 0), true, &partialMessage).ok());
    QVERIFY(exportGrpc(checkoutProtobuf(2, 1), false, &partialMessage).ok());
    QVERIFY(!partialMessage.empty());

    QCOMPARE(postHttp("application/x-protobuf", {}, QByteArray(garbage)), 400);

    const std::vector<ClientActivity> rows = m_clients->snapshot();
    QCOMPARE(rows.size(), std::size_t(3));

    const ClientActivity *webShop = findRow(rows, "web-shop");
    QVERIFY(webShop);
    QCOMPARE(webShop->peerHost, std::string("127.0.0.1"));
    QCOMPARE(webShop->sdkLanguage, std::string("nodejs"));
    QCOMPARE(webShop->sdkName, std::string("opentelemetry"));
    QCOMPARE(webShop->sdkVersion, std::string("1.25.0"));
    QCOMPARE(webShop->transport, IngestTransport::Http);
    QCOMPARE(webShop->encoding, std::string("json"));
    QCOMPARE(webShop->compression, std::string("gzip"));
    QCOMPARE(webShop->requests, 2);
    QCOMPARE(webShop->items, 4);
    QCOMPARE(webShop->rejections, 0);
    QVERIFY(webShop->lastRejection.empty());
    QVERIFY(webShop->lastSeenMs > 0);

    const ClientActivity *checkout = findRow(rows, "checkout");
    QVERIFY(checkout);
    QCOMPARE(checkout->peerHost, std::string("127.0.0.1"));
    QCOMPARE(checkout->sdkLanguage, std::string("go"));
    QCOMPARE(checkout->sdkVersion, std::string("1.32.0"));
    QCOMPARE(checkout->transport, IngestTransport::Grpc);
    QCOMPARE(checkout->encoding, std::string("protobuf"));
    // Unknown: grpc++ decompresses and hides grpc-encoding before the service sees the call.
    QVERIFY(checkout->compression.empty());
    QCOMPARE(checkout->requests, 2);
    QCOMPARE(checkout->items, 5);
    QCOMPARE(checkout->rejections, 1);
    QCOMPARE(checkout->lastRejection, partialMessage);

    const ClientActivity *undecoded = findRow(rows, "");
    QVERIFY(undecoded);
    QCOMPARE(undecoded->peerHost, std::string("127.0.0.1"));
    QCOMPARE(undecoded->transport, IngestTransport::Http);
    QCOMPARE(undecoded->encoding, std::string("protobuf"));
    QCOMPARE(undecoded->compression, std::string("none"));
    QCOMPARE(undecoded->requests, 1);
    QCOMPARE(undecoded->items, 0);
    QCOMPARE(undecoded->rejections, 1);
    QCOMPARE(
        undecoded->lastRejection,
        OtlpDecoder::decode(TelemetrySignal::Traces, OtlpEncoding::Protobuf, garbage).errorMessage);
}

QTEST_GUILESS_MAIN(tst_ClientStatisticsReceivers)
#include "tst_client_statistics_receivers.moc"
