#include "training_menu.h"

namespace kansoku {

TrainingMenu::TrainingMenu(QWidget *parent)
    : QMenu(tr("&Training"), parent)
{
    setObjectName(QStringLiteral("trainingMenu"));
    m_start = addAction(tr("&Start a scenario…"));
    m_start->setToolTip(tr("Pick a training scenario, read its briefing and start it"));
    addSeparator();
    m_foundIt = addAction(tr("I &found it…"));
    m_foundIt->setToolTip(tr("Point at the selected finding or metric as the cause"));
    m_hint = addAction(tr("&Hint"));
    m_hint->setToolTip(tr("The next hint for this scenario"));
    m_applyFix = addAction(tr("&Apply the fix"));
    m_applyFix->setToolTip(tr("Switch the running scenario to its fixed variant"));
    m_compare = addAction(tr("&Before/after…"));
    m_compare->setToolTip(tr("Compare the time before the fix with the time after it"));
    addSeparator();
    m_stop = addAction(tr("S&top the scenario"));
    setRunning(false, false);
}

void TrainingMenu::setRunning(bool running, bool fixApplied)
{
    m_foundIt->setEnabled(running);
    m_hint->setEnabled(running);
    m_applyFix->setEnabled(running && !fixApplied);
    m_compare->setEnabled(running && fixApplied);
    m_stop->setEnabled(running);
}

} // namespace kansoku
