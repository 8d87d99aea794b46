// Analyze › Before / after… in the window, driven through GuiMode offscreen over real session
// files: the open session (twenty fast GET /orders, then twenty slow ones without the legacy
// query) against another session file holding only the slow ones, and the open session split in
// two halves of the window's range. The slower operation leads, marked worse, the vanished
// statement is marked, the verdict names the reason; a file that is no session, a missing file and
// an empty range give a message naming them; a newer Compare supersedes a running one;
// a session switch drops a running one; double-clicking a row filters the Traces pane to it; Save
// report writes JSON that parses.
#include "analyze_menu.h"
#include "before_after_controller.h"
#include "before_after_dialog.h"
#include "gui_mode.h"
#include "run_comparison_table.h"
#include "session_controller.h"
#include "support/gui_mode_options.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"
#include "ui_language.h"
#include "view/workbench_state.h"
#include "workbench_window.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace kansoku;
using kansoku::test::optionsFor;
using namespace kansoku::testdata;

namespace {

constexpr std::int64_t baseNs = 1'796'292'000'000'000'000; // 2026-12-03T10:00:00Z
constexpr std::int64_t msNs = 1'000'000;
constexpr std::int64_t secondNs = 1000 * msNs;
constexpr std::int64_t slowStartNs = baseNs + 60 * secondNs;
const char *const itemsStatement = "SELECT * FROM items WHERE id = ?";
const char *const legacyStatement = "SELECT * FROM legacy_prices";

Span call(std::uint64_t trace, std::uint64_t id, std::uint64_t parent, const char *statement,
          std::int64_t startNs)
{
    Span result
        = span(traceId(trace), spanId(id), spanId(parent), "SELECT", startNs, startNs + 5 * msNs);
    result.kind = SpanKind::Client;
    result.attributes = {{"db.system", AnyValue::fromString("postgresql")},
                         {"db.statement", AnyValue::fromString(statement)}};
    return result;
}

// Twenty GET /orders a second apart from startNs, each with two item queries; fast ones take
// 100 ms and make the legacy query too, slow ones take 300 ms without it. Each request has a
// GET /health beside it that does not change.
std::vector<Span> requests(std::uint64_t firstTrace, std::int64_t startNs, bool slow)
{
    std::vector<Span> spans;
    for (std::uint64_t i = 0; i < 20; ++i) {
        const std::uint64_t trace = firstTrace + 2 * i;
        const std::uint64_t root = 10 * trace;
        const std::int64_t requestNs = startNs + std::int64_t(i) * secondNs;
        spans.push_back(span(traceId(trace), spanId(root), {}, "GET /orders", requestNs,
                             requestNs + (slow ? 300 : 100) * msNs));
        spans.push_back(call(trace, root + 1, root, itemsStatement, requestNs + 10 * msNs));
        spans.push_back(call(trace, root + 2, root, itemsStatement, requestNs + 20 * msNs));
        if (!slow)
            spans.push_back(call(trace, root + 3, root, legacyStatement, requestNs + 30 * msNs));
        spans.push_back(span(traceId(trace + 1), spanId(root + 5), {}, "GET /health",
                             requestNs + 500 * msNs, requestNs + 505 * msNs));
    }
    return spans;
}

void writeSession(const QString &path, const std::vector<std::vector<Span>> &batches)
{
    StorageOptions options;
    options.databasePath = path;
    TelemetryStore store(options);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    for (const std::vector<Span> &spans : batches)
        offerPatiently(store, spanBatch(resource("shop"), spans));
    store.close();
}

int rowWithStatement(const RunComparisonTable &table, const std::string &statement)
{
    for (int row = 0; row < table.rowCount(); ++row) {
        if (table.comparisonRow(row).statement == statement)
            return row;
    }
    return -1;
}

// Picks "Another session file…" in a side's source box, as a click on it would.
void chooseOtherFile(BeforeAfterSideBox *box)
{
    const int chooser = box->sourceBox()->count() - 1;
    box->sourceBox()->setCurrentIndex(chooser);
    Q_EMIT box->sourceBox()->activated(chooser);
}

} // namespace

class TestBeforeAfterDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void comparesWithAnotherSessionFile();
    void splitsTheSessionInTwoHalves();
    void unreadableFilesAndEmptyRanges();
    void aNewerCompareSupersedes();
    void aSessionSwitchDropsTheComparison();
    void savesTheReportAsJson();

private:
    // Opens the dialog from the Analyze menu, as the user does.
    BeforeAfterDialog *openDialog();
    // Clicks Compare and waits for the answer; true when a comparison (not an error) is shown.
    bool compare(BeforeAfterDialog *dialog);
    void checkSlowerOrdersLead(const BeforeAfterDialog &dialog);

    QTemporaryDir m_directory;
    QString m_sessionPath;
    QString m_afterPath;
    QString m_chosenPath; // what the open file dialog answers
    std::unique_ptr<GuiMode> m_gui;
};

void TestBeforeAfterDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KansokuTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_before_after_dialog"));
    QSettings().clear();
    // The English plural forms ("40 traces"), as the app installs them.
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English));
    m_sessionPath = m_directory.filePath(QStringLiteral("shop.kansoku"));
    m_afterPath = m_directory.filePath(QStringLiteral("after.kansoku"));
    writeSession(m_sessionPath, {requests(100, baseNs, false), requests(200, slowStartNs, true)});
    writeSession(m_afterPath, {requests(200, slowStartNs, true)});
}

void TestBeforeAfterDialog::init()
{
    m_gui = std::make_unique<GuiMode>(optionsFor(m_sessionPath));
    QString error;
    QVERIFY2(m_gui->start(&error), qPrintable(error));
    // The window's range (All) resolves against the session's data once its facts are read.
    QTRY_VERIFY_WITH_TIMEOUT(m_gui->state()->dataBounds().has_value(), 30000);
}

void TestBeforeAfterDialog::cleanup()
{
    m_gui.reset();
}

BeforeAfterDialog *TestBeforeAfterDialog::openDialog()
{
    QAction *action = m_gui->window()->analyzeMenu()->beforeAfterAction();
    // Reachable from the menu bar, so the command palette and the shortcuts dialog list it.
    const QList<QAction *> menus = m_gui->window()->menuBar()->actions();
    const bool inMenuBar = std::any_of(menus.begin(), menus.end(), [this](QAction *menu) {
        return menu->menu() == m_gui->window()->analyzeMenu();
    });
    if (!inMenuBar || action->shortcut().isEmpty())
        return nullptr;
    action->trigger();
    BeforeAfterDialog *dialog = m_gui->beforeAfter()->dialog();
    dialog->setOpenPathProvider([this](const QString &, const QString &) { return m_chosenPath; });
    return dialog->isVisible() ? dialog : nullptr;
}

bool TestBeforeAfterDialog::compare(BeforeAfterDialog *dialog)
{
    QSignalSpy shown(dialog, &BeforeAfterDialog::comparisonShown);
    QTest::mouseClick(dialog->compareButton(), Qt::LeftButton);
    if (shown.isEmpty() && !dialog->isBusy())
        return false;
    if (shown.isEmpty() && !shown.wait(60000))
        return false;
    return !dialog->isBusy() && shown.constLast().at(0).toBool();
}

void TestBeforeAfterDialog::checkSlowerOrdersLead(const BeforeAfterDialog &dialog)
{
    const RunComparisonTable &table = *dialog.table();
    QVERIFY(table.rowCount() >= 4);
    const ComparisonRow &first = table.comparisonRow(0);
    QCOMPARE(first.kind, ComparisonRowKind::Operation);
    QCOMPARE(first.operation, std::string("GET /orders"));
    QCOMPARE(table.item(0, RunComparisonTable::NameColumn)->text(),
             QStringLiteral("GET /orders (shop)"));
    QCOMPARE(table.item(0, RunComparisonTable::MarkColumn)->text(), QStringLiteral("worse"));
    QCOMPARE(table.item(0, RunComparisonTable::P95Column)->text(),
             QStringLiteral("100 ms → 300 ms (+200%)"));
    QCOMPARE(table.item(0, RunComparisonTable::RequestsColumn)->text(), QStringLiteral("20 → 20"));

    const int legacy = rowWithStatement(table, legacyStatement);
    QVERIFY(legacy > 0);
    QCOMPARE(table.comparisonRow(legacy).presence, RowPresence::Vanished);
    QCOMPARE(table.item(legacy, RunComparisonTable::MarkColumn)->text(),
             QStringLiteral("vanished"));
    QVERIFY(table.item(legacy, RunComparisonTable::NameColumn)
                ->text()
                .contains(QLatin1String(legacyStatement)));
    const int items = rowWithStatement(table, itemsStatement);
    QVERIFY(items > 0);
    QCOMPARE(table.item(items, RunComparisonTable::MarkColumn)->text(), QString());
    QCOMPARE(table.item(items, RunComparisonTable::CallsPerRequestColumn)->text(),
             QStringLiteral("2.00 → 2.00 (+0%)"));

    QVERIFY2(dialog.verdictText().contains(QStringLiteral("After is worse")),
             qPrintable(dialog.verdictText()));
    QVERIFY2(dialog.verdictText().contains(QStringLiteral("shop GET /orders: p95 100 ms → 300 ms")),
             qPrintable(dialog.verdictText()));
    QVERIFY2(dialog.findingsText().contains(QStringLiteral("New findings"))
                 && dialog.findingsText().contains(QStringLiteral("Persisting"))
                 && dialog.findingsText().contains(QStringLiteral("Fixed")),
             qPrintable(dialog.findingsText()));
    QVERIFY(dialog.saveButton()->isEnabled());
}

void TestBeforeAfterDialog::comparesWithAnotherSessionFile()
{
    BeforeAfterDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->saveButton()->isEnabled());
    // Before: the fast first minute of this session; after: the other file, whole.
    dialog->beforeBox()->setRange({baseNs, baseNs + 30 * secondNs});
    m_chosenPath = m_afterPath;
    chooseOtherFile(dialog->afterBox());
    QCOMPARE(dialog->afterBox()->side().sessionPath, m_afterPath);
    QVERIFY(dialog->afterBox()->wholeSessionBox()->isChecked());
    QVERIFY(!dialog->afterBox()->fromEdit()->isEnabled());
    QCOMPARE(dialog->beforeBox()->side().sessionPath, QString());

    QVERIFY(compare(dialog));
    checkSlowerOrdersLead(*dialog);
    QCOMPARE(dialog->report()->afterName, m_afterPath.toStdString());
    QCOMPARE(dialog->report()->comparison.before.traceCount, 40);
    QCOMPARE(dialog->report()->comparison.after.traceCount, 40);
    QVERIFY2(dialog->verdictText().contains(QStringLiteral(" — 40 traces, 100 spans"))
                 && dialog->verdictText().contains(QStringLiteral(" — 40 traces, 80 spans")),
             qPrintable(dialog->verdictText()));

    // The other way round the requests are faster but make the legacy query again: worse by
    // calls per request, not by p95; the statement appeared.
    m_chosenPath = m_afterPath;
    chooseOtherFile(dialog->beforeBox());
    dialog->afterBox()->useThisSession({baseNs, baseNs + 30 * secondNs});
    QVERIFY(compare(dialog));
    QVERIFY2(dialog->verdictText().contains(
                 QStringLiteral("shop GET /orders: calls per request 2 → 3 (+50%)")),
             qPrintable(dialog->verdictText()));
    QVERIFY(!dialog->verdictText().contains(QStringLiteral("p95")));
    const int legacy = rowWithStatement(*dialog->table(), legacyStatement);
    QVERIFY(legacy >= 0);
    QCOMPARE(dialog->table()->item(legacy, RunComparisonTable::MarkColumn)->text(),
             QStringLiteral("appeared"));

    // A range against itself: not worse, no row marked.
    dialog->beforeBox()->useThisSession({baseNs, baseNs + 30 * secondNs});
    QVERIFY(compare(dialog));
    QVERIFY2(dialog->verdictText().contains(QStringLiteral("After is not worse")),
             qPrintable(dialog->verdictText()));
    for (int row = 0; row < dialog->table()->rowCount(); ++row)
        QCOMPARE(dialog->table()->item(row, RunComparisonTable::MarkColumn)->text(), QString());
}

void TestBeforeAfterDialog::splitsTheSessionInTwoHalves()
{
    BeforeAfterDialog *dialog = openDialog();
    QVERIFY(dialog);
    // The defaults: both sides this session, halves of the window's range (All: the data's).
    const TimeRange data = m_gui->state()->displayRange();
    QCOMPARE(data.startNs, baseNs);
    const BeforeAfterSide before = dialog->beforeBox()->side();
    const BeforeAfterSide after = dialog->afterBox()->side();
    QVERIFY(before.sessionPath.isEmpty() && after.sessionPath.isEmpty());
    QCOMPARE(before.range.startNs, baseNs);
    QCOMPARE(before.range.endNs, after.range.startNs);
    QVERIFY(before.range.endNs > baseNs + 20 * secondNs && before.range.endNs < slowStartNs);
    // The edits keep milliseconds.
    QVERIFY(after.range.endNs <= data.endNs && after.range.endNs > data.endNs - msNs);

    QVERIFY(compare(dialog));
    checkSlowerOrdersLead(*dialog);

    // A double-click on the slower operation lists its traces of the after half.
    RunComparisonTable *table = dialog->table();
    QSignalSpy tracesWanted(dialog, &BeforeAfterDialog::tracesPaneWanted);
    const QPoint cell
        = table->visualItemRect(table->item(0, RunComparisonTable::NameColumn)).center();
    // A real double-click is press, release, then the double-click event.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell);
    QCOMPARE(tracesWanted.count(), 1);
    QCOMPARE(m_gui->state()->service(), QStringLiteral("shop"));
    QCOMPARE(m_gui->state()->timeRange(), after.range);
    auto *operationFilter = m_gui->window()
                                ->paneDock(WorkbenchWindow::Pane::Traces)
                                ->widget()
                                ->findChild<QComboBox *>(QStringLiteral("operationFilter"));
    QVERIFY(operationFilter);
    QCOMPARE(operationFilter->currentText(), QStringLiteral("GET /orders"));

    // "Current range" takes the window's range: a custom one here.
    m_gui->state()->setCustomRange({slowStartNs, slowStartNs + 10 * secondNs});
    QTest::mouseClick(dialog->afterBox()->currentRangeButton(), Qt::LeftButton);
    QCOMPARE(dialog->afterBox()->side().range,
             (TimeRange{slowStartNs, slowStartNs + 10 * secondNs}));
}

void TestBeforeAfterDialog::unreadableFilesAndEmptyRanges()
{
    BeforeAfterDialog *dialog = openDialog();
    QVERIFY(dialog);
    const QString notes = m_directory.filePath(QStringLiteral("notes.txt"));
    QFile file(notes);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a session\n");
    file.close();

    m_chosenPath = notes;
    chooseOtherFile(dialog->afterBox());
    QVERIFY(!compare(dialog));
    QVERIFY2(dialog->statusText().contains(notes), qPrintable(dialog->statusText()));
    QVERIFY(!dialog->report());
    QCOMPARE(dialog->table()->rowCount(), 0);
    QVERIFY(!dialog->saveButton()->isEnabled());

    const QString missing = m_directory.filePath(QStringLiteral("gone.kansoku"));
    m_chosenPath = missing;
    chooseOtherFile(dialog->afterBox());
    QVERIFY(!compare(dialog));
    QVERIFY2(dialog->statusText().contains(missing), qPrintable(dialog->statusText()));
    QVERIFY(!QFile::exists(missing)); // read-only: never created

    // A range with its end at its start: said at once, nothing is run.
    dialog->afterBox()->useThisSession({baseNs + secondNs, baseNs + secondNs});
    QVERIFY(!compare(dialog));
    QVERIFY(!dialog->isBusy());
    QVERIFY2(dialog->statusText().contains(QStringLiteral("the range is empty")),
             qPrintable(dialog->statusText()));

    // A range without a trace names the file and the side.
    dialog->afterBox()->useThisSession({baseNs - 60 * secondNs, baseNs - 30 * secondNs});
    QVERIFY(!compare(dialog));
    QVERIFY2(dialog->statusText().contains(m_sessionPath)
                 && dialog->statusText().contains(QStringLiteral("no traces")),
             qPrintable(dialog->statusText()));

    // A cancelled file dialog keeps the source that was chosen.
    m_chosenPath.clear();
    chooseOtherFile(dialog->afterBox());
    QCOMPARE(dialog->afterBox()->side().sessionPath, QString());
}

void TestBeforeAfterDialog::aNewerCompareSupersedes()
{
    BeforeAfterDialog *dialog = openDialog();
    QVERIFY(dialog);
    QSignalSpy shown(dialog, &BeforeAfterDialog::comparisonShown);
    QTest::mouseClick(dialog->compareButton(), Qt::LeftButton);
    QVERIFY(dialog->isBusy());
    // Asked again before the first answer can arrive (it is posted to this thread's event loop):
    // only the second question is answered.
    dialog->thresholdBox()->setValue(500);
    QTest::mouseClick(dialog->compareButton(), Qt::LeftButton);
    QVERIFY(shown.wait(60000));
    QCOMPARE(shown.count(), 1);
    QVERIFY(!dialog->isBusy());
    QCOMPARE(dialog->report()->comparison.options.thresholdPercent, 500.0);
    QVERIFY2(dialog->verdictText().contains(QStringLiteral("After is not worse")),
             qPrintable(dialog->verdictText()));
}

void TestBeforeAfterDialog::aSessionSwitchDropsTheComparison()
{
    BeforeAfterDialog *dialog = openDialog();
    QVERIFY(dialog);
    const QString other = m_directory.filePath(QStringLiteral("other.kansoku"));
    QFile::remove(other);
    QVERIFY(QFile::copy(m_afterPath, other));
    QSignalSpy shown(dialog, &BeforeAfterDialog::comparisonShown);
    QTest::mouseClick(dialog->compareButton(), Qt::LeftButton);
    QVERIFY(dialog->isBusy());
    QVERIFY(m_gui->sessions()->openSession(other));
    // The answer about the old session is dropped; the dialog says why and names the new one.
    QVERIFY(!dialog->isBusy());
    QCOMPARE(shown.count(), 1);
    QCOMPARE(shown.constFirst().at(0).toBool(), false);
    QVERIFY2(dialog->statusText().contains(QStringLiteral("Another session was opened")),
             qPrintable(dialog->statusText()));
    QCOMPARE(dialog->beforeBox()->sourceBox()->itemText(0),
             QStringLiteral("This session (other.kansoku)"));
    QVERIFY(!dialog->report());
}

void TestBeforeAfterDialog::savesTheReportAsJson()
{
    BeforeAfterDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(compare(dialog));
    const QString jsonPath = m_directory.filePath(QStringLiteral("report.json"));
    const QString textPath = m_directory.filePath(QStringLiteral("report.txt"));
    QString answer = jsonPath;
    dialog->setSavePathProvider(
        [&answer](const QString &, const QString &, const QString &) { return answer; });
    QSignalSpy saved(dialog, &BeforeAfterDialog::reportSaved);
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QVERIFY(saved.wait(30000));
    QVERIFY2(saved.constLast().at(0).toBool(), qPrintable(saved.constLast().at(1).toString()));
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.readAll(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject report = document.object();
    QCOMPARE(report.value(QStringLiteral("worse")).toBool(), true);
    const QJsonObject first = report.value(QStringLiteral("rows")).toArray().at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("operation")).toString(), QStringLiteral("GET /orders"));
    QCOMPARE(first.value(QStringLiteral("worse")).toBool(), true);
    QVERIFY(dialog->statusText().contains(jsonPath));

    // Any other extension: the text report, verdict first.
    answer = textPath;
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QVERIFY(saved.wait(30000));
    QFile text(textPath);
    QVERIFY(text.open(QIODevice::ReadOnly));
    const QByteArray content = text.readAll();
    QVERIFY2(!content.startsWith('{') && content.contains("GET /orders"), content.constData());
}

QTEST_MAIN(TestBeforeAfterDialog)
#include "tst_before_after_dialog.moc"
