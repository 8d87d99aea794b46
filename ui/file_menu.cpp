#include "file_menu.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

namespace kansoku {

namespace {
const QString sessionFilter()
{
    return QObject::tr("Kansoku sessions (*.kansoku)");
}
} // namespace

FileMenu::FileMenu(QWidget *parent)
    : QMenu(tr("&File"), parent)
{
    QAction *open = addAction(tr("&Open…"), this, &FileMenu::openFiles);
    open->setObjectName(QStringLiteral("fileOpenAction"));
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Import telemetry files into this session, or open a session file"));
    addSeparator();
    QAction *newSession = addAction(tr("&New session…"), this, &FileMenu::newSession);
    newSession->setShortcut(QKeySequence::New);
    addAction(tr("Open &session…"), this, &FileMenu::openSession);
    QAction *saveAs = addAction(tr("Save session &as…"), this, &FileMenu::saveSessionAs);
    saveAs->setShortcut(QKeySequence::SaveAs);
    m_recent = addMenu(tr("&Recent sessions"));
    m_recent->setObjectName(QStringLiteral("recentSessionsMenu"));
    m_recent->setEnabled(false);
    addSeparator();
    QAction *replay = addAction(tr("&Replay into…"), this, &FileMenu::replayRequested);
    replay->setObjectName(QStringLiteral("replayIntoAction"));
    replay->setToolTip(tr("Send this session's telemetry again as OTLP to another Kansoku or a "
                          "Collector, moved to now"));
    m_sessionLimits = addAction(tr("Session &limits…"), this, &FileMenu::sessionLimitsRequested);
    m_sessionLimits->setObjectName(QStringLiteral("sessionLimitsAction"));
    m_clearSessionData
        = addAction(tr("&Clear session data…"), this, &FileMenu::confirmClearSessionData);
    m_clearSessionData->setObjectName(QStringLiteral("clearSessionDataAction"));
    addSeparator();
    QAction *quit = addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
}

void FileMenu::setRecentSessions(const QStringList &paths)
{
    m_recent->clear();
    for (const QString &path : paths) {
        QAction *action = m_recent->addAction(QFileInfo(path).fileName(), this,
                                              [this, path] { Q_EMIT openFilesRequested({path}); });
        action->setToolTip(path);
        action->setStatusTip(path);
    }
    m_recent->setEnabled(!paths.isEmpty());
}

void FileMenu::setSessionWritable(bool writable)
{
    m_sessionLimits->setEnabled(writable);
    m_clearSessionData->setEnabled(writable);
}

void FileMenu::confirmClearSessionData()
{
    // Non-modal: answered through finished(), never a nested event loop.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Clear session data"),
                                tr("Delete all telemetry of this session?"), QMessageBox::Cancel,
                                parentWidget());
    box->setObjectName(QStringLiteral("clearSessionDataConfirmation"));
    box->setInformativeText(tr("Every trace, log and metric point stored so far is deleted from "
                               "the session file. Telemetry that arrives afterwards is kept."));
    QPushButton *clear = box->addButton(tr("Clear"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, clear] {
        if (box->clickedButton() == clear)
            Q_EMIT clearSessionDataRequested();
    });
    box->open();
}

QString FileMenu::openFilter()
{
    return tr("Telemetry files and sessions (*.json *.jsonl *.ndjson *.binpb *.pb *.bin *.gz "
              "*.zst *.kansoku);;"
              "OTLP JSON or JSON lines (*.json *.jsonl *.ndjson);;"
              "OTLP protobuf, length-delimited (*.binpb *.pb *.bin);;"
              "Jaeger JSON, Zipkin v2 JSON (*.json);;"
              "gzip or zstd compressed (*.gz *.zst);;")
           + sessionFilter() + tr(";;All files (*)");
}

QString FileMenu::datedSessionPath(const QString &directory, const QDateTime &now)
{
    return QDir(directory).filePath(
        QStringLiteral("session-%1.kansoku").arg(now.toString(QStringLiteral("yyyy-MM-dd-HHmm"))));
}

void FileMenu::openFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        parentWidget(), tr("Open telemetry files or a session"), m_sessionDirectory, openFilter());
    if (!paths.isEmpty())
        Q_EMIT openFilesRequested(paths);
}

void FileMenu::newSession()
{
    const QString path = QFileDialog::getSaveFileName(
        parentWidget(), tr("New session"),
        datedSessionPath(m_sessionDirectory, QDateTime::currentDateTime()), sessionFilter());
    if (!path.isEmpty())
        Q_EMIT newSessionRequested(path);
}

void FileMenu::openSession()
{
    const QString path = QFileDialog::getOpenFileName(parentWidget(), tr("Open session"),
                                                      m_sessionDirectory, sessionFilter());
    if (!path.isEmpty())
        Q_EMIT openFilesRequested({path});
}

void FileMenu::saveSessionAs()
{
    const QString path = QFileDialog::getSaveFileName(
        parentWidget(), tr("Save session as"),
        datedSessionPath(m_sessionDirectory, QDateTime::currentDateTime()), sessionFilter());
    if (!path.isEmpty())
        Q_EMIT saveSessionAsRequested(path);
}

} // namespace kansoku
