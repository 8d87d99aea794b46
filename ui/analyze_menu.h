// The Analyze menu: Before / after… (two time ranges of the session, or the session and another
// session file, compared per operation and statement). Raises intents; the app opens the dialog
// and runs the comparison. GUI thread.
#pragma once

#include <QMenu>

class QAction;

namespace kansoku {

class AnalyzeMenu : public QMenu
{
    Q_OBJECT
public:
    explicit AnalyzeMenu(QWidget *parent = nullptr);

    QAction *beforeAfterAction() const { return m_beforeAfter; }

Q_SIGNALS:
    void beforeAfterRequested();

private:
    QAction *m_beforeAfter = nullptr;
};

} // namespace kansoku
