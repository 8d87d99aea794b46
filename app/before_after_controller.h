// Analyze › Before / after… in the window: opens the BeforeAfterDialog (sessions and default
// ranges filled in) and answers its Compare: SessionAnalyzer on each side — the open session
// through its queries, another session file opened read-only — then RunComparison::compare, all
// on a worker (BackgroundQuery: a newer Compare or a session switch drops the older answer).
// Main thread.
#pragma once

#include "view/background_query.h"

#include <QObject>

namespace kansoku {

class BeforeAfterDialog;
class KansokuRuntime;
class SessionController;
class WorkbenchState;
class WorkbenchWindow;
struct BeforeAfterRequest;

class BeforeAfterController : public QObject
{
    Q_OBJECT
public:
    BeforeAfterController(KansokuRuntime *runtime, SessionController *sessions,
                          WorkbenchState *state, WorkbenchWindow *window,
                          QObject *parent = nullptr);

    BeforeAfterDialog *dialog() const { return m_dialog; }
    // Shows the dialog; the first time with both sides on this session, halves of the window's
    // range.
    void showDialog();

private:
    void compare(const BeforeAfterRequest &request);
    void onSessionChanged();

    KansokuRuntime *m_runtime;
    SessionController *m_sessions;
    BeforeAfterDialog *m_dialog = nullptr;
    bool m_rangesChosen = false; // the dialog has been shown for this session
    BackgroundQuery m_comparison;
};

} // namespace kansoku
