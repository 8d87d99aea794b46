// The command line: `kansoku FILE...` opens files in the window, `kansoku import FILE...` stays
// the headless import, and --headless takes no files.
#include "command_line_options.h"
#include "receiver_token.h"

#include <QRegularExpression>
#include <QTest>

using namespace kansoku;

class TestCommandLineOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
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
    void scenarioSubcommand();
    void scenarioRejectsBadArguments_data();
    void scenarioRejectsBadArguments();
    void playbackReadsTheSdkVariables();
    void loopbackNeedsNoToken_data();
    void loopbackNeedsNoToken();
    void beyondLoopbackGetsAGeneratedToken_data();
    void beyondLoopbackGetsAGeneratedToken();
    void tokenIsTaken_data();
    void tokenIsTaken();
    void badTokenFails_data();
    void badTokenFails();
    void sessionLimits_data();
    void sessionLimits();
    void sessionLimitsRejectBadValues_data();
    void sessionLimitsRejectBadValues();
    void windowOpensAtTraceAndRange();
    void traceAndRangeRejectBadValues_data();
    void traceAndRangeRejectBadValues();
    void statsLogForTheWindow();
    void statsLogRejectsBadValues_data();
    void statsLogRejectsBadValues();
    void languageForTheWindow();
    void languageRejectsBadValues_data();
    void languageRejectsBadValues();
    void forwardIsParsed();
    void forwardRejectsBadValues_data();
    void forwardRejectsBadValues();
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

CommandLineOptions parse(const QStringList &arguments)
{
    return CommandLineOptions::parse(QStringList{QStringLiteral("kansoku")} + arguments);
}

} // namespace

void TestCommandLineOptions::initTestCase()
{
    // The defaults below assume no exporter settings of the machine running the tests.
    for (const char *variable : {"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL",
                                 "OTEL_EXPORTER_OTLP_HEADERS"})
        qunsetenv(variable);
}

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

void TestCommandLineOptions::sessionLimits_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<qint64>("maxDbBytes"); // -1: not given
    QTest::addColumn<qint64>("retainNs");   // -1: not given
    const qint64 hourNs = 3600LL * 1000000000;
    QTest::newRow("neither") << QStringList{QStringLiteral("--headless")} << qint64(-1)
                             << qint64(-1);
    QTest::newRow("both, headless")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--max-db-mib"),
                       QStringLiteral("512"), QStringLiteral("--retain"), QStringLiteral("12h")}
        << qint64(512) * 1024 * 1024 << 12 * hourNs;
    QTest::newRow("window, no cap")
        << QStringList{QStringLiteral("--max-db-mib=0")} << qint64(0) << qint64(-1);
    QTest::newRow("age off") << QStringList{QStringLiteral("--retain"), QStringLiteral("off")}
                             << qint64(-1) << qint64(0);
    QTest::newRow("minutes") << QStringList{QStringLiteral("--retain=90m")} << qint64(-1)
                             << 90 * hourNs / 60;
    QTest::newRow("import") << QStringList{QStringLiteral("import"), QStringLiteral("a.jsonl"),
                                           QStringLiteral("--retain"), QStringLiteral("7d")}
                            << qint64(-1) << 7 * 24 * hourNs;
}

void TestCommandLineOptions::sessionLimits()
{
    QFETCH(QStringList, arguments);
    QFETCH(qint64, maxDbBytes);
    QFETCH(qint64, retainNs);
    const CommandLineOptions options = parse(arguments);
    QCOMPARE(options.action, CommandLineOptions::Action::Run);
    QCOMPARE(options.maxDbBytes.value_or(-1), maxDbBytes);
    QCOMPARE(options.retainNs.value_or(-1), retainNs);
}

void TestCommandLineOptions::sessionLimitsRejectBadValues_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("size not a number")
        << QStringList{QStringLiteral("--max-db-mib"), QStringLiteral("lots")}
        << QStringLiteral("--max-db-mib: \"lots\"");
    QTest::newRow("negative size")
        << QStringList{QStringLiteral("--max-db-mib=-5")} << QStringLiteral("--max-db-mib");
    QTest::newRow("size too large") << QStringList{QStringLiteral("--max-db-mib=99999999999")}
                                    << QStringLiteral("--max-db-mib");
    QTest::newRow("duration without unit")
        << QStringList{QStringLiteral("--retain"), QStringLiteral("90")}
        << QStringLiteral("--retain: \"90\"");
    QTest::newRow("unknown unit") << QStringList{QStringLiteral("--retain=3y")}
                                  << QStringLiteral("--retain");
    QTest::newRow("missing value")
        << QStringList{QStringLiteral("--retain")} << QStringLiteral("retain");
    QTest::newRow("read-only command")
        << QStringList{QStringLiteral("analyze"), QStringLiteral("s.kansoku"),
                       QStringLiteral("--retain=7d")}
        << QStringLiteral("--max-db-mib and --retain");
    QTest::newRow("mcp") << QStringList{QStringLiteral("mcp"), QStringLiteral("--max-db-mib=5")}
                         << QStringLiteral("--max-db-mib and --retain");
}

void TestCommandLineOptions::sessionLimitsRejectBadValues()
{
    verifyRejected();
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

void TestCommandLineOptions::scenarioSubcommand()
{
    const CommandLineOptions list = parse({"scenario", "list"});
    QCOMPARE(list.action, CommandLineOptions::Action::Run);
    QCOMPARE(list.subcommand, CommandLineOptions::Subcommand::Scenario);
    QCOMPARE(list.playback.action, PlaybackOptions::Action::ListScenarios);

    const CommandLineOptions defaults = parse({"scenario", "run", "n-plus-one"});
    QCOMPARE(defaults.subcommand, CommandLineOptions::Subcommand::Scenario);
    QCOMPARE(defaults.playback.action, PlaybackOptions::Action::RunScenario);
    QCOMPARE(defaults.playback.scenario, QStringLiteral("n-plus-one"));
    QVERIFY(!defaults.playback.variantAfter);
    QCOMPARE(defaults.playback.target.protocol, OtlpExportTarget::Protocol::HttpProtobuf);
    QCOMPARE(defaults.playback.target.endpoint, QUrl(QStringLiteral("http://127.0.0.1:4318")));
    QCOMPARE(defaults.playback.speed, 1.0);
    QVERIFY(!defaults.playback.durationSeconds);
    QCOMPARE(defaults.playback.historySeconds, 0.0);
    QVERIFY(!defaults.playback.seed);

    const CommandLineOptions grpc = parse({"scenario", "run", "slow-query", "--protocol", "grpc"});
    QCOMPARE(grpc.playback.target.endpoint, QUrl(QStringLiteral("http://127.0.0.1:4317")));

    const CommandLineOptions all = parse({"scenario",
                                          "run",
                                          "traffic-spike",
                                          "--variant",
                                          "after",
                                          "--endpoint",
                                          "https://collector.example:4318/otlp",
                                          "--protocol",
                                          "http/protobuf",
                                          "--speed",
                                          "6",
                                          "--duration",
                                          "30",
                                          "--history",
                                          "90",
                                          "--seed",
                                          "42",
                                          "--header",
                                          "authorization=Bearer abc",
                                          "--header",
                                          "x-team = shop"});
    QCOMPARE(all.action, CommandLineOptions::Action::Run);
    QCOMPARE(all.playback.scenario, QStringLiteral("traffic-spike"));
    QVERIFY(all.playback.variantAfter);
    QCOMPARE(all.playback.target.endpoint,
             QUrl(QStringLiteral("https://collector.example:4318/otlp")));
    QCOMPARE(all.playback.speed, 6.0);
    QCOMPARE(all.playback.durationSeconds, 30.0);
    QCOMPARE(all.playback.historySeconds, 90.0);
    QCOMPARE(all.playback.seed, std::uint64_t(42));
    QCOMPARE(all.playback.target.headers.size(), 2);
    QCOMPARE(all.playback.target.headers.at(0).first, QByteArray("authorization"));
    QCOMPARE(all.playback.target.headers.at(0).second, QByteArray("Bearer abc"));
    QCOMPARE(all.playback.target.headers.at(1).first, QByteArray("x-team"));
    QCOMPARE(all.playback.target.headers.at(1).second, QByteArray("shop"));

    const CommandLineOptions help = parse({"scenario", "--help"});
    QCOMPARE(help.action, CommandLineOptions::Action::ShowHelp);
    QVERIFY(help.message.contains(QStringLiteral("--history")));
}

void TestCommandLineOptions::scenarioRejectsBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("messagePart");
    const auto run = [](std::initializer_list<const char *> rest) {
        QStringList arguments{QStringLiteral("scenario"), QStringLiteral("run"),
                              QStringLiteral("n-plus-one")};
        for (const char *argument : rest)
            arguments << QString::fromUtf8(argument);
        return arguments;
    };
    QTest::newRow("nothing") << QStringList{QStringLiteral("scenario")}
                             << QStringLiteral("list, or run NAME");
    QTest::newRow("unknown action")
        << QStringList{QStringLiteral("scenario"), QStringLiteral("start")}
        << QStringLiteral("\"start\" is not list or run");
    QTest::newRow("run without name")
        << QStringList{QStringLiteral("scenario"), QStringLiteral("run")}
        << QStringLiteral("name one scenario");
    QTest::newRow("list with options")
        << QStringList{QStringLiteral("scenario"), QStringLiteral("list"),
                       QStringLiteral("--speed"), QStringLiteral("2")}
        << QStringLiteral("no arguments");
    QTest::newRow("variant") << run({"--variant", "during"}) << QStringLiteral("--variant");
    QTest::newRow("protocol") << run({"--protocol", "http/json"}) << QStringLiteral("--protocol");
    QTest::newRow("endpoint scheme")
        << run({"--endpoint", "ftp://127.0.0.1:4318"}) << QStringLiteral("--endpoint");
    QTest::newRow("endpoint host") << run({"--endpoint", "4318"}) << QStringLiteral("--endpoint");
    QTest::newRow("speed zero") << run({"--speed", "0"}) << QStringLiteral("--speed");
    QTest::newRow("speed text") << run({"--speed", "fast"}) << QStringLiteral("--speed");
    QTest::newRow("duration negative") << run({"--duration", "-1"}) << QStringLiteral("--duration");
    QTest::newRow("history text") << run({"--history", "a while"}) << QStringLiteral("--history");
    QTest::newRow("seed") << run({"--seed", "-3"}) << QStringLiteral("--seed");
    QTest::newRow("header") << run({"--header", "novalue"}) << QStringLiteral("--header");
    QTest::newRow("receiver option") << run({"--grpc-port", "1"}) << QStringLiteral("grpc-port");
}

void TestCommandLineOptions::scenarioRejectsBadArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, messagePart);
    const CommandLineOptions options
        = CommandLineOptions::parse(QStringList{QStringLiteral("kansoku")} + arguments);
    QCOMPARE(options.action, CommandLineOptions::Action::Fail);
    QVERIFY2(options.message.startsWith(QStringLiteral("scenario: ")), qPrintable(options.message));
    QVERIFY2(options.message.contains(messagePart), qPrintable(options.message));
}

void TestCommandLineOptions::loopbackNeedsNoToken_data()
{
    QTest::addColumn<QString>("listen");
    QTest::newRow("default") << QString();
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1");
    QTest::newRow("127.0.0.2") << QStringLiteral("127.0.0.2");
    QTest::newRow("::1") << QStringLiteral("::1");
}

void TestCommandLineOptions::loopbackNeedsNoToken()
{
    QFETCH(QString, listen);
    QStringList arguments{QStringLiteral("kansoku"), QStringLiteral("--headless")};
    if (!listen.isEmpty())
        arguments << QStringLiteral("--listen") << listen;
    const CommandLineOptions options = CommandLineOptions::parse(arguments);
    QCOMPARE(options.action, CommandLineOptions::Action::Run);
    QVERIFY(options.token.isEmpty());
    QVERIFY(!options.tokenGenerated);
}

void TestCommandLineOptions::beyondLoopbackGetsAGeneratedToken_data()
{
    QTest::addColumn<QString>("listen");
    QTest::newRow("any IPv4") << QStringLiteral("0.0.0.0");
    QTest::newRow("any IPv6") << QStringLiteral("::");
    QTest::newRow("a LAN address") << QStringLiteral("192.168.1.20");
}

void TestCommandLineOptions::beyondLoopbackGetsAGeneratedToken()
{
    QFETCH(QString, listen);
    const QStringList arguments{QStringLiteral("kansoku"), QStringLiteral("--headless"),
                                QStringLiteral("--listen"), listen};
    const CommandLineOptions first = CommandLineOptions::parse(arguments);
    QCOMPARE(first.action, CommandLineOptions::Action::Run);
    QVERIFY(first.tokenGenerated);
    // 32 random bytes as base64url without padding.
    QCOMPARE(first.token.size(), 43);
    static const QRegularExpression base64url(QStringLiteral("^[A-Za-z0-9_-]+$"));
    QVERIFY2(base64url.match(first.token).hasMatch(), qPrintable(first.token));
    QVERIFY(ReceiverToken::problemWith(first.token).isEmpty());
    // A new one every run.
    QVERIFY(CommandLineOptions::parse(arguments).token != first.token);
}

void TestCommandLineOptions::tokenIsTaken_data()
{
    QTest::addColumn<QString>("listen");
    QTest::newRow("beyond loopback") << QStringLiteral("0.0.0.0");
    // Enforced on loopback too: a shared machine, or a test.
    QTest::newRow("loopback") << QStringLiteral("127.0.0.1");
}

void TestCommandLineOptions::tokenIsTaken()
{
    QFETCH(QString, listen);
    const CommandLineOptions options
        = parse({"--headless", "--listen", listen.toUtf8().constData(), "--token", "room-42~ok!"});
    QCOMPARE(options.action, CommandLineOptions::Action::Run);
    QCOMPARE(options.token, QStringLiteral("room-42~ok!"));
    QVERIFY(!options.tokenGenerated);
}

void TestCommandLineOptions::badTokenFails_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("expectedMessagePart");
    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("space inside") << QStringLiteral("two words") << QStringLiteral("printable");
    QTest::newRow("only whitespace") << QStringLiteral("   ") << QStringLiteral("printable");
    QTest::newRow("tab") << QStringLiteral("a\tb") << QStringLiteral("printable");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("printable");
    QTest::newRow("DEL") << QStringLiteral("a\x7f") << QStringLiteral("printable");
    QTest::newRow("non-ASCII") << QStringLiteral("tōkun") << QStringLiteral("printable");
    QTest::newRow("257 characters") << QString(257, QLatin1Char('a')) << QStringLiteral("256");
}

void TestCommandLineOptions::badTokenFails()
{
    QFETCH(QString, token);
    QFETCH(QString, expectedMessagePart);
    const CommandLineOptions options = CommandLineOptions::parse(
        {QStringLiteral("kansoku"), QStringLiteral("--headless"), QStringLiteral("--listen"),
         QStringLiteral("0.0.0.0"), QStringLiteral("--token"), token});
    QCOMPARE(options.action, CommandLineOptions::Action::Fail);
    QVERIFY2(options.message.startsWith(QLatin1String("--token:")), qPrintable(options.message));
    QVERIFY2(options.message.contains(expectedMessagePart), qPrintable(options.message));
    QVERIFY(ReceiverToken::problemWith(QString(256, QLatin1Char('a'))).isEmpty());
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

void TestCommandLineOptions::statsLogForTheWindow()
{
    const CommandLineOptions options
        = parse({"--stats-log", "/tmp/soak.csv", "--stats-interval", "10"});
    QCOMPARE(options.action, CommandLineOptions::Action::Run);
    QCOMPARE(options.statsLogPath, QStringLiteral("/tmp/soak.csv"));
    QCOMPARE(options.statsIntervalSeconds, 10);
    QVERIFY(parse(QStringList{}).statsLogPath.isEmpty()); // off by default
}

void TestCommandLineOptions::statsLogRejectsBadValues_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("empty file") << QStringList{QStringLiteral("--stats-log"), QString()}
                                << QStringLiteral("name the file");
    QTest::newRow("with --headless")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--stats-log"),
                       QStringLiteral("s.csv")}
        << QStringLiteral("--headless");
    QTest::newRow("with a command")
        << QStringList{QStringLiteral("import"), QStringLiteral("a.jsonl"),
                       QStringLiteral("--stats-log"), QStringLiteral("s.csv")}
        << QStringLiteral("command");
    QTest::newRow("interval zero")
        << QStringList{QStringLiteral("--stats-log"), QStringLiteral("s.csv"),
                       QStringLiteral("--stats-interval"), QStringLiteral("0")}
        << QStringLiteral("--stats-interval");
}

void TestCommandLineOptions::statsLogRejectsBadValues()
{
    verifyRejected();
}

void TestCommandLineOptions::languageForTheWindow()
{
    QCOMPARE(parse({"--language", "ja"}).language, UiLanguage::Choice::Japanese);
    QCOMPARE(parse({"--language", "en"}).language, UiLanguage::Choice::English);
    QCOMPARE(parse({"--language", "ja"}).action, CommandLineOptions::Action::Run);
    QVERIFY(!parse(QStringList{}).language); // the saved choice, else the system's language
}

void TestCommandLineOptions::languageRejectsBadValues_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("unknown") << QStringList{QStringLiteral("--language"), QStringLiteral("de")}
                             << QStringLiteral("\"de\" is not en or ja");
    QTest::newRow("system") << QStringList{QStringLiteral("--language"), QStringLiteral("system")}
                            << QStringLiteral("is not en or ja");
    QTest::newRow("with --headless")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("--language"),
                       QStringLiteral("ja")}
        << QStringLiteral("--headless");
    QTest::newRow("with a command")
        << QStringList{QStringLiteral("analyze"), QStringLiteral("s.kansoku"),
                       QStringLiteral("--language"), QStringLiteral("ja")}
        << QStringLiteral("commands");
}

void TestCommandLineOptions::languageRejectsBadValues()
{
    verifyRejected();
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

void TestCommandLineOptions::forwardIsParsed()
{
    QVERIFY(!parse({"--headless"}).forwardTarget);
    const CommandLineOptions options
        = parse({"--headless", "--forward", "https://collector.example:4317", "--forward-protocol",
                 "grpc", "--forward-header", "authorization=Bearer s3cret", "--forward-header",
                 "x-team = blue", "--forward-queue-mib", "8"});
    QCOMPARE(options.action, CommandLineOptions::Action::Run);
    QVERIFY(options.forwardTarget);
    QCOMPARE(options.forwardTarget->endpoint,
             QUrl(QStringLiteral("https://collector.example:4317")));
    QCOMPARE(options.forwardTarget->protocol, OtlpExportTarget::Protocol::Grpc);
    const QList<QPair<QByteArray, QByteArray>> headers{{"authorization", "Bearer s3cret"},
                                                       {"x-team", "blue"}};
    QCOMPARE(options.forwardTarget->headers, headers);
    QCOMPARE(options.forwardQueueMiB, 8);
    // The window takes it too; HTTP/protobuf is the default, as in the SDKs.
    const CommandLineOptions window = parse({"--forward", "http://127.0.0.1:14318"});
    QCOMPARE(window.action, CommandLineOptions::Action::Run);
    QCOMPARE(window.forwardTarget->protocol, OtlpExportTarget::Protocol::HttpProtobuf);
    QCOMPARE(window.forwardQueueMiB, 64);
}

void TestCommandLineOptions::forwardRejectsBadValues_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("messagePart");
    const auto args = [](std::initializer_list<const char *> list) {
        QStringList result{QStringLiteral("--headless")};
        for (const char *argument : list)
            result << QString::fromUtf8(argument);
        return result;
    };
    QTest::newRow("not a URL") << args({"--forward", "collector:4318"})
                               << QStringLiteral("--forward: \"collector:4318\" is not an http");
    QTest::newRow("ftp") << args({"--forward", "ftp://collector:4318"})
                         << QStringLiteral("--forward:");
    QTest::newRow("no host") << args({"--forward", "http://:4318"}) << QStringLiteral("--forward:");
    QTest::newRow("bad protocol")
        << args({"--forward", "http://collector:4318", "--forward-protocol", "http/json"})
        << QStringLiteral("--forward-protocol: \"http/json\" is not grpc or http/protobuf");
    QTest::newRow("header without =")
        << args({"--forward", "http://collector:4318", "--forward-header", "authorization"})
        << QStringLiteral("--forward-header: \"authorization\" is not NAME=VALUE");
    QTest::newRow("header without name")
        << args({"--forward", "http://collector:4318", "--forward-header", "=Bearer x"})
        << QStringLiteral("--forward-header:");
    QTest::newRow("queue zero") << args(
        {"--forward", "http://collector:4318", "--forward-queue-mib", "0"})
                                << QStringLiteral("--forward-queue-mib");
    QTest::newRow("queue not a number")
        << args({"--forward", "http://collector:4318", "--forward-queue-mib", "lots"})
        << QStringLiteral("--forward-queue-mib");
    QTest::newRow("protocol without --forward")
        << args({"--forward-protocol", "grpc"}) << QStringLiteral("--forward-protocol goes with");
    QTest::newRow("header without --forward")
        << args({"--forward-header", "a=b"}) << QStringLiteral("--forward-header goes with");
    QTest::newRow("own HTTP receiver")
        << args({"--forward", "http://127.0.0.1:4318"}) << QStringLiteral("own receiver");
    QTest::newRow("own gRPC receiver by name") << args(
        {"--forward", "http://localhost:5317", "--grpc-port", "5317", "--forward-protocol", "grpc"})
                                               << QStringLiteral("own receiver");
    QTest::newRow("with a command")
        << QStringList{QStringLiteral("import"), QStringLiteral("a.json"),
                       QStringLiteral("--forward"), QStringLiteral("http://collector:4318")}
        << QStringLiteral("not with a command");
}

void TestCommandLineOptions::forwardRejectsBadValues()
{
    verifyRejected();
    // A header's value may be a token: it never shows in a message.
    const CommandLineOptions options = parse(
        {"--forward", "http://collector:4318", "--forward-header", "authorization: Bearer s3cret"});
    QCOMPARE(options.action, CommandLineOptions::Action::Fail);
    QVERIFY2(options.message.startsWith(QLatin1String("--forward-header: \"authorization\"")),
             qPrintable(options.message));
    QVERIFY2(!options.message.contains(QLatin1String("s3cret")), qPrintable(options.message));
}

void TestCommandLineOptions::playbackReadsTheSdkVariables()
{
    QProcessEnvironment room;
    room.insert(QStringLiteral("OTEL_EXPORTER_OTLP_ENDPOINT"),
                QStringLiteral("http://192.168.1.20:4317"));
    room.insert(QStringLiteral("OTEL_EXPORTER_OTLP_PROTOCOL"), QStringLiteral("grpc"));
    room.insert(QStringLiteral("OTEL_EXPORTER_OTLP_HEADERS"),
                QStringLiteral("authorization=Bearer%20abc%2Bdef, x-team = shop"));
    const QStringList run{QStringLiteral("kansoku"), QStringLiteral("run"),
                          QStringLiteral("healthy")};
    QString error, help;
    const auto fromRoom
        = PlaybackOptions::parse(QStringLiteral("scenario"), run, room, &error, &help);
    QVERIFY2(fromRoom, qPrintable(error));
    QCOMPARE(fromRoom->target.protocol, OtlpExportTarget::Protocol::Grpc);
    QCOMPARE(fromRoom->target.endpoint, QUrl(QStringLiteral("http://192.168.1.20:4317")));
    QCOMPARE(fromRoom->target.headers.size(), 2);
    QCOMPARE(fromRoom->target.headers.at(0).first, QByteArray("authorization"));
    QCOMPARE(fromRoom->target.headers.at(0).second, QByteArray("Bearer abc+def"));
    QCOMPARE(fromRoom->target.headers.at(1).first, QByteArray("x-team"));
    QCOMPARE(fromRoom->target.headers.at(1).second, QByteArray("shop"));

    // Flags win over the variables, each on its own.
    const auto flags = PlaybackOptions::parse(
        QStringLiteral("replay"),
        {QStringLiteral("kansoku"), QStringLiteral("s.kansoku"), QStringLiteral("--protocol"),
         QStringLiteral("http/protobuf"), QStringLiteral("--header"), QStringLiteral("k=v")},
        room, &error, &help);
    QVERIFY2(flags, qPrintable(error));
    QCOMPARE(flags->target.protocol, OtlpExportTarget::Protocol::HttpProtobuf);
    QCOMPARE(flags->target.endpoint, QUrl(QStringLiteral("http://192.168.1.20:4317")));
    QCOMPARE(flags->target.headers.size(), 1);
    QCOMPARE(flags->target.headers.at(0).second, QByteArray("v"));

    // A variable Kansoku cannot use is named.
    for (const auto &[variable, value] :
         {std::pair{"OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"},
          std::pair{"OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317"},
          std::pair{"OTEL_EXPORTER_OTLP_HEADERS", "authorization"}}) {
        QProcessEnvironment bad;
        bad.insert(QString::fromLatin1(variable), QString::fromLatin1(value));
        error.clear();
        QVERIFY(!PlaybackOptions::parse(QStringLiteral("scenario"), run, bad, &error, &help));
        QVERIFY2(error.startsWith(QStringLiteral("scenario: ") + QString::fromLatin1(variable)),
                 qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(TestCommandLineOptions)
#include "tst_command_line_options.moc"
