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
    void windowOpensAtTraceAndRange();
    void traceAndRangeRejectBadValues_data();
    void traceAndRangeRejectBadValues();
};

namespace {

CommandLineOptions parse(std::initializer_list<const char *> arguments)
{
    QStringList list{QStringLiteral("kansoku")};
    for (const char *argument : arguments)
        list << QString::fromUtf8(argument);
    return CommandLineOptions::parse(list);
}

CommandLineOptions parse(const QStringList &arguments)
{
    return CommandLineOptions::parse(QStringList{QStringLiteral("kansoku")} + arguments);
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
    QFETCH(QStringList, arguments);
    QFETCH(QString, messagePart);
    const CommandLineOptions options
        = CommandLineOptions::parse(QStringList{QStringLiteral("kansoku")} + arguments);
    QCOMPARE(options.action, CommandLineOptions::Action::Fail);
    QVERIFY2(options.message.contains(messagePart), qPrintable(options.message));
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
    QFETCH(QStringList, arguments);
    QFETCH(QString, messagePart);
    const CommandLineOptions options
        = CommandLineOptions::parse(QStringList{QStringLiteral("kansoku")} + arguments);
    QCOMPARE(options.action, CommandLineOptions::Action::Fail);
    QVERIFY2(options.message.contains(messagePart), qPrintable(options.message));
}

void TestCommandLineOptions::windowOpensAtTraceAndRange()
{
    const CommandLineOptions options
        = parse({"run.kansoku", "--trace", "4BF92F3577B34DA6A3CE929D0E0E4736", "--range",
                 "2026-12-03T10:00:00Z..2026-12-03T10:30:00Z"});
    QCOMPARE(options.action, CommandLineOptions::Action::Run);
    QCOMPARE(options.openFiles, QStringList{QStringLiteral("run.kansoku")});
    QVERIFY(options.openTraceId);
    QCOMPARE(toHex(*options.openTraceId), std::string("4bf92f3577b34da6a3ce929d0e0e4736"));
    const std::int64_t tenOClock = std::int64_t(1796292000) * 1'000'000'000;
    QCOMPARE(*options.openRange,
             (TimeRange{tenOClock, tenOClock + std::int64_t(1800) * 1'000'000'000}));
    // Either alone.
    QVERIFY(parse({"--trace", "4bf92f3577b34da6a3ce929d0e0e4736"}).openTraceId);
    QVERIFY(!parse({"--trace", "4bf92f3577b34da6a3ce929d0e0e4736"}).openRange);
    QVERIFY(!parse(QStringList{}).openTraceId);
}

void TestCommandLineOptions::traceAndRangeRejectBadValues_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("messagePart");
    const QString id = QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736");
    QTest::newRow("short id") << QStringList{QStringLiteral("--trace"), QStringLiteral("4bf92f")}
                              << QStringLiteral("--trace");
    QTest::newRow("not hex") << QStringList{QStringLiteral("--trace"),
                                            QStringLiteral("zzf92f3577b34da6a3ce929d0e0e4736")}
                             << QStringLiteral("32 hex digits");
    QTest::newRow("empty id") << QStringList{QStringLiteral("--trace"), QString()}
                              << QStringLiteral("--trace");
    QTest::newRow("range without ..")
        << QStringList{QStringLiteral("--range"), QStringLiteral("2026-12-03T10:00:00Z")}
        << QStringLiteral("--range");
    QTest::newRow("reversed range")
        << QStringList{QStringLiteral("--range"),
                       QStringLiteral("2026-12-03T11:00:00Z..2026-12-03T10:00:00Z")}
        << QStringLiteral("FROM before TO");
    QTest::newRow("with --headless")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--trace"), id}
        << QStringLiteral("--headless");
    QTest::newRow("with a command")
        << QStringList{QStringLiteral("analyze"), QStringLiteral("a.kansoku"),
                       QStringLiteral("--trace"), id}
        << QStringLiteral("command");
}

void TestCommandLineOptions::traceAndRangeRejectBadValues()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, messagePart);
    const CommandLineOptions options = parse(arguments);
    QCOMPARE(options.action, CommandLineOptions::Action::Fail);
    QVERIFY2(options.message.contains(messagePart), qPrintable(options.message));
}

QTEST_GUILESS_MAIN(TestCommandLineOptions)
#include "tst_command_line_options.moc"
