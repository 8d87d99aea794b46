// ParticipantSetup: the lines participants of a training room copy into their shell.
#include "core/participant_setup.h"

#include <QTest>
#include <QUrl>

using namespace kansoku;

class TestParticipantSetup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lines_data();
    void lines();
    void headersValueDecodesToTheToken_data();
    void headersValueDecodesToTheToken();
};

void TestParticipantSetup::lines_data()
{
    QTest::addColumn<QStringList>("hosts");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QStringList>("expected");
    const QString headers
        = QStringLiteral("OTEL_EXPORTER_OTLP_HEADERS=authorization=Bearer%20T0k-en_");
    QTest::newRow("no token, no lines")
        << QStringList{QStringLiteral("192.168.1.20")} << QString() << QStringList{};
    QTest::newRow("no address: the headers line alone")
        << QStringList{} << QStringLiteral("T0k-en_") << QStringList{headers};
    QTest::newRow("one IPv4 address")
        << QStringList{QStringLiteral("192.168.1.20")} << QStringLiteral("T0k-en_")
        << QStringList{headers,
                       QStringLiteral("OTEL_EXPORTER_OTLP_ENDPOINT=http://192.168.1.20:4318"),
                       QStringLiteral("OTEL_EXPORTER_OTLP_PROTOCOL=grpc "
                                      "OTEL_EXPORTER_OTLP_ENDPOINT=http://192.168.1.20:4317")};
    QTest::newRow("IPv4 and IPv6, in the given order")
        << QStringList{QStringLiteral("10.0.0.7"), QStringLiteral("fd00::7")}
        << QStringLiteral("T0k-en_")
        << QStringList{headers, QStringLiteral("OTEL_EXPORTER_OTLP_ENDPOINT=http://10.0.0.7:4318"),
                       QStringLiteral("OTEL_EXPORTER_OTLP_PROTOCOL=grpc "
                                      "OTEL_EXPORTER_OTLP_ENDPOINT=http://10.0.0.7:4317"),
                       QStringLiteral("OTEL_EXPORTER_OTLP_ENDPOINT=http://[fd00::7]:4318"),
                       QStringLiteral("OTEL_EXPORTER_OTLP_PROTOCOL=grpc "
                                      "OTEL_EXPORTER_OTLP_ENDPOINT=http://[fd00::7]:4317")};
}

void TestParticipantSetup::lines()
{
    QFETCH(QStringList, hosts);
    QFETCH(QString, token);
    QFETCH(QStringList, expected);
    QCOMPARE(ParticipantSetup::lines(hosts, 4317, 4318, token), expected);
}

void TestParticipantSetup::headersValueDecodesToTheToken_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("expectedValue");
    QTest::newRow("base64url") << QStringLiteral("aZ09-_")
                               << QStringLiteral("authorization=Bearer%20aZ09-_");
    // Characters that mean something in the W3C Baggage list are escaped.
    QTest::newRow("list separators") << QStringLiteral("a,b=c;d%e")
                                     << QStringLiteral("authorization=Bearer%20a%2Cb%3Dc%3Bd%25e");
}

void TestParticipantSetup::headersValueDecodesToTheToken()
{
    QFETCH(QString, token);
    QFETCH(QString, expectedValue);
    const QString value = ParticipantSetup::headersValue(token);
    QCOMPARE(value, expectedValue);
    // What an SDK does with it: split at the first '=', percent-decode the value.
    const QString encoded = value.mid(value.indexOf(QLatin1Char('=')) + 1);
    QCOMPARE(QUrl::fromPercentEncoding(encoded.toLatin1()), QStringLiteral("Bearer ") + token);
}

QTEST_GUILESS_MAIN(TestParticipantSetup)
#include "tst_participant_setup.moc"
