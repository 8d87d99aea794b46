// The Training menu: Start a scenario… (the dialog with the briefings) and, while a scenario
// runs, I found it…, Hint, Apply the fix, Before/after… and Stop. The actions are shared with the
// training panel's buttons; the app carries them out. GUI thread.
#pragma once

#include <QMenu>

namespace kansoku {

class TrainingMenu : public QMenu
{
    Q_OBJECT
public:
    explicit TrainingMenu(QWidget *parent = nullptr);

    // Which actions apply: a scenario runs; its fix was applied (then Before/after… compares).
    void setRunning(bool running, bool fixApplied);

    QAction *startAction() const { return m_start; }
    QAction *foundItAction() const { return m_foundIt; }
    QAction *hintAction() const { return m_hint; }
    QAction *applyFixAction() const { return m_applyFix; }
    QAction *compareAction() const { return m_compare; }
    QAction *stopAction() const { return m_stop; }

private:
    QAction *m_start;
    QAction *m_foundIt;
    QAction *m_hint;
    QAction *m_applyFix;
    QAction *m_compare;
    QAction *m_stop;
};

} // namespace kansoku
