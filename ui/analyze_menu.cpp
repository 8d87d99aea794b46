#include "analyze_menu.h"

namespace kansoku {

AnalyzeMenu::AnalyzeMenu(QWidget *parent)
    : QMenu(tr("&Analyze"), parent)
{
    m_beforeAfter = addAction(tr("&Before / after…"));
    m_beforeAfter->setObjectName(QStringLiteral("beforeAfterAction"));
    // B for "before"; no other action of the window or its panes uses it (Ctrl+D already
    // compares two traces in the Traces pane).
    m_beforeAfter->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+B")));
    m_beforeAfter->setToolTip(tr("Compare two time ranges of this session, or this session with "
                                 "another session file, per operation and statement"));
    connect(m_beforeAfter, &QAction::triggered, this, &AnalyzeMenu::beforeAfterRequested);
}

} // namespace kansoku
