// Drives a real OtlpHttpReceiver on a free port with real HTTP clients (QNetworkAccessManager and
// raw sockets for chunked, keep-alive and malformed traffic) and a real bounded sink.
#include "bounded_test_sink.h"
#include "otlp_encoding.h"
#include "otlp_http_receiver.h"
#include "otlp_test_requests.h"
#include "protobuf_log_limiter.h"
#include "support/protobuf_wire_bytes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <atomic>
#include <google/rpc/error_details.pb.h>
#include <google/rpc/status.pb.h>
#include <mutex>

using namespace kansoku;
using namespace kansoku::testing;

namespace {

constexpr std::int64_t testMaxRequestBytes = 1024 * 1024;
constexpr int ioTimeoutMs = 10000;

struct HttpReply
{
    int status = 0;                       // 0: no (complete) answer, e.g. the connection was cut
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

QByteArray requestHead(const QByteArray &method, const QByteArray &path,
                       const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray head = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    return head;
}

QByteArray request(const QByteArray &method, const QByteArray &path,
                   const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body)
{
    return requestHead(method, path, headers) + "Content-Length: " + QByteArray::number(body.size())
           + "\r\n\r\n" + body;
}

// Reads one response with a Content-Length body from the socket, waiting as needed.
HttpReply readReply(QTcpSocket &socket)
{
    HttpReply reply;
    QByteArray buffer;
    qsizetype headerEnd = -1;
    while ((headerEnd = buffer.indexOf("\r\n\r\n")) < 0) {
        if (!socket.bytesAvailable() && !socket.waitForReadyRead(ioTimeoutMs))
            return reply;
        buffer += socket.readAll();
    }
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            reply.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                 lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = reply.headers.value("content-length").toLongLong();
    QByteArray body = buffer.mid(headerEnd + 4);
    while (body.size() < length) {
        if (!socket.bytesAvailable() && !socket.waitForReadyRead(ioTimeoutMs))
            return reply;
        body += socket.readAll();
    }
    reply.body = body.left(length);
    reply.status = statusLine.value(1).toInt();
    return reply;
}

HttpReply exchange(quint16 port, const QByteArray &rawRequest)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(ioTimeoutMs))
        return {};
    socket.write(rawRequest);
    return readReply(socket);
}

QByteArray path(TelemetrySignal signal)
{
    return QByteArray("/v1/") + signalName(signal);
}

QByteArray contentType(OtlpEncoding encoding)
{
    return encoding == OtlpEncoding::Json ? "application/json" : "application/x-protobuf";
}

// The google.rpc.Status of an error reply, from either encoding.
google::rpc::Status parseStatus(const HttpReply &reply)
{
    google::rpc::Status status;
    if (reply.headers.value("content-type").startsWith("application/json")) {
        const QJsonObject object = QJsonDocument::fromJson(reply.body).object();
        status.set_code(object.value(QLatin1String("code")).toInt());
        status.set_message(object.value(QLatin1String("message")).toString().toStdString());
    } else {
        status.ParseFromArray(reply.body.constData(), int(reply.body.size()));
    }
    return status;
}

std::int64_t itemsIn(const TelemetryBatchPtr &batch)
{
    return batch ? std::int64_t(batch->itemCount()) : -1;
}

} // namespace

class tst_OtlpHttpReceiver : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void exportIsAccepted_data();
    void exportIsAccepted();
    void compressedBodyIsAccepted_data();
    void compressedBodyIsAccepted();
    void chunkedGzipBodyWithoutContentLength();
    void keepAliveConnectionServesSeveralRequests();
    void expectContinueIsAnswered();
    void badRequestIsAnsweredWithStatus_data();
    void badRequestIsAnsweredWithStatus();
    void oversizedBodyIs413_data();
    void oversizedBodyIs413();
    void hugeUploadIsCutOff();
    void fullOrClosedQueueAnswers503_data();
    void fullOrClosedQueueAnswers503();
    void partialSuccessIsReported_data();
    void partialSuccessIsReported();
    void corsPreflight_data();
    void corsPreflight();
    void corsHeaderOnPostFromLocalOrigin();
    void portInUseIsAClearError();
    void stopAndStartAgain();
    void tokenReceiverAcceptsTheRightToken_data();
    void tokenReceiverAcceptsTheRightToken();
    void tokenReceiverAnswers401_data();
    void tokenReceiverAnswers401();
    void tokenReceiverAnswersPreflightWithoutToken();
    void invalidUtf8FloodPrintsBoundedLibprotobufLog();

private:
    std::shared_ptr<BoundedTestSink> m_sink = std::make_shared<BoundedTestSink>();
    std::shared_ptr<IngestCounters> m_counters = std::make_shared<IngestCounters>();
    std::unique_ptr<OtlpHttpReceiver> m_receiver;
    quint16 m_port = 0;
    // A second receiver as the training room runs it: on every interface, with a bearer token.
    std::unique_ptr<OtlpHttpReceiver> m_tokenReceiver;
    quint16 m_tokenPort = 0;
};

namespace {
const QByteArray testToken = "room-token_0123456789-ABCDEF";
}

void tst_OtlpHttpReceiver::initTestCase()
{
    ReceiverOptions options;
    options.httpPort = 0;
    options.maxRequestBytes = testMaxRequestBytes;
    options.retryAfterSeconds = 7;
    m_receiver = std::make_unique<OtlpHttpReceiver>(options, m_sink, m_counters);
    QString error;
    QVERIFY2(m_receiver->start(&error), qPrintable(error));
    m_port = m_receiver->port();
    QVERIFY(m_port != 0);
    QVERIFY(m_receiver->status().listening);

    ReceiverOptions tokenOptions = options;
    tokenOptions.listenAddress = QHostAddress(QHostAddress::AnyIPv4);
    tokenOptions.bearerToken = testToken.toStdString();
    m_tokenReceiver = std::make_unique<OtlpHttpReceiver>(tokenOptions, m_sink, m_counters);
    QVERIFY2(m_tokenReceiver->start(&error), qPrintable(error));
    m_tokenPort = m_tokenReceiver->port();
    QVERIFY(m_tokenPort != 0);
}

void tst_OtlpHttpReceiver::cleanupTestCase()
{
    m_tokenReceiver->stop();
    m_receiver->stop();
    QVERIFY(!m_receiver->isListening());
}

void tst_OtlpHttpReceiver::init()
{
    m_sink->clear();
    m_sink->setCapacity(1000);
    m_sink->setClosed(false);
}

void tst_OtlpHttpReceiver::exportIsAccepted_data()
{
    QTest::addColumn<TelemetrySignal>("signal");
    QTest::addColumn<OtlpEncoding>("encoding");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expectedResponse");
    for (TelemetrySignal signal :
         {TelemetrySignal::Traces, TelemetrySignal::Metrics, TelemetrySignal::Logs}) {
        QTest::addRow("%s protobuf", signalName(signal))
            << signal << OtlpEncoding::Protobuf << toQByteArray(protobufRequest(signal, 3))
            << QByteArray(); // an empty Export*ServiceResponse serializes to no bytes
        QTest::addRow("%s json", signalName(signal))
            << signal << OtlpEncoding::Json << jsonRequest(signal) << QByteArray("{}");
    }
}

void tst_OtlpHttpReceiver::exportIsAccepted()
{
    QFETCH(TelemetrySignal, signal);
    QFETCH(OtlpEncoding, encoding);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expectedResponse);
    const IngestCounts before = m_counters->snapshot().at(signal, IngestTransport::Http);

    QNetworkAccessManager manager;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/%2")
                                     .arg(m_port)
                                     .arg(QLatin1String(signalName(signal)))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType(encoding));
    std::unique_ptr<QNetworkReply> reply(manager.post(request, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(ioTimeoutMs));

    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
             contentType(encoding));
    QCOMPARE(reply->readAll(), expectedResponse);
    QCOMPARE(m_sink->size(), std::size_t(1));
    const std::int64_t items = encoding == OtlpEncoding::Json ? 1 : 3;
    QCOMPARE(itemsIn(m_sink->takeFirst()), items);
    const IngestCounts after = m_counters->snapshot().at(signal, IngestTransport::Http);
    QCOMPARE(after.received - before.received, items);
    QCOMPARE(after.malformed, before.malformed);
}

void tst_OtlpHttpReceiver::compressedBodyIsAccepted_data()
{
    QTest::addColumn<QByteArray>("contentEncoding");
    QTest::addColumn<QByteArray>("body");
    const QByteArray plain = toQByteArray(protobufRequest(TelemetrySignal::Traces, 50));
    QTest::newRow("gzip") << QByteArray("gzip") << gzipCompress(plain);
    QTest::newRow("zstd") << QByteArray("zstd") << zstdCompress(plain);
    QTest::newRow("identity") << QByteArray("identity") << plain;
    QTest::newRow("gzip, upper case") << QByteArray("GZIP") << gzipCompress(plain);
}

void tst_OtlpHttpReceiver::compressedBodyIsAccepted()
{
    QFETCH(QByteArray, contentEncoding);
    QFETCH(QByteArray, body);
    const HttpReply reply = exchange(m_port, request("POST", "/v1/traces",
                                                     {{"Content-Type", "application/x-protobuf"},
                                                      {"Content-Encoding", contentEncoding}},
                                                     body));
    QCOMPARE(reply.status, 200);
    QCOMPARE(itemsIn(m_sink->takeFirst()), 50);
}

void tst_OtlpHttpReceiver::chunkedGzipBodyWithoutContentLength()
{
    // What the OpenTelemetry JS SDK sends: a gzip stream, chunked, no Content-Length.
    const QByteArray body = gzipCompress(toQByteArray(protobufRequest(TelemetrySignal::Logs, 20)));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(ioTimeoutMs));
    socket.write(requestHead("POST", "/v1/logs",
                             {{"Content-Type", "application/x-protobuf"},
                              {"Content-Encoding", "gzip"},
                              {"Transfer-Encoding", "chunked"}})
                 + "\r\n");
    socket.flush();
    const qsizetype chunkSize = 37;
    for (qsizetype offset = 0; offset < body.size(); offset += chunkSize) {
        const QByteArray chunk = body.mid(offset, chunkSize);
        socket.write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
        socket.flush();
    }
    socket.write("0\r\n\r\n");
    const HttpReply reply = readReply(socket);
    QCOMPARE(reply.status, 200);
    QCOMPARE(itemsIn(m_sink->takeFirst()), 20);
}

void tst_OtlpHttpReceiver::keepAliveConnectionServesSeveralRequests()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(ioTimeoutMs));
    for (int i = 1; i <= 3; ++i) {
        socket.write(request("POST", "/v1/metrics", {{"Content-Type", "application/x-protobuf"}},
                             toQByteArray(protobufRequest(TelemetrySignal::Metrics, i))));
        const HttpReply reply = readReply(socket);
        QCOMPARE(reply.status, 200);
        QCOMPARE(itemsIn(m_sink->takeFirst()), i);
    }
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
}

void tst_OtlpHttpReceiver::expectContinueIsAnswered()
{
    // curl holds back large bodies until the server says 100 Continue.
    const QByteArray body = toQByteArray(protobufRequest(TelemetrySignal::Traces, 200));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(ioTimeoutMs));
    socket.write(requestHead("POST", "/v1/traces",
                             {{"Content-Type", "application/x-protobuf"},
                              {"Content-Length", QByteArray::number(body.size())},
                              {"Expect", "100-continue"}})
                 + "\r\n");
    const QByteArray interim = "HTTP/1.1 100 Continue\r\n\r\n";
    QByteArray received;
    while (received.size() < interim.size() && socket.waitForReadyRead(ioTimeoutMs))
        received += socket.read(interim.size() - received.size());
    QCOMPARE(received, interim);
    socket.write(body);
    const HttpReply reply = readReply(socket);
    QCOMPARE(reply.status, 200);
    QCOMPARE(itemsIn(m_sink->takeFirst()), 200);
}

void tst_OtlpHttpReceiver::badRequestIsAnsweredWithStatus_data()
{
    QTest::addColumn<QByteArray>("rawRequest");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<QByteArray>("expectedBodyPart"); // in the Status message or the text body
    QTest::addColumn<bool>("countsAsMalformed");
    const QByteArray proto = toQByteArray(protobufRequest(TelemetrySignal::Traces, 1));
    const QList<QPair<QByteArray, QByteArray>> protobuf{{"Content-Type", "application/x-protobuf"}};

    QTest::newRow("unknown content type")
        << request("POST", "/v1/traces", {{"Content-Type", "text/plain"}}, proto) << 415
        << QByteArray("application/x-protobuf, application/json") << false;
    QTest::newRow("no content type") << request("POST", "/v1/traces", {}, proto) << 415
                                     << QByteArray("missing Content-Type") << false;
    QTest::newRow("unknown path") << request("POST", "/v1/profiles", protobuf, proto) << 404
                                  << QByteArray("/v1/traces") << false;
    QTest::newRow("GET") << request("GET", "/v1/traces", {}, {}) << 405 << QByteArray("use POST")
                         << false;
    QTest::newRow("malformed protobuf")
        << request("POST", "/v1/traces", protobuf, QByteArray("\x0a\xff\x01garbage", 10)) << 400
        << QByteArray("malformed protobuf") << true;
    QTest::newRow("malformed json")
        << request("POST", "/v1/logs", {{"Content-Type", "application/json; charset=utf-8"}},
                   QByteArray(R"({"resourceLogs":[{"scopeLogs":[}]})"))
        << 400 << QByteArray("invalid JSON") << true;
    QTest::newRow("bad gzip") << request(
        "POST", "/v1/traces",
        {{"Content-Type", "application/x-protobuf"}, {"Content-Encoding", "gzip"}},
        QByteArray("this is not gzip"))
                              << 400 << QByteArray("invalid gzip data") << true;
    QTest::newRow("truncated gzip")
        << request("POST", "/v1/traces",
                   {{"Content-Type", "application/x-protobuf"}, {"Content-Encoding", "gzip"}},
                   gzipCompress(proto).left(12))
        << 400 << QByteArray("truncated") << true;
    QTest::newRow("bad zstd") << request(
        "POST", "/v1/traces",
        {{"Content-Type", "application/x-protobuf"}, {"Content-Encoding", "zstd"}},
        QByteArray("this is not zstd"))
                              << 400 << QByteArray("invalid zstd data") << true;
    QTest::newRow("unknown content encoding")
        << request("POST", "/v1/traces",
                   {{"Content-Type", "application/x-protobuf"}, {"Content-Encoding", "br"}}, proto)
        << 415 << QByteArray("unsupported Content-Encoding 'br'") << false;
}

void tst_OtlpHttpReceiver::badRequestIsAnsweredWithStatus()
{
    QFETCH(QByteArray, rawRequest);
    QFETCH(int, expectedStatus);
    QFETCH(QByteArray, expectedBodyPart);
    QFETCH(bool, countsAsMalformed);
    const std::int64_t malformedBefore = m_counters->snapshot().total().malformed;

    const HttpReply reply = exchange(m_port, rawRequest);
    QCOMPARE(reply.status, expectedStatus);
    QCOMPARE(m_sink->size(), std::size_t(0));
    if (expectedStatus == 405)
        QCOMPARE(reply.headers.value("allow"), QByteArray("POST, OPTIONS"));

    const QByteArray type = reply.headers.value("content-type");
    QByteArray message = reply.body;
    if (type.startsWith("application/")) {
        const google::rpc::Status status = parseStatus(reply);
        QCOMPARE(status.code(), 3); // INVALID_ARGUMENT
        message = QByteArray::fromStdString(status.message());
        QVERIFY2(!message.isEmpty(), "the Status must say what is wrong");
    }
    QVERIFY2(message.contains(expectedBodyPart), message.constData());
    QCOMPARE(m_counters->snapshot().total().malformed - malformedBefore, countsAsMalformed ? 1 : 0);
}

void tst_OtlpHttpReceiver::oversizedBodyIs413_data()
{
    QTest::addColumn<QByteArray>("contentEncoding");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expectedMessagePart");
    // Decompressing these would need 64 times the limit; they must be stopped while inflating.
    const QByteArray bomb(64 * testMaxRequestBytes, '\0');
    QTest::newRow("plain body one byte over")
        << QByteArray() << QByteArray(testMaxRequestBytes + 1, 'x') << QByteArray("exceeds");
    QTest::newRow("gzip bomb") << QByteArray("gzip") << gzipCompress(bomb)
                               << QByteArray("decompressed body exceeds");
    QTest::newRow("zstd bomb") << QByteArray("zstd") << zstdCompress(bomb)
                               << QByteArray("decompressed body exceeds");
}

void tst_OtlpHttpReceiver::oversizedBodyIs413()
{
    QFETCH(QByteArray, contentEncoding);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expectedMessagePart);
    QVERIFY(body.size() < 2 * testMaxRequestBytes);
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/x-protobuf"}};
    if (!contentEncoding.isEmpty())
        headers.append({"Content-Encoding", contentEncoding});
    const HttpReply reply = exchange(m_port, request("POST", "/v1/traces", headers, body));
    QCOMPARE(reply.status, 413);
    const google::rpc::Status status = parseStatus(reply);
    QCOMPARE(status.code(), 8); // RESOURCE_EXHAUSTED
    QVERIFY2(QByteArray::fromStdString(status.message()).contains(expectedMessagePart),
             status.message().c_str());
    QCOMPARE(m_sink->size(), std::size_t(0));
}

void tst_OtlpHttpReceiver::hugeUploadIsCutOff()
{
    // Far past the limit the server stops buffering: it answers 413 or drops the connection, and
    // it keeps serving other clients.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(ioTimeoutMs));
    const QByteArray chunk(256 * 1024, 'x');
    const qsizetype total = 16 * testMaxRequestBytes;
    socket.write(requestHead("POST", "/v1/traces",
                             {{"Content-Type", "application/x-protobuf"},
                              {"Content-Length", QByteArray::number(total)}})
                 + "\r\n");
    for (qsizetype sent = 0; sent < total && socket.state() == QAbstractSocket::ConnectedState;
         sent += chunk.size()) {
        socket.write(chunk);
        socket.waitForBytesWritten(ioTimeoutMs);
    }
    const HttpReply reply = readReply(socket);
    QVERIFY2(reply.status == 413 || reply.status == 0, QByteArray::number(reply.status));
    QCOMPARE(m_sink->size(), std::size_t(0));

    const HttpReply next = exchange(
        m_port, request("POST", "/v1/traces", {{"Content-Type", "application/x-protobuf"}},
                        toQByteArray(protobufRequest(TelemetrySignal::Traces, 1))));
    QCOMPARE(next.status, 200);
}

void tst_OtlpHttpReceiver::fullOrClosedQueueAnswers503_data()
{
    QTest::addColumn<bool>("closed");
    QTest::addColumn<OtlpEncoding>("encoding");
    QTest::newRow("full, protobuf") << false << OtlpEncoding::Protobuf;
    QTest::newRow("full, json") << false << OtlpEncoding::Json;
    QTest::newRow("closed, protobuf") << true << OtlpEncoding::Protobuf;
}

void tst_OtlpHttpReceiver::fullOrClosedQueueAnswers503()
{
    QFETCH(bool, closed);
    QFETCH(OtlpEncoding, encoding);
    if (closed)
        m_sink->setClosed(true);
    else
        m_sink->setCapacity(0);
    const QByteArray body = encoding == OtlpEncoding::Json
                                ? jsonRequest(TelemetrySignal::Logs)
                                : toQByteArray(protobufRequest(TelemetrySignal::Logs, 4));
    const std::int64_t items = encoding == OtlpEncoding::Json ? 1 : 4;
    const IngestCounts before
        = m_counters->snapshot().at(TelemetrySignal::Logs, IngestTransport::Http);

    const HttpReply reply = exchange(
        m_port, request("POST", "/v1/logs", {{"Content-Type", contentType(encoding)}}, body));
    QCOMPARE(reply.status, 503);
    QCOMPARE(reply.headers.value("retry-after"), QByteArray("7"));
    QCOMPARE(reply.headers.value("content-type"), contentType(encoding));
    const google::rpc::Status status = parseStatus(reply);
    QCOMPARE(status.code(), 14); // UNAVAILABLE
    QVERIFY(QByteArray::fromStdString(status.message()).contains("retry later"));
    if (encoding == OtlpEncoding::Protobuf) {
        QCOMPARE(status.details_size(), 1);
        google::rpc::RetryInfo retryInfo;
        QVERIFY(status.details(0).UnpackTo(&retryInfo));
        QCOMPARE(retryInfo.retry_delay().seconds(), 7);
    }
    const IngestCounts after
        = m_counters->snapshot().at(TelemetrySignal::Logs, IngestTransport::Http);
    QCOMPARE(after.refused - before.refused, items);
    QCOMPARE(after.received, before.received);
}

void tst_OtlpHttpReceiver::partialSuccessIsReported_data()
{
    QTest::addColumn<TelemetrySignal>("signal");
    QTest::addColumn<int>("valid");
    QTest::addColumn<int>("invalid");
    QTest::newRow("traces") << TelemetrySignal::Traces << 3 << 2;
    QTest::newRow("metrics") << TelemetrySignal::Metrics << 2 << 1;
    QTest::newRow("logs") << TelemetrySignal::Logs << 1 << 4;
}

void tst_OtlpHttpReceiver::partialSuccessIsReported()
{
    QFETCH(TelemetrySignal, signal);
    QFETCH(int, valid);
    QFETCH(int, invalid);
    const IngestCounts before = m_counters->snapshot().at(signal, IngestTransport::Http);
    const HttpReply reply = exchange(
        m_port, request("POST", path(signal), {{"Content-Type", "application/x-protobuf"}},
                        toQByteArray(protobufRequest(signal, valid, invalid))));
    QCOMPARE(reply.status, 200);

    std::int64_t rejected = -1;
    std::string message;
    switch (signal) {
    case TelemetrySignal::Traces: {
        otlpcollector::trace::v1::ExportTraceServiceResponse response;
        QVERIFY(response.ParseFromArray(reply.body.constData(), int(reply.body.size())));
        rejected = response.partial_success().rejected_spans();
        message = response.partial_success().error_message();
        break;
    }
    case TelemetrySignal::Metrics: {
        otlpcollector::metrics::v1::ExportMetricsServiceResponse response;
        QVERIFY(response.ParseFromArray(reply.body.constData(), int(reply.body.size())));
        rejected = response.partial_success().rejected_data_points();
        message = response.partial_success().error_message();
        break;
    }
    case TelemetrySignal::Logs: {
        otlpcollector::logs::v1::ExportLogsServiceResponse response;
        QVERIFY(response.ParseFromArray(reply.body.constData(), int(reply.body.size())));
        rejected = response.partial_success().rejected_log_records();
        message = response.partial_success().error_message();
        break;
    }
    }
    QCOMPARE(rejected, std::int64_t(invalid));
    QVERIFY(!message.empty());
    QCOMPARE(itemsIn(m_sink->takeFirst()), valid);
    const IngestCounts after = m_counters->snapshot().at(signal, IngestTransport::Http);
    QCOMPARE(after.received - before.received, std::int64_t(valid));
    QCOMPARE(after.rejected - before.rejected, std::int64_t(invalid));
}

void tst_OtlpHttpReceiver::corsPreflight_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("vite dev server") << QByteArray("http://localhost:5173") << true;
    QTest::newRow("loopback v4") << QByteArray("http://127.0.0.1:8080") << true;
    QTest::newRow("loopback v6") << QByteArray("http://[::1]:3000") << true;
    QTest::newRow("foreign site") << QByteArray("http://evil.example") << false;
    QTest::newRow("look-alike") << QByteArray("http://localhost.evil.example") << false;
}

void tst_OtlpHttpReceiver::corsPreflight()
{
    QFETCH(QByteArray, origin);
    QFETCH(bool, allowed);
    const HttpReply reply = exchange(m_port, request("OPTIONS", "/v1/traces",
                                                     {{"Origin", origin},
                                                      {"Access-Control-Request-Method", "POST"},
                                                      {"Access-Control-Request-Headers",
                                                       "content-type, x-custom-secret, accept"}},
                                                     {}));
    QCOMPARE(reply.status, 204);
    if (!allowed) {
        QVERIFY(!reply.headers.contains("access-control-allow-origin"));
        QVERIFY(!reply.headers.contains("access-control-allow-methods"));
        return;
    }
    QCOMPARE(reply.headers.value("access-control-allow-origin"), origin);
    QCOMPARE(reply.headers.value("access-control-allow-methods"), QByteArray("POST, OPTIONS"));
    const QByteArray allowedHeaders = reply.headers.value("access-control-allow-headers").toLower();
    QVERIFY(allowedHeaders.contains("content-type"));
    QVERIFY(allowedHeaders.contains("content-encoding"));
    QVERIFY(allowedHeaders.contains("accept"));
    QVERIFY(!allowedHeaders.contains("x-custom-secret"));
    QVERIFY(reply.headers.value("access-control-max-age").toInt() > 0);
}

void tst_OtlpHttpReceiver::corsHeaderOnPostFromLocalOrigin()
{
    const QByteArray body = jsonRequest(TelemetrySignal::Traces);
    const HttpReply local = exchange(
        m_port,
        request("POST", "/v1/traces",
                {{"Content-Type", "application/json"}, {"Origin", "http://localhost:5173"}}, body));
    QCOMPARE(local.status, 200);
    QCOMPARE(local.headers.value("access-control-allow-origin"),
             QByteArray("http://localhost:5173"));
    const HttpReply foreign = exchange(
        m_port,
        request("POST", "/v1/traces",
                {{"Content-Type", "application/json"}, {"Origin", "http://evil.example"}}, body));
    QCOMPARE(foreign.status, 200);
    QVERIFY(!foreign.headers.contains("access-control-allow-origin"));
}

void tst_OtlpHttpReceiver::portInUseIsAClearError()
{
    ReceiverOptions options;
    options.httpPort = m_port;
    OtlpHttpReceiver second(options, m_sink, m_counters);
    QString error;
    QVERIFY(!second.start(&error));
    QVERIFY2(error.contains(QStringLiteral("127.0.0.1:%1").arg(m_port)), qPrintable(error));
    QVERIFY(!second.isListening());
    QCOMPARE(second.status().error, error.toStdString());
    // The first receiver is unaffected.
    const HttpReply reply
        = exchange(m_port, request("POST", "/v1/logs", {{"Content-Type", "application/json"}},
                                   jsonRequest(TelemetrySignal::Logs)));
    QCOMPARE(reply.status, 200);
}

void tst_OtlpHttpReceiver::stopAndStartAgain()
{
    ReceiverOptions options;
    options.httpPort = 0;
    OtlpHttpReceiver receiver(options, m_sink, m_counters);
    QVERIFY(receiver.start());
    const quint16 port = receiver.port();
    receiver.stop();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!socket.waitForConnected(ioTimeoutMs));

    QVERIFY(receiver.start());
    const HttpReply reply = exchange(
        receiver.port(), request("POST", "/v1/logs", {{"Content-Type", "application/json"}},
                                 jsonRequest(TelemetrySignal::Logs)));
    QCOMPARE(reply.status, 200);
}

void tst_OtlpHttpReceiver::tokenReceiverAcceptsTheRightToken_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::newRow("as the SDKs send it") << QByteArray("Bearer " + testToken);
    QTest::newRow("scheme in lower case") << QByteArray("bearer " + testToken);
}

void tst_OtlpHttpReceiver::tokenReceiverAcceptsTheRightToken()
{
    QFETCH(QByteArray, authorization);
    const IngestCounts before
        = m_counters->snapshot().at(TelemetrySignal::Logs, IngestTransport::Http);
    const HttpReply reply = exchange(
        m_tokenPort,
        request("POST", "/v1/logs",
                {{"Content-Type", "application/x-protobuf"}, {"Authorization", authorization}},
                toQByteArray(protobufRequest(TelemetrySignal::Logs, 4))));
    QCOMPARE(reply.status, 200);
    QCOMPARE(itemsIn(m_sink->takeFirst()), 4);
    const IngestCounts after
        = m_counters->snapshot().at(TelemetrySignal::Logs, IngestTransport::Http);
    QCOMPARE(after.received - before.received, 4);
    QCOMPARE(after.unauthorized, before.unauthorized);
}

void tst_OtlpHttpReceiver::tokenReceiverAnswers401_data()
{
    QTest::addColumn<OtlpEncoding>("encoding");
    QTest::addColumn<QByteArray>("authorization"); // empty: no header
    QTest::addColumn<QByteArray>("expectedChallenge");
    for (OtlpEncoding encoding : {OtlpEncoding::Protobuf, OtlpEncoding::Json}) {
        const char *name = encoding == OtlpEncoding::Json ? "json" : "protobuf";
        QTest::addRow("%s, no authorization", name)
            << encoding << QByteArray() << QByteArray("Bearer");
        QTest::addRow("%s, wrong token", name) << encoding << QByteArray("Bearer not-the-token")
                                               << QByteArray("Bearer error=\"invalid_token\"");
        QTest::addRow("%s, token without the scheme", name)
            << encoding << testToken << QByteArray("Bearer");
        QTest::addRow("%s, basic credentials", name)
            << encoding << QByteArray("Basic dXNlcjpwYXNz") << QByteArray("Bearer");
    }
}

void tst_OtlpHttpReceiver::tokenReceiverAnswers401()
{
    QFETCH(OtlpEncoding, encoding);
    QFETCH(QByteArray, authorization);
    QFETCH(QByteArray, expectedChallenge);
    const IngestCounts before
        = m_counters->snapshot().at(TelemetrySignal::Traces, IngestTransport::Http);
    const QByteArray body = encoding == OtlpEncoding::Json
                                ? jsonRequest(TelemetrySignal::Traces)
                                : toQByteArray(protobufRequest(TelemetrySignal::Traces, 2));
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", contentType(encoding)},
                                                 {"Origin", "http://localhost:5173"}};
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    const HttpReply reply = exchange(m_tokenPort, request("POST", "/v1/traces", headers, body));

    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.headers.value("www-authenticate"), expectedChallenge);
    // A browser may read the answer: the CORS headers are there as on any other reply.
    QCOMPARE(reply.headers.value("access-control-allow-origin"),
             QByteArray("http://localhost:5173"));
    // The OTLP error answer, a google.rpc.Status in the request's own encoding.
    QCOMPARE(reply.headers.value("content-type"), contentType(encoding));
    const google::rpc::Status status = parseStatus(reply);
    QCOMPARE(status.code(), 16); // UNAUTHENTICATED
    QVERIFY2(!status.message().empty(), "the Status must say what is wrong");
    QCOMPARE(m_sink->size(), std::size_t(0));
    const IngestCounts after
        = m_counters->snapshot().at(TelemetrySignal::Traces, IngestTransport::Http);
    QCOMPARE(after.unauthorized - before.unauthorized, 1);
    QCOMPARE(after.received, before.received);
    QCOMPARE(after.malformed, before.malformed);

    // The loopback receiver without a token takes the same request.
    QCOMPARE(exchange(m_port, request("POST", "/v1/traces", headers, body)).status, 200);
    QCOMPARE(m_sink->size(), std::size_t(1));
}

void tst_OtlpHttpReceiver::tokenReceiverAnswersPreflightWithoutToken()
{
    // Browsers send no credentials on a preflight: it must pass, and allow the header.
    const std::int64_t unauthorizedBefore = m_counters->snapshot().total().unauthorized;
    const HttpReply reply = exchange(
        m_tokenPort, request("OPTIONS", "/v1/traces",
                             {{"Origin", "http://localhost:5173"},
                              {"Access-Control-Request-Method", "POST"},
                              {"Access-Control-Request-Headers", "authorization, content-type"}},
                             {}));
    QCOMPARE(reply.status, 204);
    QCOMPARE(reply.headers.value("access-control-allow-origin"),
             QByteArray("http://localhost:5173"));
    QVERIFY(
        reply.headers.value("access-control-allow-headers").toLower().contains("authorization"));
    QCOMPARE(m_counters->snapshot().total().unauthorized, unauthorizedBefore);
}

void tst_OtlpHttpReceiver::invalidUtf8FloodPrintsBoundedLibprotobufLog()
{
    // libprotobuf logs an ERROR line for every request with a string that is not UTF-8. Routed
    // through a limiter, as main() does for the process, a flood of them prints five lines and,
    // once the interval has ended, one summary. The clock stands still until the test moves it.
    std::mutex linesMutex;
    QByteArrayList lines;
    std::atomic<std::int64_t> nowMs{0};
    ProtobufLogLimiter limiter(
        [&](std::string_view line) {
            std::lock_guard lock(linesMutex);
            lines.append(QByteArray(line.data(), qsizetype(line.size())));
        },
        {5, 10'000}, [&nowMs] { return nowMs.load(); });
    const auto linesSoFar = [&] {
        std::lock_guard lock(linesMutex);
        return lines;
    };
    // Nothing logs while the handler changes: the receiver is idle between test functions.
    ProtobufLogLimiter::route(&limiter);
    const auto unroute = qScopeGuard([] { ProtobufLogLimiter::route(nullptr); });

    // ExportLogsServiceRequest > ResourceLogs.2 > ScopeLogs.2 > LogRecord.5 body > string_value.
    using kansoku::test::lengthDelimited;
    const std::string invalidUtf8 = "card \xc3 declined \xff";
    const QByteArray body = QByteArray::fromStdString(lengthDelimited(
        1, lengthDelimited(
               2, lengthDelimited(2, lengthDelimited(5, lengthDelimited(1, invalidUtf8))))));
    const IngestCounts before
        = m_counters->snapshot().at(TelemetrySignal::Logs, IngestTransport::Http);
    constexpr int requestCount = 300;
    for (int i = 0; i < requestCount; ++i) {
        const HttpReply reply
            = exchange(m_port, request("POST", "/v1/logs",
                                       {{"Content-Type", "application/x-protobuf"}}, body));
        QCOMPARE(reply.status, 400);
    }
    const IngestCounts after
        = m_counters->snapshot().at(TelemetrySignal::Logs, IngestTransport::Http);
    QCOMPARE(after.malformed - before.malformed, requestCount);
    QCOMPARE(m_sink->size(), std::size_t(0));

    // One libprotobuf message per request; five were printed.
    QCOMPARE(limiter.counts(), (ProtobufLogLimiter::Counts{5, requestCount - 5}));
    const QByteArrayList printed = linesSoFar();
    QCOMPARE(printed.size(), 5);
    for (const QByteArray &line : printed) {
        QVERIFY2(line.startsWith("[libprotobuf ERROR ") && line.contains("invalid UTF-8"),
                 line.constData());
    }

    nowMs = 9'999;
    limiter.emitDueSummary();
    QCOMPARE(linesSoFar().size(), 5);
    nowMs = 10'000;
    limiter.emitDueSummary();
    QCOMPARE(linesSoFar().size(), 6);
    QCOMPARE(linesSoFar().constLast(),
             QByteArray("kansoku: 295 more libprotobuf messages suppressed (at most 5 are printed "
                        "every 10 s)"));
}

QTEST_GUILESS_MAIN(tst_OtlpHttpReceiver)
#include "tst_otlp_http_receiver.moc"
