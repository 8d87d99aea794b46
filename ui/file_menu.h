// The File menu: Open… (telemetry files or a session), New session…, Open session…, Save session
// as…, Recent sessions and Quit. It asks the user (file dialogs) and raises intents with the
// chosen paths; the app does the work. GUI thread.
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

    // The file dialog filter of Open…, listing every format Kansoku reads.
    static QString openFilter();
    // "session-2026-11-30-1048.kansoku" in directory.
    static QString datedSessionPath(const QString &directory, const QDateTime &now);

Q_SIGNALS:
    void openFilesRequested(const QStringList &paths);
    void newSessionRequested(const QString &path);
    void saveSessionAsRequested(const QString &path);

private:
    void openFiles();
    void newSession();
    void openSession();
    void saveSessionAs();

    QMenu *m_recent = nullptr;
    QString m_sessionDirectory;
};

} // namespace kansoku
