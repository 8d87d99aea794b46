// The command line: `kansoku FILE...` opens files in the window, `kansoku import FILE...` stays
// the headless import, and --headless takes no files.
#include "command_line_options.h"

#include <QTest>

using namespace kansoku;

class TestCommandLineOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void filesForTheWindow();
    void importSubcommandStays();
    void headlessTakesNoFiles();
    void noFiles();
    void analyzeSubcommand();
    void analyzeRejectsBadArguments_data();
    void analyzeRejectsBadArguments();
    void diffOfTwoSessions();
    void diffOfTwoRanges();
    void diffRejectsBadArguments_data();
    void diffRejectsBadArguments();
    void mcpSubcommand();
    void mcpRejectsBadArguments_data();
    void mcpRejectsBadArguments();
    void querySubcommand();
    void queryRejectsBadArguments_data();
    void queryRejectsBadArguments();
};

namespace {

CommandLineOptions parse(std::initializer_list<const char *> arguments)
{
    QStringList list{QStringLiteral("kansoku")};
    for (const char *argument : arguments)
        list << QString::fromUtf8(argument);
    return CommandLineOptions::parse(list);
}

// The current data row's arguments (column "arguments") fail to parse, with a message that
// contains the column "messagePart".
void verifyRejected()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, messagePart);
    const CommandLineOptions options
        = CommandLineOptions::parse(QStringList{QStringLiteral("kansoku")} + arguments);
    QCOMPARE(options.action, CommandLineOptions::Action::Fail);
    QVERIFY2(options.message.contains(messagePart), qPrintable(options.message));
}

} // namespace

void TestCommandLineOptions::filesForTheWindow()
{
    const CommandLineOptions options = CommandLineOptions::parse(
        {QStringLiteral("kansoku"), QStringLiteral("a.jsonl"), QStringLiteral("--db"),
         QStringLiteral("/tmp/x.kansoku"), QStringLiteral("b.binpb.zst")});
    QCOMPARE(options.action, CommandLineOptions::Action::Run);
    QCOMPARE(options.subcommand, CommandLineOptions::Subcommand::None);
    QVERIFY(!options.headless);
    QCOMPARE(options.openFiles,
             QStringList({QStringLiteral("a.jsonl"), QStringLiteral("b.binpb.zst")}));
    QCOMPARE(options.databasePath, QStringLiteral("/tmp/x.kansoku"));
}

void TestCommandLineOptions::importSubcommandStays()
{
    const CommandLineOptions options = CommandLineOptions::parse(
        {QStringLiteral("kansoku"), QStringLiteral("import"), QStringLiteral("a.jsonl")});
    QCOMPARE(options.action, CommandLineOptions::Action::Run);
    QCOMPARE(options.subcommand, CommandLineOptions::Subcommand::Import);
    QCOMPARE(options.importFiles, QStringList({QStringLiteral("a.jsonl")}));
    QVERIFY(options.openFiles.isEmpty());
}

void TestCommandLineOptions::headlessTakesNoFiles()
{
    const CommandLineOptions options = CommandLineOptions::parse(
        {QStringLiteral("kansoku"), QStringLiteral("--headless"), QStringLiteral("a.jsonl")});
    QCOMPARE(options.action, CommandLineOptions::Action::Fail);
    QVERIFY2(options.message.contains(QLatin1String("kansoku import")),
             qPrintable(options.message));
}

void TestCommandLineOptions::noFiles()
{
    const CommandLineOptions options = CommandLineOptions::parse({QStringLiteral("kansoku")});
    QCOMPARE(options.action, CommandLineOptions::Action::Run);
    QVERIFY(options.openFiles.isEmpty());
}

void TestCommandLineOptions::analyzeSubcommand()
{
    const CommandLineOptions all = parse({"analyze", "run.kansoku"});
    QCOMPARE(all.action, CommandLineOptions::Action::Run);
    QCOMPARE(all.subcommand, CommandLineOptions::Subcommand::Analyze);
    QCOMPARE(all.sessionFiles, QStringList{QStringLiteral("run.kansoku")});
    QCOMPARE(all.analysisRange, TimeRange{});
    QVERIFY(!all.json);

    const CommandLineOptions ranged
        = parse({"analyze", "run.kansoku", "--from", "2026-12-03T10:00:00Z", "--to",
                 "2026-12-03T19:30:00.250+09:00", "--json"});
    QCOMPARE(ranged.action, CommandLineOptions::Action::Run);
    QVERIFY(ranged.json);
    // 2026-12-03T10:00:00Z is 1796292000 s after the epoch; 19:30:00.250+09:00 is 10:30:00.250Z.
    QCOMPARE(ranged.analysisRange.startNs, std::int64_t(1796292000) * 1'000'000'000);
    QCOMPARE(ranged.analysisRange.endNs,
             (std::int64_t(1796292000) + 1800) * 1'000'000'000 + 250'000'000);
}

void TestCommandLineOptions::analyzeRejectsBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("no session") << QStringList{QStringLiteral("analyze")}
                                << QStringLiteral("one session file");
    QTest::newRow("two sessions") << QStringList{QStringLiteral("analyze"), QStringLiteral("a"),
                                                 QStringLiteral("b")}
                                  << QStringLiteral("one session file");
    QTest::newRow("not a time") << QStringList{QStringLiteral("analyze"), QStringLiteral("a"),
                                               QStringLiteral("--from"),
                                               QStringLiteral("yesterday")}
                                << QStringLiteral("--from");
    QTest::newRow("a date is not a time")
        << QStringList{QStringLiteral("analyze"), QStringLiteral("a"), QStringLiteral("--to"),
                       QStringLiteral("2026-12-03")}
        << QStringLiteral("--to");
    QTest::newRow("empty range") << QStringList{QStringLiteral("analyze"),
                                                QStringLiteral("a"),
                                                QStringLiteral("--from"),
                                                QStringLiteral("2026-12-03T11:00:00Z"),
                                                QStringLiteral("--to"),
                                                QStringLiteral("2026-12-03T10:00:00Z")}
                                 << QStringLiteral("later");
    QTest::newRow("diff option") << QStringList{QStringLiteral("analyze"), QStringLiteral("a"),
                                                QStringLiteral("--threshold"), QStringLiteral("5")}
                                 << QStringLiteral("kansoku diff");
    QTest::newRow("json without analyze")
        << QStringList{QStringLiteral("--json")} << QStringLiteral("analyze");
}

void TestCommandLineOptions::analyzeRejectsBadArguments()
{
    verifyRejected();
}

void TestCommandLineOptions::diffOfTwoSessions()
{
    const CommandLineOptions options
        = parse({"diff", "a.kansoku", "b.kansoku", "--threshold", "2.5", "--json"});
    QCOMPARE(options.action, CommandLineOptions::Action::Run);
    QCOMPARE(options.subcommand, CommandLineOptions::Subcommand::Diff);
    QCOMPARE(options.sessionFiles,
             QStringList({QStringLiteral("a.kansoku"), QStringLiteral("b.kansoku")}));
    QCOMPARE(options.thresholdPercent, 2.5);
    QVERIFY(options.json);
    QVERIFY(!options.beforeRange);
    QCOMPARE(parse({"diff", "a", "b"}).thresholdPercent, 10.0);
}

void TestCommandLineOptions::diffOfTwoRanges()
{
    const CommandLineOptions options
        = parse({"diff", "a.kansoku", "--before", "2026-12-03T10:00:00Z..2026-12-03T10:30:00Z",
                 "--after", "2026-12-03T11:00:00Z..2026-12-03T11:30:00Z"});
    QCOMPARE(options.action, CommandLineOptions::Action::Run);
    QVERIFY(options.beforeRange && options.afterRange);
    const std::int64_t tenOClock = std::int64_t(1796292000) * 1'000'000'000;
    const std::int64_t halfHour = std::int64_t(1800) * 1'000'000'000;
    QCOMPARE(*options.beforeRange, (TimeRange{tenOClock, tenOClock + halfHour}));
    QCOMPARE(*options.afterRange, (TimeRange{tenOClock + 2 * halfHour, tenOClock + 3 * halfHour}));
}

void TestCommandLineOptions::diffRejectsBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("messagePart");
    const QString range = QStringLiteral("2026-12-03T10:00:00Z..2026-12-03T10:30:00Z");
    QTest::newRow("one session") << QStringList{QStringLiteral("diff"), QStringLiteral("a")}
                                 << QStringLiteral("two session files");
    QTest::newRow("three sessions") << QStringList{QStringLiteral("diff"), QStringLiteral("a"),
                                                   QStringLiteral("b"), QStringLiteral("c")}
                                    << QStringLiteral("two session files");
    QTest::newRow("only before") << QStringList{QStringLiteral("diff"), QStringLiteral("a"),
                                                QStringLiteral("--before"), range}
                                 << QStringLiteral("both ranges");
    QTest::newRow("ranges and two files") << QStringList{QStringLiteral("diff"),
                                                         QStringLiteral("a"),
                                                         QStringLiteral("b"),
                                                         QStringLiteral("--before"),
                                                         range,
                                                         QStringLiteral("--after"),
                                                         range}
                                          << QStringLiteral("one");
    QTest::newRow("not a range") << QStringList{QStringLiteral("diff"),     QStringLiteral("a"),
                                                QStringLiteral("--before"), QStringLiteral("x"),
                                                QStringLiteral("--after"),  range}
                                 << QStringLiteral("--before");
    QTest::newRow("reversed range")
        << QStringList{QStringLiteral("diff"),
                       QStringLiteral("a"),
                       QStringLiteral("--before"),
                       range,
                       QStringLiteral("--after"),
                       QStringLiteral("2026-12-03T10:30:00Z..2026-12-03T10:00:00Z")}
        << QStringLiteral("--after");
    QTest::newRow("negative threshold")
        << QStringList{QStringLiteral("diff"), QStringLiteral("a"), QStringLiteral("b"),
                       QStringLiteral("--threshold"), QStringLiteral("-1")}
        << QStringLiteral("--threshold");
    QTest::newRow("from") << QStringList{QStringLiteral("diff"), QStringLiteral("a"),
                                         QStringLiteral("b"), QStringLiteral("--from"),
                                         QStringLiteral("2026-12-03T10:00:00Z")}
                          << QStringLiteral("--before");
}

void TestCommandLineOptions::diffRejectsBadArguments()
{
    verifyRejected();
}

void TestCommandLineOptions::mcpSubcommand()
{
    const CommandLineOptions options = parse({"mcp", "--db", "live.kansoku"});
    QCOMPARE(options.action, CommandLineOptions::Action::Run);
    QCOMPARE(options.subcommand, CommandLineOptions::Subcommand::Mcp);
    QCOMPARE(options.databasePath, QStringLiteral("live.kansoku"));
    QVERIFY(options.openFiles.isEmpty());
    const CommandLineOptions defaultSession = parse({"mcp"});
    QCOMPARE(defaultSession.subcommand, CommandLineOptions::Subcommand::Mcp);
    QCOMPARE(defaultSession.databasePath, CommandLineOptions::defaultDatabasePath());
}

void TestCommandLineOptions::mcpRejectsBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("a file") << QStringList{QStringLiteral("mcp"), QStringLiteral("a.kansoku")}
                            << QStringLiteral("--db");
    QTest::newRow("headless") << QStringList{QStringLiteral("mcp"), QStringLiteral("--headless")}
                              << QStringLiteral("--headless");
    QTest::newRow("json") << QStringList{QStringLiteral("mcp"), QStringLiteral("--json")}
                          << QStringLiteral("--json");
}

void TestCommandLineOptions::mcpRejectsBadArguments()
{
    verifyRejected();
}

void TestCommandLineOptions::querySubcommand()
{
    const CommandLineOptions traces = parse(
        {"query", "traces", "service=checkout", "sort=slowest", "--db", "s.kansoku", "--csv"});
    QCOMPARE(traces.action, CommandLineOptions::Action::Run);
    QCOMPARE(traces.subcommand, CommandLineOptions::Subcommand::Query);
    QCOMPARE(traces.queryKind, QStringLiteral("traces"));
    QCOMPARE(traces.queryArguments,
             (QStringList{QStringLiteral("service=checkout"), QStringLiteral("sort=slowest")}));
    QCOMPARE(traces.databasePath, QStringLiteral("s.kansoku"));
    QVERIFY(traces.csv);
    QVERIFY(!traces.json);
    QCOMPARE(traces.queryLimit, 0);

    const CommandLineOptions trace
        = parse({"query", "trace", "5b8efcf56a302b4300912e11d78a4e01", "--json", "--limit", "50"});
    QCOMPARE(trace.subcommand, CommandLineOptions::Subcommand::Query);
    QCOMPARE(trace.queryKind, QStringLiteral("trace"));
    QCOMPARE(trace.queryArguments, QStringList{QStringLiteral("5b8efcf56a302b4300912e11d78a4e01")});
    QVERIFY(trace.json);
    QCOMPARE(trace.queryLimit, 50);
}

void TestCommandLineOptions::queryRejectsBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("nothing to query") << QStringList{QStringLiteral("query")}
                                      << QStringLiteral("traces, trace, logs, metrics, services");
    QTest::newRow("unknown kind") << QStringList{QStringLiteral("query"), QStringLiteral("spans")}
                                  << QStringLiteral("name what to print");
    QTest::newRow("trace without id")
        << QStringList{QStringLiteral("query"), QStringLiteral("trace")}
        << QStringLiteral("trace id");
    QTest::newRow("both formats") << QStringList{QStringLiteral("query"), QStringLiteral("logs"),
                                                 QStringLiteral("--json"), QStringLiteral("--csv")}
                                  << QStringLiteral("not both");
    QTest::newRow("zero rows") << QStringList{QStringLiteral("query"), QStringLiteral("logs"),
                                              QStringLiteral("--limit"), QStringLiteral("0")}
                               << QStringLiteral("--limit");
    QTest::newRow("csv elsewhere")
        << QStringList{QStringLiteral("analyze"), QStringLiteral("a"), QStringLiteral("--csv")}
        << QStringLiteral("--csv belongs to kansoku query");
    QTest::newRow("headless") << QStringList{QStringLiteral("query"), QStringLiteral("logs"),
                                             QStringLiteral("--headless")}
                              << QStringLiteral("--headless");
}

void TestCommandLineOptions::queryRejectsBadArguments()
{
    verifyRejected();
}

QTEST_GUILESS_MAIN(TestCommandLineOptions)
#include "tst_command_line_options.moc"
