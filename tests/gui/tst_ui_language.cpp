// The interface in Japanese: with UiLanguage's translators installed, the window's menus, its
// panes' titles and formatted texts come out in Japanese with their placeholders filled; English
// comes back when chosen, with its plural forms ("1 span", "2 spans"); View › Language saves the
// choice.
#include "core/forwarding_status.h"
#include "core/import_report.h"
#include "core/ingest_counters.h"
#include "core/storage_status.h"
#include "import_progress_widget.h"
#include "import_summary_dialog.h"
#include "language_menu.h"
#include "menu_bar_actions.h"
#include "ui_language.h"
#include "view/workbench_state.h"
#include "workbench_status_bar.h"
#include "workbench_window.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace kansoku;

namespace {

QStringList menuTitles(const WorkbenchWindow &window)
{
    QStringList titles;
    const QList<QAction *> menus = window.menuBar()->actions();
    for (const QAction *menu : menus)
        titles << menu->text();
    return titles;
}

QMenu *menuTitled(const WorkbenchWindow &window, const QString &title)
{
    const QList<QAction *> menus = window.menuBar()->actions();
    for (const QAction *menu : menus) {
        if (menu->text() == title)
            return menu->menu();
    }
    return nullptr;
}

QStringList actionTexts(const QMenu *menu)
{
    QStringList texts;
    const QList<QAction *> actions = menu->actions();
    for (const QAction *action : actions)
        texts << action->text();
    return texts;
}

std::unique_ptr<WorkbenchWindow> makeWindow(WorkbenchState *state)
{
    auto window = std::make_unique<WorkbenchWindow>(state);
    for (int i = 0; i < WorkbenchWindow::paneCount; ++i)
        window->setPaneWidget(static_cast<WorkbenchWindow::Pane>(i), new QLabel);
    return window;
}

} // namespace

class TestUiLanguage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void systemLocaleDecides_data();
    void systemLocaleDecides();
    void defaultLocaleFollowsTheInterface_data();
    void defaultLocaleFollowsTheInterface();
    void windowInJapanese();
    void englishComesBack();
    void englishCountOfOneIsSingular();
    void englishImportReportOfOneIsSingular();
    void languageMenuSavesTheChoice();

private:
    QTemporaryDir m_settingsDir;
};

void TestUiLanguage::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("KansokuTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_language"));
}

void TestUiLanguage::cleanup()
{
    // The next test starts in English, as every other GUI test runs.
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English, QLocale(QLocale::English)));
}

void TestUiLanguage::systemLocaleDecides_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<int>("choice");
    QTest::addColumn<bool>("japanese");
    const int system = int(UiLanguage::Choice::System);
    QTest::newRow("system ja_JP") << "ja_JP" << system << true;
    QTest::newRow("system en_US") << "en_US" << system << false;
    QTest::newRow("system de_DE") << "de_DE" << system << false;
    QTest::newRow("English over ja_JP") << "ja_JP" << int(UiLanguage::Choice::English) << false;
    QTest::newRow("Japanese over en_GB") << "en_GB" << int(UiLanguage::Choice::Japanese) << true;
}

void TestUiLanguage::systemLocaleDecides()
{
    QFETCH(QString, locale);
    QFETCH(int, choice);
    QFETCH(bool, japanese);
    QCOMPARE(UiLanguage::isJapanese(static_cast<UiLanguage::Choice>(choice), QLocale(locale)),
             japanese);
}

void TestUiLanguage::defaultLocaleFollowsTheInterface_data()
{
    QTest::addColumn<QString>("system");
    QTest::addColumn<int>("choice");
    QTest::addColumn<QString>("expected");
    const int system = int(UiLanguage::Choice::System);
    const int english = int(UiLanguage::Choice::English);
    const int japanese = int(UiLanguage::Choice::Japanese);
    // The system's own formats stay whenever the interface speaks the system's language, or
    // English where the system speaks neither.
    QTest::newRow("system ja_JP") << "ja_JP" << system << "ja_JP";
    QTest::newRow("system de_DE") << "de_DE" << system << "de_DE";
    QTest::newRow("English on de_DE") << "de_DE" << english << "de_DE";
    QTest::newRow("English on C") << "C" << english << "C";
    QTest::newRow("English on ja_JP") << "ja_JP" << english << "en_US";
    QTest::newRow("Japanese on en_GB") << "en_GB" << japanese << "ja_JP";
}

void TestUiLanguage::defaultLocaleFollowsTheInterface()
{
    QFETCH(QString, system);
    QFETCH(int, choice);
    QFETCH(QString, expected);
    QVERIFY(UiLanguage::apply(static_cast<UiLanguage::Choice>(choice), QLocale(system)));
    QCOMPARE(QLocale().name(), expected);
}

void TestUiLanguage::windowInJapanese()
{
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::Japanese, QLocale(QLocale::English)));
    // The language differs from the system's, so QLocale() follows the interface (the training
    // texts' default language goes by it).
    QCOMPARE(QLocale().language(), QLocale::Japanese);
    WorkbenchState state;
    const auto window = makeWindow(&state);

    const QStringList titles = menuTitles(*window);
    QVERIFY2(titles.contains(QStringLiteral("ファイル(&F)")), qPrintable(titles.join(u", ")));
    QVERIFY2(titles.contains(QStringLiteral("表示(&V)")), qPrintable(titles.join(u", ")));
    QVERIFY2(titles.contains(QStringLiteral("ヘルプ(&H)")), qPrintable(titles.join(u", ")));
    QCOMPARE(window->paneDock(WorkbenchWindow::Pane::Traces)->windowTitle(),
             QStringLiteral("トレース"));
    QCOMPARE(window->paneDock(WorkbenchWindow::Pane::Findings)->windowTitle(),
             QStringLiteral("検出結果"));

    // "Maximise %1" with the pane's (translated) title put in.
    const QMenu *view = menuTitled(*window, QStringLiteral("表示(&V)"));
    QVERIFY(view);
    const QStringList viewActions = actionTexts(view);
    QVERIFY2(viewActions.contains(QStringLiteral("トレースを最大化")),
             qPrintable(viewActions.join(u", ")));
    // The command palette and the shortcuts list name commands without the "(&F)" mnemonics.
    bool openFound = false;
    for (const MenuBarAction &item : MenuBarActions::collect(window->menuBar()))
        openFound = openFound
                    || (item.menuPath == u"ファイル"
                        && MenuBarActions::plainText(item.action) == u"開く…");
    QVERIFY(openFound);
    // A number goes into its place, grouped the interface language's way.
    QCOMPARE(QCoreApplication::translate("kansoku::LogsPane", "%Ln log(s)", nullptr, 1234),
             QStringLiteral("1,234 件のログ"));
    // A plural text keeps %n.
    QCOMPARE(QCoreApplication::translate("kansoku::MetricChartPanel", "%n stream(s)", nullptr, 3),
             QStringLiteral("3 系列"));
}

void TestUiLanguage::englishComesBack()
{
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::Japanese, QLocale(QLocale::English)));
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English, QLocale(QLocale::English)));
    WorkbenchState state;
    const auto window = makeWindow(&state);
    const QStringList titles = menuTitles(*window);
    QVERIFY2(titles.contains(QStringLiteral("&File")), qPrintable(titles.join(u", ")));
    QCOMPARE(window->paneDock(WorkbenchWindow::Pane::Traces)->windowTitle(),
             QStringLiteral("Traces"));
}

void TestUiLanguage::englishCountOfOneIsSingular()
{
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English, QLocale(QLocale::English)));
    QCOMPARE(QCoreApplication::translate("kansoku::WorkbenchStatusBar", "%Ln span(s)", nullptr, 1),
             QStringLiteral("1 span"));
    QCOMPARE(QCoreApplication::translate("kansoku::WorkbenchStatusBar", "%Ln span(s)", nullptr, 2),
             QStringLiteral("2 spans"));
    QCOMPARE(QCoreApplication::translate("kansoku::ClientsView",
                                         "%n sender(s); every request was accepted.", nullptr, 1),
             QStringLiteral("1 sender; every request was accepted."));

    // On screen: the status bar's counts and problems with one of each.
    WorkbenchStatusBar bar;
    IngestCounters counters;
    counters.addMalformed(TelemetrySignal::Logs, IngestTransport::Http, 1);
    StorageStatus storage;
    storage.totals.spans = 1;
    storage.totals.traces = 1;
    storage.totals.dataPoints = 1;
    storage.totals.logRecords = 1;
    bar.setCounts(counters.snapshot(), storage);
    QCOMPARE(bar.countsText(), QStringLiteral("1 span · 1 trace · 1 metric point · 1 log"));
    QVERIFY2(bar.problemsText().contains(QStringLiteral("1 malformed request"))
                 && !bar.problemsText().contains(QStringLiteral("1 malformed requests")),
             qPrintable(bar.problemsText()));

    // The forwarding tooltip's counts: one of each, then two.
    ForwardingStatus forwarding;
    forwarding.enabled = true;
    forwarding.upstream = "http://collector:4318 (http/protobuf)";
    forwarding.forwardedRequests = 1;
    forwarding.retries = 1;
    bar.setForwarding(forwarding);
    auto *forwardingLabel = bar.findChild<QLabel *>(QStringLiteral("statusForwarding"));
    QVERIFY(forwardingLabel);
    QVERIFY2(forwardingLabel->toolTip().endsWith(
                 QStringLiteral("<br>1 request sent, 0 waiting (0 bytes), 1 retry, 0 dropped")),
             qPrintable(forwardingLabel->toolTip()));
    forwarding.forwardedRequests = 2;
    forwarding.retries = 2;
    bar.setForwarding(forwarding);
    QVERIFY2(forwardingLabel->toolTip().endsWith(
                 QStringLiteral("<br>2 requests sent, 0 waiting (0 bytes), 2 retries, 0 dropped")),
             qPrintable(forwardingLabel->toolTip()));
}

void TestUiLanguage::englishImportReportOfOneIsSingular()
{
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English, QLocale(QLocale::English)));
    ImportFileReport file;
    file.path = QStringLiteral("/tmp/one.json");
    file.format = QStringLiteral("OTLP JSON");
    file.outcome = QStringLiteral("imported with problems");
    file.spans = 1;
    file.dataPoints = 1;
    file.logRecords = 1;
    file.problemCount = 2;
    file.problems = {QStringLiteral("one.json:3: not JSON")};
    ImportSummary summary;
    summary.files.push_back(file);
    QCOMPARE(ImportProgressWidget::summaryText(summary),
             QStringLiteral("Imported 1 span, 1 metric point, 1 log from 1 file · 2 problems"));
    const QString report = ImportSummaryDialog::reportText(summary);
    QVERIFY2(
        report.contains(QStringLiteral(
            "\none.json (OTLP JSON): imported with problems — 1 span, 1 metric point, 1 log\n")),
        qPrintable(report));
    QVERIFY2(report.endsWith(QStringLiteral("\n  … and 1 more problem not listed")),
             qPrintable(report));

    // Two files, two of each, one problem.
    file.problemCount = 1;
    file.spans = 2;
    summary.files.push_back(file);
    summary.files.front().problemCount = 0;
    summary.files.front().problems.clear();
    QCOMPARE(ImportProgressWidget::summaryText(summary),
             QStringLiteral("Imported 3 spans, 2 metric points, 2 logs from 2 files · 1 problem"));

    ImportProgressWidget progress;
    ImportProgressReport step;
    step.fileName = QStringLiteral("one.json");
    step.fileNumber = 1;
    step.fileCount = 1;
    step.items = 1;
    progress.showProgress(step);
    QVERIFY2(progress.text().endsWith(QStringLiteral(" MB · 1 item")), qPrintable(progress.text()));

    // The before/after dialog's run totals come from the same catalogue.
    QCOMPARE(QCoreApplication::translate("kansoku::BeforeAfterDialog", "%Ln trace(s)", nullptr, 1),
             QStringLiteral("1 trace"));
    QCOMPARE(QCoreApplication::translate("kansoku::BeforeAfterDialog", "%Ln span(s)", nullptr, 1),
             QStringLiteral("1 span"));
}

void TestUiLanguage::languageMenuSavesTheChoice()
{
    QSettings().remove(QStringLiteral("ui/language"));
    QCOMPARE(UiLanguage::savedChoice(), UiLanguage::Choice::System);
    WorkbenchState state;
    const auto window = makeWindow(&state);
    auto *menu = window->findChild<LanguageMenu *>(QStringLiteral("languageMenu"));
    QVERIFY(menu);
    QVERIFY(menu->actionFor(UiLanguage::Choice::System)->isChecked());
    menu->actionFor(UiLanguage::Choice::Japanese)->trigger();
    QCOMPARE(UiLanguage::savedChoice(), UiLanguage::Choice::Japanese);
    QVERIFY(!menu->actionFor(UiLanguage::Choice::System)->isChecked());
    // The menu says the window changes at the next start.
    QVERIFY(actionTexts(menu).contains(QStringLiteral("Takes effect after a restart")));
    // A new menu shows what was saved.
    LanguageMenu again;
    QVERIFY(again.actionFor(UiLanguage::Choice::Japanese)->isChecked());
    menu->actionFor(UiLanguage::Choice::English)->trigger();
    QCOMPARE(UiLanguage::savedChoice(), UiLanguage::Choice::English);
}

QTEST_MAIN(TestUiLanguage)
#include "tst_ui_language.moc"
