// RecordTableWriter: aligned text tables (numbers right-aligned, long cells cut, no trailing
// blanks), CSV with quoting and CRLF, JSON lines of whole rows, and how each JSON type becomes a
// cell.
#include "formats/record_table_writer.h"

#include <QJsonObject>
#include <QTest>

using namespace kansoku;

namespace {

const QList<RecordColumn> columns{{QStringLiteral("name"), QStringLiteral("NAME")},
                                  {QStringLiteral("spans"), QStringLiteral("SPANS")},
                                  {QStringLiteral("note"), QStringLiteral("NOTE")}};

QJsonArray rows()
{
    return {
        QJsonObject{{QStringLiteral("name"), QStringLiteral("checkout")},
                    {QStringLiteral("spans"), 1200},
                    {QStringLiteral("note"), QStringLiteral("a, \"quoted\" note")},
                    {QStringLiteral("extra"), true}},
        QJsonObject{{QStringLiteral("name"), QStringLiteral("db")}, {QStringLiteral("spans"), 7}}};
}

} // namespace

class TestRecordTableWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void textAlignsColumns();
    void textCutsLongCells();
    void csvQuotesFields();
    void jsonLinesKeepWholeRows();
    void cells_data();
    void cells();
};

void TestRecordTableWriter::textAlignsColumns()
{
    QCOMPARE(RecordTableWriter::text(columns, rows()),
             QByteArray("NAME      SPANS  NOTE\n"
                        "checkout   1200  a, \"quoted\" note\n"
                        "db            7\n"));
    QCOMPARE(RecordTableWriter::text(columns, {}), QByteArray("NAME  SPANS  NOTE\n"));
}

void TestRecordTableWriter::textCutsLongCells()
{
    const QJsonArray longRow{QJsonObject{{QStringLiteral("name"), QStringLiteral("abcdefghij")}}};
    QCOMPARE(RecordTableWriter::text({columns.first()}, longRow, 6),
             QStringLiteral("NAME\nabcde\u2026\n").toUtf8());
}

void TestRecordTableWriter::csvQuotesFields()
{
    QCOMPARE(RecordTableWriter::csv(columns, rows()),
             QByteArray("name,spans,note\r\n"
                        "checkout,1200,\"a, \"\"quoted\"\" note\"\r\n"
                        "db,7,\r\n"));
}

void TestRecordTableWriter::jsonLinesKeepWholeRows()
{
    QCOMPARE(RecordTableWriter::jsonLines(rows()),
             QByteArray("{\"extra\":true,\"name\":\"checkout\",\"note\":\"a, \\\"quoted\\\" "
                        "note\",\"spans\":1200}\n"
                        "{\"name\":\"db\",\"spans\":7}\n"));
}

void TestRecordTableWriter::cells_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("cell");
    QTest::newRow("string") << QJsonValue(QStringLiteral("x y")) << QStringLiteral("x y");
    QTest::newRow("integer") << QJsonValue(1796292000123.0) << QStringLiteral("1796292000123");
    QTest::newRow("fraction") << QJsonValue(12.346) << QStringLiteral("12.346");
    QTest::newRow("bool") << QJsonValue(false) << QStringLiteral("false");
    QTest::newRow("array") << QJsonValue(QJsonArray{QStringLiteral("a"), 2})
                           << QStringLiteral("a,2");
    QTest::newRow("object") << QJsonValue(QJsonObject{{QStringLiteral("k"), 1}})
                            << QStringLiteral("{\"k\":1}");
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << QString();
    QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined) << QString();
}

void TestRecordTableWriter::cells()
{
    QFETCH(QJsonValue, value);
    QFETCH(QString, cell);
    QCOMPARE(RecordTableWriter::cell(value), cell);
}

QTEST_GUILESS_MAIN(TestRecordTableWriter)
#include "tst_record_table_writer.moc"
