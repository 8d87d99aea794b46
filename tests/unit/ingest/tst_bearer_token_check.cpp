// BearerTokenCheck: which Authorization values let a request through to the decoder.
#include "bearer_token_check.h"

#include <QTest>

using namespace kansoku;

Q_DECLARE_METATYPE(BearerTokenCheck::Verdict)

class tst_BearerTokenCheck : public QObject
{
    Q_OBJECT

private slots:
    void check_data();
    void check();
    void equalInConstantTime_data();
    void equalInConstantTime();
    void messagesNameTheHeader();
};

void tst_BearerTokenCheck::check_data()
{
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<BearerTokenCheck::Verdict>("verdict");
    using V = BearerTokenCheck::Verdict;
    const QByteArray token = "s3cr3t-T0ken_x";
    QTest::newRow("no token required, nothing sent")
        << QByteArray() << QByteArray() << V::Authorized;
    QTest::newRow("no token required, something sent")
        << QByteArray() << QByteArray("Bearer whatever") << V::Authorized;
    QTest::newRow("right token") << token << QByteArray("Bearer s3cr3t-T0ken_x") << V::Authorized;
    QTest::newRow("scheme in lower case")
        << token << QByteArray("bearer s3cr3t-T0ken_x") << V::Authorized;
    QTest::newRow("scheme in upper case, extra spaces")
        << token << QByteArray("  BEARER   s3cr3t-T0ken_x \t") << V::Authorized;
    QTest::newRow("nothing sent") << token << QByteArray() << V::Missing;
    QTest::newRow("only the scheme") << token << QByteArray("Bearer") << V::Missing;
    QTest::newRow("only the scheme and a space") << token << QByteArray("Bearer ") << V::Missing;
    QTest::newRow("another scheme") << token << QByteArray("Basic czNjcjN0") << V::Missing;
    QTest::newRow("token without scheme") << token << token << V::Missing;
    QTest::newRow("scheme glued to token")
        << token << QByteArray("Bearers3cr3t-T0ken_x") << V::Missing;
    QTest::newRow("wrong token") << token << QByteArray("Bearer s3cr3t-T0ken_y") << V::Wrong;
    QTest::newRow("prefix of the token") << token << QByteArray("Bearer s3cr3t") << V::Wrong;
    QTest::newRow("token plus more") << token << QByteArray("Bearer s3cr3t-T0ken_xx") << V::Wrong;
    QTest::newRow("token in other case")
        << token << QByteArray("Bearer S3CR3T-T0KEN_X") << V::Wrong;
    QTest::newRow("percent-encoded space left in")
        << token << QByteArray("Bearer%20s3cr3t-T0ken_x") << V::Missing;
}

void tst_BearerTokenCheck::check()
{
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, authorization);
    QFETCH(BearerTokenCheck::Verdict, verdict);
    QCOMPARE(
        BearerTokenCheck::check(std::string_view(expected.constData(), expected.size()),
                                std::string_view(authorization.constData(), authorization.size())),
        verdict);
}

void tst_BearerTokenCheck::equalInConstantTime_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("same") << QByteArray("abc") << QByteArray("abc") << true;
    QTest::newRow("last byte differs") << QByteArray("abc") << QByteArray("abd") << false;
    QTest::newRow("first byte differs") << QByteArray("abc") << QByteArray("xbc") << false;
    QTest::newRow("shorter") << QByteArray("ab") << QByteArray("abc") << false;
    QTest::newRow("longer") << QByteArray("abc") << QByteArray("ab") << false;
    QTest::newRow("empty against text") << QByteArray() << QByteArray("a") << false;
    // A trailing NUL must not make a shorter text equal (the loop pads with zero bytes).
    QTest::newRow("trailing NUL") << QByteArray("ab", 2) << QByteArray("ab\0", 3) << false;
}

void tst_BearerTokenCheck::equalInConstantTime()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(BearerTokenCheck::equalInConstantTime(std::string_view(a.constData(), a.size()),
                                                   std::string_view(b.constData(), b.size())),
             equal);
}

void tst_BearerTokenCheck::messagesNameTheHeader()
{
    QVERIFY(BearerTokenCheck::message(BearerTokenCheck::Verdict::Authorized).empty());
    QVERIFY(BearerTokenCheck::message(BearerTokenCheck::Verdict::Missing).find("Bearer")
            != std::string::npos);
    QVERIFY(!BearerTokenCheck::message(BearerTokenCheck::Verdict::Wrong).empty());
}

QTEST_GUILESS_MAIN(tst_BearerTokenCheck)
#include "tst_bearer_token_check.moc"
