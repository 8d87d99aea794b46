#include "headless_kansoku_process.h"

#include <QRegularExpression>

namespace kansoku::bench {

bool HeadlessKansokuProcess::start(const QString &program, const QString &databasePath,
                                   quint16 grpcPort, quint16 httpPort, QString *error,
                                   const QStringList &extraArguments)
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const QStringList arguments{QStringLiteral("--headless"),
                                QStringLiteral("--db"),
                                databasePath,
                                QStringLiteral("--grpc-port"),
                                QString::number(grpcPort),
                                QStringLiteral("--http-port"),
                                QString::number(httpPort),
                                QStringLiteral("--stats-interval"),
                                QStringLiteral("1")};
    m_process.start(program, arguments + extraArguments);
    if (!m_process.waitForStarted(10000)) {
        *error = m_process.errorString();
        return false;
    }
    m_clock.start();
    while (m_process.waitForReadyRead(30000)) {
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine();
            if (line.startsWith("kansoku ready:"))
                return true;
        }
    }
    *error
        = QStringLiteral("kansoku did not report ready (exit code %1)").arg(m_process.exitCode());
    return false;
}

bool HeadlessKansokuProcess::poll(int waitMs)
{
    static const QRegularExpression stats(
        QStringLiteral("stored spans=(\\d+) points=(\\d+) logs=(\\d+).*queue=(\\d+)/"));
    bool updated = false;
    if (!m_process.canReadLine())
        m_process.waitForReadyRead(waitMs);
    while (m_process.canReadLine()) {
        const QString line = QString::fromUtf8(m_process.readLine());
        const QRegularExpressionMatch match = stats.match(line);
        if (!match.hasMatch())
            continue;
        m_latest.spans = match.captured(1).toLongLong();
        m_latest.points = match.captured(2).toLongLong();
        m_latest.logs = match.captured(3).toLongLong();
        m_latest.queued = match.captured(4).toLongLong();
        m_latest.atSeconds = elapsedSeconds();
        updated = true;
    }
    return updated;
}

int HeadlessKansokuProcess::stop()
{
    m_process.terminate();
    if (!m_process.waitForFinished(120000))
        return -1;
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void HeadlessKansokuProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(30000);
}

} // namespace kansoku::bench
