// The File menu: Open… (telemetry files or a session), New session…, Open session…, Save session
// as…, Recent sessions, Replay into…, Session limits…, Clear session data… and Quit. It asks the
// user (file dialogs, a confirmation) and raises intents with the answers; the app does the work.
// GUI thread.
#pragma once

#include <QMenu>

class QDateTime;

namespace kansoku {

class FileMenu : public QMenu
{
    Q_OBJECT
public:
    explicit FileMenu(QWidget *parent = nullptr);

    // Where New session proposes its dated file, and where the dialogs start.
    void setSessionDirectory(const QString &directory) { m_sessionDirectory = directory; }
    void setRecentSessions(const QStringList &paths);
    // Session limits… and Clear session data… change the session: off while it is read-only.
    void setSessionWritable(bool writable);

    // The file dialog filter of Open…, listing every format Kansoku reads.
    static QString openFilter();
    // "session-2026-11-30-1048.kansoku" in directory.
    static QString datedSessionPath(const QString &directory, const QDateTime &now);

Q_SIGNALS:
    void openFilesRequested(const QStringList &paths);
    void newSessionRequested(const QString &path);
    void saveSessionAsRequested(const QString &path);
    // Replay into…: the app opens its dialog for the open session.
    void replayRequested();
    void sessionLimitsRequested();
    // The user confirmed deleting all telemetry of the session.
    void clearSessionDataRequested();

private:
    void openFiles();
    void newSession();
    void openSession();
    void saveSessionAs();
    void confirmClearSessionData();

    QMenu *m_recent = nullptr;
    QAction *m_sessionLimits = nullptr;
    QAction *m_clearSessionData = nullptr;
    QString m_sessionDirectory;
};

} // namespace kansoku
