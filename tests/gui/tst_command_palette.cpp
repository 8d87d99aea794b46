// Drives the command palette and the keyboard commands in a workbench window: Ctrl+K (also from
// a line edit), typing and the order of entries, Up/Down/Escape/Enter, and what choosing an entry
// does (open a trace, set the service filter, trigger a menu command, search the logs, open a
// recent session); Alt+1…6 focus; Help › Keyboard shortcuts lists the actions' keys.
#include "command_palette.h"
#include "keyboard_shortcuts_dialog.h"
#include "menu_bar_actions.h"
#include "trace_inspector.h"
#include "view/command_palette_model.h"
#include "view/workbench_state.h"
#include "workbench_commands.h"
#include "workbench_window.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace kansoku;

namespace {

using Kind = CommandPaletteEntry::Kind;

// A pane with a label first (takes no focus) and then a field, as real panes start with a bar.
QWidget *paneWithField(const QString &name)
{
    auto *pane = new QWidget;
    auto *layout = new QVBoxLayout(pane);
    layout->addWidget(new QLabel(name));
    auto *field = new QLineEdit;
    field->setObjectName(name + QStringLiteral("Field"));
    layout->addWidget(field);
    return pane;
}

QString rowText(const CommandPalette *palette, int row)
{
    const QModelIndex index = palette->model()->index(row);
    return index.data(CommandPaletteModel::KindTextRole).toString() + u':'
           + index.data().toString();
}

} // namespace

class TestCommandPalette : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void ctrlKOpensThePalette();
    void ctrlKWorksFromALineEdit();
    void menuEntriesCarryPathAndShortcut();
    void enterOnATraceIdOpensTheTrace();
    void enterOnAServiceSetsTheFilter();
    void enterOnAMenuEntryTriggersIt();
    void arrowsMoveAndEscapeCloses();
    void logSearchAndRecentSession();
    void altDigitFocusesAPane();
    void shortcutsDialogListsEveryShortcut();

private:
    CommandPalette *openPalette();
    void type(const QString &text);

    std::unique_ptr<WorkbenchState> m_state;
    std::unique_ptr<WorkbenchWindow> m_window;
};

void TestCommandPalette::init()
{
    m_state = std::make_unique<WorkbenchState>();
    m_window = std::make_unique<WorkbenchWindow>(m_state.get());
    const QString names[]
        = {QStringLiteral("traces"),   QStringLiteral("metrics"),    QStringLiteral("logs"),
           QStringLiteral("findings"), QStringLiteral("dashboards"), QStringLiteral("serviceMap")};
    static_assert(std::size(names) == WorkbenchWindow::paneCount);
    for (int i = 0; i < WorkbenchWindow::paneCount; ++i)
        m_window->setPaneWidget(static_cast<WorkbenchWindow::Pane>(i), paneWithField(names[i]));
    m_window->setServices({"cart", "checkout", "frontend-checkout-proxy"});
    m_window->setHasTelemetry(true);
    m_window->resize(1600, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestCommandPalette::cleanup()
{
    m_window.reset();
    m_state.reset();
}

CommandPalette *TestCommandPalette::openPalette()
{
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
    CommandPalette *palette = m_window->commands()->palette();
    return palette->isVisible() ? palette : nullptr;
}

void TestCommandPalette::type(const QString &text)
{
    QTest::keyClicks(m_window->commands()->palette()->searchField(), text);
}

void TestCommandPalette::ctrlKOpensThePalette()
{
    QCOMPARE(m_window->commands()->paletteAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_K));
    CommandPalette *palette = openPalette();
    QVERIFY(palette);
    QTRY_COMPARE(QApplication::focusWidget(), palette->searchField());
    // Centred over the window, in its upper part.
    const QRect window = m_window->geometry();
    QVERIFY(window.contains(palette->geometry()));
    QVERIFY(qAbs(palette->geometry().center().x() - window.center().x()) <= 1);
    QVERIFY(palette->geometry().top() < window.center().y());
    // With nothing typed, everything is listed, menu commands first.
    QCOMPARE(palette->model()->entryAt(0)->kind, Kind::Action);
    QVERIFY(palette->model()->rowCount() > 20);
}

void TestCommandPalette::ctrlKWorksFromALineEdit()
{
    auto *field = m_window->findChild<QLineEdit *>(QStringLiteral("logsField"));
    QVERIFY(field);
    field->setText(QStringLiteral("keep this"));
    field->setFocus();
    field->setCursorPosition(0);
    QTest::keyClick(field, Qt::Key_K, Qt::ControlModifier);
    QVERIFY(m_window->commands()->palette()->isVisible());
    // Not "delete to the end of the line".
    QCOMPARE(field->text(), QStringLiteral("keep this"));
}

void TestCommandPalette::menuEntriesCarryPathAndShortcut()
{
    const std::vector<CommandPaletteEntry> entries = m_window->commands()->gatherEntries();
    const auto find = [&entries](const QString &text) -> const CommandPaletteEntry * {
        for (const CommandPaletteEntry &entry : entries) {
            if (entry.text == text)
                return &entry;
        }
        return nullptr;
    };
    const CommandPaletteEntry *pause = find(QStringLiteral("Pause receiving"));
    QVERIFY(pause);
    QCOMPARE(pause->kind, Kind::Action);
    QCOMPARE(pause->detail, QStringLiteral("Receive"));
    QCOMPARE(pause->shortcut,
             QKeySequence(QStringLiteral("Ctrl+Shift+P")).toString(QKeySequence::NativeText));
    const CommandPaletteEntry *maximise = find(QStringLiteral("Maximise Logs"));
    QVERIFY(maximise);
    QCOMPARE(maximise->detail, QStringLiteral("View"));
    // The palette does not offer itself; services come from the session.
    QVERIFY(!find(QStringLiteral("Command palette…")));
    QVERIFY(find(QStringLiteral("checkout")));
    QCOMPARE(find(QStringLiteral("checkout"))->kind, Kind::Service);
    // A disabled command is not offered (Session limits… of a read-only session).
    m_window->setSessionPath(QStringLiteral("/tmp/read-only.kansoku"), true);
    for (const CommandPaletteEntry &entry : m_window->commands()->gatherEntries())
        QVERIFY2(entry.text != QStringLiteral("Session limits…"), qPrintable(entry.text));
}

void TestCommandPalette::enterOnATraceIdOpensTheTrace()
{
    QSignalSpy traceRequested(m_window.get(), &WorkbenchWindow::traceRequested);
    CommandPalette *palette = openPalette();
    QVERIFY(palette);
    type(QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736"));
    QCOMPARE(rowText(palette, 0), QStringLiteral("Open trace:4bf92f3577b34da6a3ce929d0e0e4736"));
    QCOMPARE(palette->listView()->currentIndex().row(), 0);
    QTest::keyClick(palette->searchField(), Qt::Key_Return);
    QCOMPARE(traceRequested.count(), 1);
    QCOMPARE(traceRequested.at(0).at(0).value<TraceId>(),
             *idFromHex<16>("4bf92f3577b34da6a3ce929d0e0e4736"));
    QVERIFY(!palette->isVisible());
}

void TestCommandPalette::enterOnAServiceSetsTheFilter()
{
    CommandPalette *palette = openPalette();
    QVERIFY(palette);
    type(QStringLiteral("chkout"));
    QCOMPARE(rowText(palette, 0), QStringLiteral("Filter service:checkout"));
    QCOMPARE(rowText(palette, 1), QStringLiteral("Filter service:frontend-checkout-proxy"));
    QTest::keyClick(palette->searchField(), Qt::Key_Return);
    QCOMPARE(m_state->service(), QStringLiteral("checkout"));
    auto *serviceBox = m_window->findChild<QComboBox *>(QStringLiteral("serviceFilter"));
    QVERIFY(serviceBox);
    QCOMPARE(serviceBox->currentText(), QStringLiteral("checkout"));
}

void TestCommandPalette::enterOnAMenuEntryTriggersIt()
{
    QSignalSpy pauseRequested(m_window.get(), &WorkbenchWindow::pauseRequested);
    CommandPalette *palette = openPalette();
    QVERIFY(palette);
    type(QStringLiteral("pause rec"));
    QCOMPARE(rowText(palette, 0), QStringLiteral("Menu:Pause receiving"));
    QTest::keyClick(palette->searchField(), Qt::Key_Return);
    QCOMPARE(pauseRequested.count(), 1);
    QCOMPARE(pauseRequested.at(0).at(0).toBool(), true);

    // Another menu command: maximising a pane.
    palette = openPalette();
    QVERIFY(palette);
    type(QStringLiteral("maximise logs"));
    QCOMPARE(rowText(palette, 0), QStringLiteral("Menu:Maximise Logs"));
    QTest::keyClick(palette->searchField(), Qt::Key_Enter);
    QVERIFY(m_window->isMaximized(WorkbenchWindow::Pane::Logs));
}

void TestCommandPalette::arrowsMoveAndEscapeCloses()
{
    CommandPalette *palette = openPalette();
    QVERIFY(palette);
    type(QStringLiteral("che"));
    QVERIFY(palette->model()->rowCount() >= 3);
    QTest::keyClick(palette->searchField(), Qt::Key_Down);
    QCOMPARE(palette->listView()->currentIndex().row(), 1);
    QTest::keyClick(palette->searchField(), Qt::Key_Up);
    QCOMPARE(palette->listView()->currentIndex().row(), 0);
    QTest::keyClick(palette->searchField(), Qt::Key_PageDown);
    QCOMPARE(palette->listView()->currentIndex().row(), palette->model()->rowCount() - 1);
    // The field keeps the text and the cursor.
    QCOMPARE(palette->searchField()->text(), QStringLiteral("che"));
    QCOMPARE(QApplication::focusWidget(), palette->searchField());

    QTest::keyClick(palette->searchField(), Qt::Key_Escape);
    QVERIFY(!palette->isVisible());
    QVERIFY(m_state->service().isEmpty());
    // Opening again starts afresh.
    palette = openPalette();
    QVERIFY(palette);
    QVERIFY(palette->searchField()->text().isEmpty());
}

void TestCommandPalette::logSearchAndRecentSession()
{
    QSignalSpy logSearch(m_state.get(), &WorkbenchState::logSearchRequested);
    m_window->toggleMaximized(WorkbenchWindow::Pane::Traces);
    CommandPalette *palette = openPalette();
    QVERIFY(palette);
    type(QStringLiteral("connection refused"));
    const int last = palette->model()->rowCount() - 1;
    QCOMPARE(rowText(palette, last), QStringLiteral("Search logs:connection refused"));
    QTest::keyClick(palette->searchField(), Qt::Key_PageDown);
    QTest::keyClick(palette->searchField(), Qt::Key_Return);
    QCOMPARE(logSearch.count(), 1);
    QCOMPARE(logSearch.at(0).at(0).toString(), QStringLiteral("connection refused"));
    // The Logs pane comes into view.
    QVERIFY(!m_window->isMaximized(WorkbenchWindow::Pane::Traces));
    QVERIFY(m_window->paneDock(WorkbenchWindow::Pane::Logs)->isVisible());

    QSignalSpy openFiles(m_window.get(), &WorkbenchWindow::openFilesRequested);
    m_window->setRecentSessions({QStringLiteral("/data/sessions/incident-42.kansoku")});
    palette = openPalette();
    QVERIFY(palette);
    type(QStringLiteral("incid"));
    QCOMPARE(rowText(palette, 0), QStringLiteral("Open session:incident-42.kansoku"));
    QCOMPARE(palette->model()->index(0).data(CommandPaletteModel::DetailRole).toString(),
             QStringLiteral("/data/sessions"));
    QTest::keyClick(palette->searchField(), Qt::Key_Return);
    QCOMPARE(openFiles.count(), 1);
    QCOMPARE(openFiles.at(0).at(0).toStringList(),
             QStringList{QStringLiteral("/data/sessions/incident-42.kansoku")});
}

void TestCommandPalette::altDigitFocusesAPane()
{
    const std::pair<int, QString> panes[] = {{Qt::Key_3, QStringLiteral("logsField")},
                                             {Qt::Key_1, QStringLiteral("tracesField")},
                                             {Qt::Key_2, QStringLiteral("metricsField")},
                                             {Qt::Key_5, QStringLiteral("dashboardsField")},
                                             {Qt::Key_4, QStringLiteral("findingsField")},
                                             {Qt::Key_6, QStringLiteral("serviceMapField")}};
    for (const auto &[key, field] : panes) {
        QTest::keyClick(m_window.get(), static_cast<Qt::Key>(key), Qt::AltModifier);
        QVERIFY(QApplication::focusWidget());
        QCOMPARE(QApplication::focusWidget()->objectName(), field);
    }
    // A closed pane opens to take the focus; Dashboards (a tab behind Findings) came to front.
    m_window->paneDock(WorkbenchWindow::Pane::Metrics)->close();
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::AltModifier);
    QVERIFY(m_window->paneDock(WorkbenchWindow::Pane::Metrics)->isVisible());
    QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("metricsField"));
}

void TestCommandPalette::shortcutsDialogListsEveryShortcut()
{
    // A pane's own action, as the Traces pane has for its browser.
    QWidget *traces = m_window->paneDock(WorkbenchWindow::Pane::Traces)->widget();
    auto *browser = new QAction(QStringLiteral("Fold the trace &browser"), traces);
    browser->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    browser->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    traces->addAction(browser);
    // The trace inspector in that pane: its find bar's keys and the waterfall's, from its actions.
    new TraceInspector(traces);

    QAction *help = nullptr;
    for (const MenuBarAction &item : MenuBarActions::collect(m_window->menuBar())) {
        if (item.menuPath == QStringLiteral("Help")
            && item.action->text() == QStringLiteral("Keyboard shortcuts…"))
            help = item.action;
    }
    QVERIFY(help);
    help->trigger();
    KeyboardShortcutsDialog *dialog = m_window->commands()->shortcutsDialog();
    QVERIFY(dialog->isVisible());

    QStringList rows;
    for (int i = 0; i < dialog->table()->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = dialog->table()->topLevelItem(i);
        rows.append(item->text(0) + u'|' + item->text(1) + u'|' + item->text(2));
    }
    const auto keys = [](const QKeySequence &sequence) {
        return sequence.toString(QKeySequence::NativeText);
    };
    QVERIFY(rows.contains(keys(QKeySequence(Qt::CTRL | Qt::Key_K)) + u"|Command palette…|View"));
    QVERIFY(rows.contains(keys(QKeySequence(Qt::ALT | Qt::Key_3)) + u"|Focus Logs|View"));
    QVERIFY(rows.contains(keys(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P))
                          + u"|Pause receiving|Receive"));
    QVERIFY(rows.contains(keys(QKeySequence(Qt::CTRL | Qt::Key_L))
                          + u"|Fold the trace browser|Traces"));
    const auto keyList = [keys](QKeySequence::StandardKey key) {
        QStringList list;
        for (const QKeySequence &sequence : QKeySequence::keyBindings(key))
            list.append(keys(sequence));
        return list.join(QStringLiteral(", "));
    };
    const QStringList findBar = {
        keyList(QKeySequence::Find) + u"|Find in trace|Traces",
        keyList(QKeySequence::FindNext) + u"|Next match|Traces",
        keyList(QKeySequence::FindPrevious) + u"|Previous match|Traces",
        keys(QKeySequence(Qt::Key_Return)) + u", " + keys(QKeySequence(Qt::Key_Enter))
            + u"|Next match (in the find field)|Traces",
        keys(QKeySequence(Qt::SHIFT | Qt::Key_Return)) + u", "
            + keys(QKeySequence(Qt::SHIFT | Qt::Key_Enter))
            + u"|Previous match (in the find field)|Traces",
        keys(QKeySequence(Qt::Key_Escape)) + u"|Clear the find field|Traces",
    };
    for (const QString &row : findBar)
        QVERIFY2(rows.contains(row), qPrintable(row));
    // The rest of the inspector: its critical path, the waterfall's folding, the details' copy.
    const QStringList inspector = {
        keys(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R))
            + u"|Collapse to the critical path|Traces",
        keys(QKeySequence(Qt::Key_Asterisk)) + u"|Expand subtree|Traces",
        keys(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)) + u"|Expand all|Traces",
        keys(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)) + u"|Collapse all|Traces",
        keys(QKeySequence(QKeySequence::Copy)) + u"|Copy value|Traces",
    };
    for (const QString &row : inspector)
        QVERIFY2(rows.contains(row), qPrintable(row));
    // Every menu command with a shortcut has its row, and nothing without one.
    int menuShortcuts = 0;
    for (const MenuBarAction &item : MenuBarActions::collect(m_window->menuBar())) {
        if (!item.action->shortcut().isEmpty())
            ++menuShortcuts;
    }
    QCOMPARE(rows.size(), menuShortcuts + 1 + findBar.size() + inspector.size());
    // No key does two things: each sequence has one row.
    QStringList sequences;
    for (const QString &row : std::as_const(rows))
        sequences += row.section(u'|', 0, 0).split(QStringLiteral(", "));
    for (const QString &sequence : std::as_const(sequences))
        QVERIFY2(sequences.count(sequence) == 1, qPrintable(sequence));
}

QTEST_MAIN(TestCommandPalette)
#include "tst_command_palette.moc"
