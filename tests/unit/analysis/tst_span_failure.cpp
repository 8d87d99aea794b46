#include "analysis/span_failure.h"

#include <QTest>

using namespace kansoku;

class TestSpanFailure : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void spanFailed_data();
    void spanFailed();
    void statusCodeFromOlderNameAndText();
    void causeInOrderOfPreference();
    void grpcStatus_data();
    void grpcStatus();
    void grpcStatusIsTheLastCause();
    void normalizeErrorMessage_data();
    void normalizeErrorMessage();
    void longMessagesAreCutOnCharacterBoundaries();
    void messageLineIsTheFirstNonBlankLine();
};

static AnalysisSpan spanOf(SpanKind kind, StatusCode status, std::int64_t httpStatus)
{
    AnalysisSpan span;
    span.kind = kind;
    span.statusCode = status;
    if (httpStatus > 0)
        span.attributes.push_back({"http.response.status_code", AnyValue::fromInt(httpStatus)});
    return span;
}

void TestSpanFailure::spanFailed_data()
{
    QTest::addColumn<SpanKind>("kind");
    QTest::addColumn<StatusCode>("status");
    QTest::addColumn<qint64>("httpStatus");
    QTest::addColumn<bool>("failed");

    QTest::newRow("error status") << SpanKind::Internal << StatusCode::Error << qint64(0) << true;
    QTest::newRow("error status, 200")
        << SpanKind::Server << StatusCode::Error << qint64(200) << true;
    QTest::newRow("ok status wins over 500")
        << SpanKind::Server << StatusCode::Ok << qint64(500) << false;
    QTest::newRow("unset, no status code")
        << SpanKind::Server << StatusCode::Unset << qint64(0) << false;
    QTest::newRow("server 500") << SpanKind::Server << StatusCode::Unset << qint64(500) << true;
    QTest::newRow("server 503") << SpanKind::Server << StatusCode::Unset << qint64(503) << true;
    QTest::newRow("server 499") << SpanKind::Server << StatusCode::Unset << qint64(499) << false;
    QTest::newRow("server 404 is the caller's fault")
        << SpanKind::Server << StatusCode::Unset << qint64(404) << false;
    QTest::newRow("client 404") << SpanKind::Client << StatusCode::Unset << qint64(404) << true;
    QTest::newRow("client 400") << SpanKind::Client << StatusCode::Unset << qint64(400) << true;
    QTest::newRow("client 399") << SpanKind::Client << StatusCode::Unset << qint64(399) << false;
    QTest::newRow("client 502") << SpanKind::Client << StatusCode::Unset << qint64(502) << true;
    QTest::newRow("not a status code")
        << SpanKind::Client << StatusCode::Unset << qint64(600) << false;
    QTest::newRow("internal 500") << SpanKind::Internal << StatusCode::Unset << qint64(500)
                                  << false;
    QTest::newRow("consumer 500") << SpanKind::Consumer << StatusCode::Unset << qint64(500)
                                  << false;
}

void TestSpanFailure::spanFailed()
{
    QFETCH(SpanKind, kind);
    QFETCH(StatusCode, status);
    QFETCH(qint64, httpStatus);
    QFETCH(bool, failed);
    QCOMPARE(kansoku::spanFailed(spanOf(kind, status, httpStatus)), failed);
}

void TestSpanFailure::statusCodeFromOlderNameAndText()
{
    AnalysisSpan span;
    span.kind = SpanKind::Server;
    QCOMPARE(httpStatusCodeOf(span), 0);
    span.attributes.push_back({"http.status_code", AnyValue::fromString("502")});
    QCOMPARE(httpStatusCodeOf(span), 502);
    QVERIFY(kansoku::spanFailed(span));

    span.attributes = {{"http.status_code", AnyValue::fromString("50x")}};
    QCOMPARE(httpStatusCodeOf(span), 0);
    QVERIFY(!kansoku::spanFailed(span));

    // The current name wins over the older one.
    span.attributes = {{"http.status_code", AnyValue::fromInt(500)},
                       {"http.response.status_code", AnyValue::fromInt(200)}};
    QCOMPARE(httpStatusCodeOf(span), 200);
    QVERIFY(!kansoku::spanFailed(span));
}

void TestSpanFailure::causeInOrderOfPreference()
{
    AnalysisSpan span = spanOf(SpanKind::Server, StatusCode::Error, 503);
    span.statusMessage = "timeout after 1203 ms";
    span.exceptionType = "PaymentTimeoutError";
    QCOMPARE(failureCauseOf(span),
             (FailureCause{FailureCauseKind::ExceptionType, "PaymentTimeoutError"}));
    span.exceptionType.clear();
    QCOMPARE(failureCauseOf(span),
             (FailureCause{FailureCauseKind::StatusMessage, "timeout after ? ms"}));
    span.statusMessage = "  \n";
    QCOMPARE(failureCauseOf(span), (FailureCause{FailureCauseKind::HttpStatus, "HTTP 503"}));
    span.attributes.clear();
    QCOMPARE(failureCauseOf(span),
             (FailureCause{FailureCauseKind::Unspecified, "unexplained error"}));
}

void TestSpanFailure::grpcStatus_data()
{
    QTest::addColumn<SpanKind>("kind");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("failed");

    const QString older = QStringLiteral("rpc.grpc.status_code");
    const QString current = QStringLiteral("rpc.response.status_code");
    QTest::newRow("server OK") << SpanKind::Server << older << QVariant(0) << 0 << false;
    QTest::newRow("server UNKNOWN") << SpanKind::Server << older << QVariant(2) << 2 << true;
    QTest::newRow("server DEADLINE_EXCEEDED")
        << SpanKind::Server << older << QVariant(4) << 4 << true;
    QTest::newRow("server NOT_FOUND is the caller's fault")
        << SpanKind::Server << older << QVariant(5) << 5 << false;
    QTest::newRow("server INVALID_ARGUMENT is the caller's fault")
        << SpanKind::Server << older << QVariant(3) << 3 << false;
    QTest::newRow("server UNAVAILABLE") << SpanKind::Server << older << QVariant(14) << 14 << true;
    QTest::newRow("client NOT_FOUND") << SpanKind::Client << older << QVariant(5) << 5 << true;
    QTest::newRow("client CANCELLED") << SpanKind::Client << older << QVariant(1) << 1 << true;
    QTest::newRow("client OK") << SpanKind::Client << older << QVariant(0) << 0 << false;
    QTest::newRow("internal INTERNAL")
        << SpanKind::Internal << older << QVariant(13) << 13 << false;
    QTest::newRow("number as text")
        << SpanKind::Server << older << QVariant(QStringLiteral("13")) << 13 << true;
    QTest::newRow("no number") << SpanKind::Server << older << QVariant(QStringLiteral("x")) << -1
                               << false;
    QTest::newRow("not a gRPC status") << SpanKind::Client << older << QVariant(17) << -1 << false;
    QTest::newRow("current name") << SpanKind::Server << current
                                  << QVariant(QStringLiteral("DEADLINE_EXCEEDED")) << 4 << true;
    QTest::newRow("current name, caller's fault")
        << SpanKind::Server << current << QVariant(QStringLiteral("NOT_FOUND")) << 5 << false;
    QTest::newRow("current name, client")
        << SpanKind::Client << current << QVariant(QStringLiteral("NOT_FOUND")) << 5 << true;
    QTest::newRow("current name, number")
        << SpanKind::Client << current << QVariant(QStringLiteral("14")) << 14 << true;
    QTest::newRow("current name, another RPC system's status")
        << SpanKind::Client << current << QVariant(QStringLiteral("invalid_request")) << -1
        << false;
}

void TestSpanFailure::grpcStatus()
{
    QFETCH(SpanKind, kind);
    QFETCH(QString, key);
    QFETCH(QVariant, value);
    QFETCH(int, code);
    QFETCH(bool, failed);
    AnalysisSpan span = spanOf(kind, StatusCode::Unset, 0);
    span.attributes.push_back(
        {key.toStdString(), value.typeId() == QMetaType::Int
                                ? AnyValue::fromInt(value.toInt())
                                : AnyValue::fromString(value.toString().toStdString())});
    QCOMPARE(grpcStatusCodeOf(span), code);
    QCOMPARE(kansoku::spanFailed(span), failed);
}

void TestSpanFailure::grpcStatusIsTheLastCause()
{
    AnalysisSpan span = spanOf(SpanKind::Client, StatusCode::Unset, 0);
    span.attributes.push_back({"rpc.grpc.status_code", AnyValue::fromInt(4)});
    QCOMPARE(failureCauseOf(span),
             (FailureCause{FailureCauseKind::GrpcStatus, "gRPC DEADLINE_EXCEEDED"}));
    span.statusMessage = "deadline exceeded after 2.000s";
    QCOMPARE(failureCauseOf(span).kind, FailureCauseKind::StatusMessage);
    // An HTTP status, where a span has both (gRPC over a proxy), names the cause first.
    span.statusMessage.clear();
    span.attributes.push_back({"http.response.status_code", AnyValue::fromInt(504)});
    QCOMPARE(failureCauseOf(span), (FailureCause{FailureCauseKind::HttpStatus, "HTTP 504"}));
    QCOMPARE(grpcStatusName(16), std::string_view("UNAUTHENTICATED"));
    QVERIFY(grpcStatusName(17).empty());
}

void TestSpanFailure::normalizeErrorMessage_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("normalized");

    const auto row = [](const char *name, const char *message, const char *normalized) {
        QTest::newRow(name) << QString::fromUtf8(message) << QString::fromUtf8(normalized);
    };
    row("numbers", "timeout after 1203 ms", "timeout after ? ms");
    row("numbers group", "timeout after 1187 ms", "timeout after ? ms");
    row("number with unit", "timeout after 1203ms", "timeout after ?");
    row("ids", "order ord_8812 not found", "order ? not found");
    row("uuid", "user 550e8400-e29b-41d4-a716-446655440000 locked", "user ? locked");
    row("address and port", "connect ECONNREFUSED 10.0.0.7:5432", "connect ECONNREFUSED ?:?");
    row("key=value", "deadlock on id=17, retry=3", "deadlock on id=?, retry=?");
    row("path segments", "GET /orders/17/items failed", "GET /orders/?/items failed");
    row("single quotes", "user 'bob' not found", "user '?' not found");
    row("double quotes", "column \"total\" is null", "column \"?\" is null");
    row("quote with apostrophe inside", "user 'O'Brien' not found", "user '?' not found");
    row("apostrophe in a word", "can't reach payments", "can't reach payments");
    row("unclosed quote", "bad input 'abc", "bad input 'abc");
    row("white space", "  too   many\tspaces  ", "too many spaces");
    row("first line only", "NullPointerException\n\tat Foo.bar(Foo.java:12)",
        "NullPointerException");
    row("words without digits stay", "Connection reset by peer", "Connection reset by peer");
    row("non-ASCII stays", "Zeitüberschreitung nach 30 s", "Zeitüberschreitung nach ? s");
    row("empty", "", "");
}

void TestSpanFailure::normalizeErrorMessage()
{
    QFETCH(QString, message);
    QFETCH(QString, normalized);
    QCOMPARE(QString::fromStdString(kansoku::normalizeErrorMessage(message.toStdString())),
             normalized);
}

void TestSpanFailure::longMessagesAreCutOnCharacterBoundaries()
{
    // 159 ASCII bytes then "é" (2 bytes) straddles the 160-byte limit: it goes whole.
    const std::string message = std::string(159, 'a') + "é and more";
    QCOMPARE(kansoku::normalizeErrorMessage(message), std::string(159, 'a') + "…");
    QCOMPARE(errorMessageLine(message), std::string(159, 'a') + "…");
    const std::string exact(160, 'b');
    QCOMPARE(kansoku::normalizeErrorMessage(exact), exact);
}

void TestSpanFailure::messageLineIsTheFirstNonBlankLine()
{
    QCOMPARE(errorMessageLine("\n  timeout after 1203 ms  \r\nstack"),
             std::string("timeout after 1203 ms"));
    QCOMPARE(errorMessageLine(""), std::string());
}

QTEST_GUILESS_MAIN(TestSpanFailure)
#include "tst_span_failure.moc"
