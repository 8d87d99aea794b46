// File › Session limits… and Clear session data…, driven offscreen in the window: the dialog
// shows the session's limits, refuses a duration it cannot read and raises the chosen limits;
// Clear asks first and raises its intent only when confirmed; both are off for a read-only session.
#include "file_menu.h"
#include "session_limits_dialog.h"
#include "view/workbench_state.h"
#include "workbench_window.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace kansoku;

namespace {

constexpr std::int64_t hourNs = 3600LL * 1000000000;

QAction *action(WorkbenchWindow &window, const char *name)
{
    return window.findChild<QAction *>(QLatin1String(name));
}

// The confirmation Clear session data… opened; answered with the button named buttonText.
void answerConfirmation(WorkbenchWindow &window, const QString &buttonText)
{
    QMessageBox *box = nullptr;
    QTRY_VERIFY(
        (box = window.findChild<QMessageBox *>(QStringLiteral("clearSessionDataConfirmation")))
        != nullptr);
    QVERIFY(box->isVisible());
    for (QAbstractButton *button : box->buttons()) {
        if (button->text() == buttonText) {
            button->click();
            return;
        }
    }
    QFAIL("no such button");
}

} // namespace

class TestSessionLimitsDialog : public QObject
{
    Q_OBJECT
private slots:
    void dialogReadsAndChecksLimits();
    void windowOpensDialogWithSessionLimits();
    void clearAsksFirst();
    void readOnlySessionDisablesBoth();
};

void TestSessionLimitsDialog::dialogReadsAndChecksLimits()
{
    SessionLimitsDialog dialog;
    QSignalSpy chosen(&dialog, &SessionLimitsDialog::limitsChosen);
    dialog.openFor(SessionLimits::defaults());
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.sizeField()->value(), 2048);
    QCOMPARE(dialog.ageField()->text(), QStringLiteral("7d"));
    QPushButton *ok = dialog.buttons()->button(QDialogButtonBox::Ok);

    dialog.ageField()->setText(QStringLiteral("a week"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("ageProblemLabel"))->text().isEmpty());
    QVERIFY(!dialog.chosenLimits());

    dialog.ageField()->setText(QStringLiteral("12h"));
    dialog.sizeField()->setValue(100);
    QVERIFY(ok->isEnabled());
    ok->click();
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.constFirst().constFirst().value<SessionLimits>(),
             (SessionLimits{std::int64_t(100) << 20, 12 * hourNs}));
    QVERIFY(!dialog.isVisible());

    // No cap and no age limit.
    dialog.openFor(SessionLimits{});
    QCOMPARE(dialog.sizeField()->text(), QStringLiteral("No size cap"));
    QCOMPARE(dialog.ageField()->text(), QStringLiteral("off"));
    dialog.buttons()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(chosen.size(), 2);
    QCOMPARE(chosen.constLast().constFirst().value<SessionLimits>(), SessionLimits{});
}

void TestSessionLimitsDialog::windowOpensDialogWithSessionLimits()
{
    WorkbenchState state;
    WorkbenchWindow window(&state);
    window.setSessionPath(QStringLiteral("/tmp/s.kansoku"));
    StorageStatus storage;
    storage.limits = SessionLimits{std::int64_t(512) << 20, 90 * 60 * 1000000000LL};
    storage.liveDataBytes = std::int64_t(3) << 20;
    window.setCounts({}, storage);
    QSignalSpy chosen(&window, &WorkbenchWindow::sessionLimitsChosen);
    action(window, "sessionLimitsAction")->trigger();
    SessionLimitsDialog *dialog = window.sessionLimitsDialog();
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->sizeField()->value(), 512);
    QCOMPARE(dialog->ageField()->text(), QStringLiteral("90m"));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("usageLabel"))
                ->text()
                .contains(QStringLiteral("of 512 MiB in use")));
    dialog->ageField()->setText(QStringLiteral("off"));
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.constFirst().constFirst().value<SessionLimits>(),
             (SessionLimits{std::int64_t(512) << 20, 0}));
}

void TestSessionLimitsDialog::clearAsksFirst()
{
    WorkbenchState state;
    WorkbenchWindow window(&state);
    window.setSessionPath(QStringLiteral("/tmp/s.kansoku"));
    window.show();
    QSignalSpy cleared(&window, &WorkbenchWindow::clearSessionDataRequested);
    action(window, "clearSessionDataAction")->trigger();
    answerConfirmation(window, QStringLiteral("Cancel"));
    QTRY_VERIFY(!window.findChild<QMessageBox *>(QStringLiteral("clearSessionDataConfirmation")));
    QCOMPARE(cleared.size(), 0);
    action(window, "clearSessionDataAction")->trigger();
    answerConfirmation(window, QStringLiteral("Clear"));
    QTRY_COMPARE(cleared.size(), 1);
}

void TestSessionLimitsDialog::readOnlySessionDisablesBoth()
{
    WorkbenchState state;
    WorkbenchWindow window(&state);
    window.setSessionPath(QStringLiteral("/tmp/s.kansoku"), true);
    QVERIFY(!action(window, "sessionLimitsAction")->isEnabled());
    QVERIFY(!action(window, "clearSessionDataAction")->isEnabled());
    window.setSessionPath(QStringLiteral("/tmp/t.kansoku"), false);
    QVERIFY(action(window, "sessionLimitsAction")->isEnabled());
    QVERIFY(action(window, "clearSessionDataAction")->isEnabled());
}

QTEST_MAIN(TestSessionLimitsDialog)
#include "tst_session_limits_dialog.moc"
