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
};

void TestCommandLineOptions::filesForTheWindow()
{
    const CommandLineOptions options = CommandLineOptions::parse(
        {QStringLiteral("kansoku"), QStringLiteral("a.jsonl"), QStringLiteral("--db"),
         QStringLiteral("/tmp/x.kansoku"), QStringLiteral("b.binpb.zst")});
    QCOMPARE(options.action, CommandLineOptions::Action::Run);
    QVERIFY(!options.import);
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
    QVERIFY(options.import);
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

QTEST_GUILESS_MAIN(TestCommandLineOptions)
#include "tst_command_line_options.moc"
