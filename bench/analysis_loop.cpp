#include "analysis_loop.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <algorithm>
#include <chrono>

namespace kansoku::bench {

AnalysisLoop::AnalysisLoop(QString program, QString databasePath, Pacing pacing)
    : m_program(std::move(program))
    , m_databasePath(std::move(databasePath))
    , m_pacing(pacing)
{}

AnalysisLoop::~AnalysisLoop()
{
    stop();
}

void AnalysisLoop::start()
{
    m_stopRequested = false;
    m_thread = std::thread([this] { loop(); });
}

void AnalysisLoop::stop()
{
    m_stopRequested = true;
    if (m_thread.joinable())
        m_thread.join();
}

std::vector<AnalysisLoop::Run> AnalysisLoop::runs() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_runs;
}

void AnalysisLoop::loop()
{
    while (!m_stopRequested) {
        Run run;
        QProcess process;
        QElapsedTimer clock;
        clock.start();
        process.start(m_program,
                      {QStringLiteral("analyze"), m_databasePath, QStringLiteral("--json")});
        if (!process.waitForStarted())
            return;
        // Poll, so that stop() need not wait for a long run over a big session.
        while (!process.waitForFinished(200)) {
            if (m_stopRequested) {
                process.kill();
                process.waitForFinished();
                return;
            }
        }
        run.seconds = double(clock.nsecsElapsed()) / 1e9;
        run.succeeded = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
        if (run.succeeded)
            run.spansAnalysed = QJsonDocument::fromJson(process.readAllStandardOutput())
                                    .object()
                                    .value(QLatin1String("spans"))
                                    .toInteger();
        else
            run.error = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_runs.push_back(run);
        }
        if (m_pacing == Pacing::BackToBack)
            continue;
        const qint64 runMs = clock.elapsed();
        const qint64 nextStartMs = std::max<qint64>(PaneLiveIntervalMs, 2 * runMs);
        while (!m_stopRequested && clock.elapsed() < nextStartMs)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

} // namespace kansoku::bench
