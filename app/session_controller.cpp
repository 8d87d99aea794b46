#include "session_controller.h"

#include "file_import_controller.h"
#include "kansoku_runtime.h"
#include "telemetry_store.h"
#include "workbench_window.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

namespace kansoku {

namespace {

const QString recentKey = QStringLiteral("sessions/recent");

bool samePath(const QString &a, const QString &b)
{
    return QDir::cleanPath(QFileInfo(a).absoluteFilePath())
           == QDir::cleanPath(QFileInfo(b).absoluteFilePath());
}

// A session file and the two SQLite keeps beside it in WAL mode.
bool removeSessionFiles(const QString &path)
{
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    return !QFileInfo::exists(path) || QFile::remove(path);
}

} // namespace

SessionController::SessionController(KansokuRuntime *runtime, FileImportController *imports,
                                     WorkbenchWindow *window, QObject *parent)
    : QObject(parent)
    , m_runtime(runtime)
    , m_imports(imports)
    , m_window(window)
    , m_recent(QSettings().value(recentKey).toStringList())
{
    m_recent.prune();
}

void SessionController::openPaths(const QStringList &paths)
{
    QStringList telemetry;
    QString session;
    for (const QString &path : paths) {
        if (TelemetryStore::isSessionFile(path))
            session = path; // several sessions: the last one wins, as in an editor's tabs
        else
            telemetry << path;
    }
    if (!session.isEmpty() && !openSession(session))
        return;
    if (telemetry.isEmpty())
        return;
    if (m_runtime->isReadOnly()) {
        m_window->showError(tr("Cannot import"),
                            tr("The open session %1 is read-only, so nothing can be imported "
                               "into it. Open or create a session you can write to (File > New "
                               "session…), then import again.")
                                .arg(QFileInfo(m_runtime->sessionPath()).fileName()));
        return;
    }
    m_imports->enqueue(telemetry);
}

bool SessionController::openSession(const QString &path)
{
    if (samePath(path, m_runtime->sessionPath()))
        return true;
    return switchTo(path);
}

bool SessionController::newSession(const QString &path)
{
    if (samePath(path, m_runtime->sessionPath())) {
        m_window->showError(tr("New session"),
                            tr("%1 is the open session; choose another file name.").arg(path));
        return false;
    }
    // The new file must be empty; the dialog already asked before replacing it.
    if (!removeSessionFiles(path)) {
        m_window->showError(tr("New session"), tr("Cannot replace %1.").arg(path));
        return false;
    }
    return switchTo(path);
}

void SessionController::saveSessionAs(const QString &path)
{
    if (m_saving)
        return;
    const QString source = m_runtime->sessionPath();
    if (samePath(path, source)) {
        m_window->showError(tr("Save session as"),
                            tr("%1 is the open session; choose another file name.").arg(path));
        Q_EMIT saveFinished(false);
        return;
    }
    if (!removeSessionFiles(path)) {
        m_window->showError(tr("Save session as"), tr("Cannot replace %1.").arg(path));
        Q_EMIT saveFinished(false);
        return;
    }
    m_saving = true;
    m_window->showStatusMessage(tr("Saving a copy of the session as %1…").arg(path));
    // The copy reads one committed state while the writer keeps committing live data.
    m_saveCopy.run(
        this,
        [source, path, readOnly = m_runtime->isReadOnly()] {
            QString error;
            const bool ok = TelemetryStore::writeCopy(source, path, &error, readOnly);
            return std::make_pair(ok, error);
        },
        [this, path](std::pair<bool, QString> result) {
            m_saving = false;
            if (!result.first) {
                m_window->showError(tr("Save session as"), result.second);
                Q_EMIT saveFinished(false);
                return;
            }
            const bool switched = switchTo(path);
            if (switched)
                m_window->showStatusMessage(tr("Saved; now working in %1").arg(path));
            Q_EMIT saveFinished(switched);
        });
}

void SessionController::noteSessionOpened()
{
    m_recent.add(m_runtime->sessionPath());
    m_recent.prune();
    QSettings().setValue(recentKey, m_recent.paths());
    m_window->setRecentSessions(m_recent.paths());
}

bool SessionController::switchTo(const QString &path)
{
    // Imports feed the store that is about to close: stop them first (their summary shows what
    // reached the old session).
    m_imports->cancelAndWait();
    QString error;
    const bool switched = m_runtime->switchSession(path, &error);
    m_imports->setSink(m_runtime->sharedStore());
    if (!switched) {
        m_recent.remove(path);
        m_window->showError(tr("Cannot open the session"), error);
    } else if (!error.isEmpty()) {
        m_window->showError(tr("Receivers"), error);
    }
    noteSessionOpened();
    Q_EMIT sessionChanged();
    return switched;
}

} // namespace kansoku
