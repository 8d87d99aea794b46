#include "support/utf8_string_list.h"
#include "view/command_palette_model.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace kansoku;
using kansoku::test::utf8StringList;

namespace {

using Kind = CommandPaletteEntry::Kind;

CommandPaletteEntry entry(Kind kind, const QString &text, const QString &payload = {})
{
    CommandPaletteEntry made;
    made.kind = kind;
    made.text = text;
    made.payload = payload.isEmpty() ? text : payload;
    return made;
}

std::vector<CommandPaletteEntry> sessionEntries()
{
    return {entry(Kind::Action, QStringLiteral("Pause receiving")),
            entry(Kind::Action, QStringLiteral("Maximise Metrics")),
            entry(Kind::Action, QStringLiteral("Open session…")),
            entry(Kind::Service, QStringLiteral("checkout")),
            entry(Kind::Service, QStringLiteral("frontend-checkout-proxy")),
            entry(Kind::Metric, QStringLiteral("http.server.request.duration"),
                  QStringLiteral("checkout|http.server.request.duration|histogram")),
            entry(Kind::Metric, QStringLiteral("db.client.operation.duration")),
            entry(Kind::Session, QStringLiteral("session-2026-11-30-1048.kansoku"),
                  QStringLiteral("/home/me/session-2026-11-30-1048.kansoku"))};
}

// "kind:text" per row, the order the palette lists them in.
QStringList rows(const CommandPaletteModel &model)
{
    QStringList listed;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        listed.append(index.data(CommandPaletteModel::KindTextRole).toString() + u':'
                      + index.data().toString());
    }
    return listed;
}

} // namespace

class TestCommandPaletteModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyQueryListsEverythingInOrder();
    void filtersAndRanksByScore();
    void typedTraceIdComesFirst_data();
    void typedTraceIdComesFirst();
    void matchPositionsPointIntoTheText();
    void rowsAreCapped();
};

void TestCommandPaletteModel::emptyQueryListsEverythingInOrder()
{
    CommandPaletteModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(sessionEntries());
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(model.entryAt(0)->text, QStringLiteral("Pause receiving"));
    QCOMPARE(model.entryAt(7)->kind, Kind::Session);
    QVERIFY(!model.entryAt(8));
    QVERIFY(!model.entryAt(-1));
}

void TestCommandPaletteModel::filtersAndRanksByScore()
{
    CommandPaletteModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(sessionEntries());

    model.setQuery(QStringLiteral("checkout"));
    QCOMPARE(rows(model),
             (utf8StringList({"Filter service:checkout", "Filter service:frontend-checkout-proxy",
                              "Search logs:checkout"})));

    // Scattered letters match too, below the word starts.
    model.setQuery(QStringLiteral("dur"));
    QCOMPARE(rows(model),
             (utf8StringList({"Show metric:http.server.request.duration",
                              "Show metric:db.client.operation.duration",
                              "Filter service:frontend-checkout-proxy", "Search logs:dur"})));
    // The log search carries the text as typed (trimmed), ready for the Logs pane.
    model.setQuery(QStringLiteral("  status:500 refused "));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.entryAt(0)->kind, Kind::LogSearch);
    QCOMPARE(model.entryAt(0)->payload, QStringLiteral("status:500 refused"));

    model.setQuery(QStringLiteral("pause"));
    QCOMPARE(rows(model), (utf8StringList({"Menu:Pause receiving", "Search logs:pause"})));
    QCOMPARE(model.query(), QStringLiteral("pause"));

    // New entries (another session) are filtered by the query in force.
    model.setEntries({entry(Kind::Service, QStringLiteral("payments"))});
    QCOMPARE(rows(model), (utf8StringList({"Search logs:pause"})));
}

void TestCommandPaletteModel::typedTraceIdComesFirst_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("traceHex"); // empty: no trace entry
    QTest::newRow("32 hex digits") << " 4BF92F3577B34DA6A3CE929D0E0E4736 "
                                   << "4bf92f3577b34da6a3ce929d0e0e4736";
    QTest::newRow("16 hex digits of a 64-bit id") << "a3ce929d0e0e4736"
                                                  << "0000000000000000a3ce929d0e0e4736";
    QTest::newRow("31 hex digits") << "4bf92f3577b34da6a3ce929d0e0e473"
                                   << "";
    QTest::newRow("not hex") << "4bf92f3577b34da6a3ce929d0e0e473z"
                             << "";
    QTest::newRow("all zero") << "00000000000000000000000000000000"
                              << "";
}

void TestCommandPaletteModel::typedTraceIdComesFirst()
{
    QFETCH(QString, typed);
    QFETCH(QString, traceHex);
    CommandPaletteModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(sessionEntries());
    model.setQuery(typed);
    const CommandPaletteEntry *first = model.entryAt(0);
    QVERIFY(first);
    if (traceHex.isEmpty()) {
        QCOMPARE_NE(first->kind, Kind::Trace);
        return;
    }
    QCOMPARE(first->kind, Kind::Trace);
    QCOMPARE(first->payload, traceHex);
    QCOMPARE(model.entryAt(model.rowCount() - 1)->kind, Kind::LogSearch);
}

void TestCommandPaletteModel::matchPositionsPointIntoTheText()
{
    CommandPaletteModel model;
    model.setEntries(sessionEntries());
    model.setQuery(QStringLiteral("hsrd"));
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("http.server.request.duration"));
    QCOMPARE(model.index(0).data(CommandPaletteModel::MatchPositionsRole).value<QList<int>>(),
             (QList<int>{0, 5, 12, 20}));
    QCOMPARE(model.index(0).data(CommandPaletteModel::KindRole).toInt(),
             static_cast<int>(Kind::Metric));
    // Entries made from the text highlight nothing.
    const int last = model.rowCount() - 1;
    QVERIFY(model.index(last)
                .data(CommandPaletteModel::MatchPositionsRole)
                .value<QList<int>>()
                .isEmpty());
}

void TestCommandPaletteModel::rowsAreCapped()
{
    std::vector<CommandPaletteEntry> many;
    for (int i = 0; i < CommandPaletteModel::maxMatchedRows + 50; ++i)
        many.push_back(entry(Kind::Metric, QStringLiteral("app.metric.%1").arg(i)));
    CommandPaletteModel model;
    model.setEntries(std::move(many));
    model.setQuery(QStringLiteral("app"));
    QCOMPARE(model.rowCount(), CommandPaletteModel::maxMatchedRows + 1); // + Search logs
}

QTEST_GUILESS_MAIN(TestCommandPaletteModel)
#include "tst_command_palette_model.moc"
