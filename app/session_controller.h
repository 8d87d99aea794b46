// Carries out the window's file and session intents: sorts opened paths into session files (the
// session switches to them) and telemetry files (queued for import), makes new sessions, saves a
// consistent copy of the live session (on a worker, ingest continuing) and continues in it, and
// keeps the Recent sessions list (QSettings "sessions/recent"). Every switch goes through
// KansokuRuntime::switchSession after stopping imports; sessionChanged() then lets GuiMode
// rebuild the panes. Main thread.
#pragma once

#include "recent_session_list.h"
#include "view/background_query.h"

#include <QObject>
#include <QStringList>

namespace kansoku {

class FileImportController;
class KansokuRuntime;
class WorkbenchWindow;

class SessionController : public QObject
{
    Q_OBJECT
public:
    SessionController(KansokuRuntime *runtime, FileImportController *imports,
                      WorkbenchWindow *window, QObject *parent = nullptr);

    // A .kansoku session (by content) among paths is opened as the session, the rest imported
    // into the session that is open after that.
    void openPaths(const QStringList &paths);
    // False (and the window shows why) when the session could not be opened; the previous one
    // stays open then.
    bool openSession(const QString &path);
    // An existing file at path is replaced (the save dialog asked). Not the open session itself.
    bool newSession(const QString &path);
    // Copies the session to path on a worker, then continues in the copy; sessionChanged() when
    // done, or an error in the window.
    void saveSessionAs(const QString &path);
    bool isSaving() const { return m_saving; }

    // The open session has been recorded as recent (also at startup).
    void noteSessionOpened();
    QStringList recentSessions() const { return m_recent.paths(); }

Q_SIGNALS:
    void sessionChanged();
    // The Save as copy finished (ok false: the message was shown); for tests and the status bar.
    void saveFinished(bool ok);

private:
    bool switchTo(const QString &path);

    KansokuRuntime *m_runtime;
    FileImportController *m_imports;
    WorkbenchWindow *m_window;
    RecentSessionList m_recent;
    bool m_saving = false;
    BackgroundQuery m_saveCopy;
};

} // namespace kansoku
