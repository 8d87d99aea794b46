// Runs one kind of query on a worker thread (QtConcurrent) and delivers only the newest answer:
// every run() bumps a generation number and answers of older runs are dropped, so a slow stale
// query never overwrites a newer result (KDAB hotspot's job tracker). Owned and used on the GUI
// (main) thread, with receivers on that thread; the work function runs on a pool thread and must
// only touch values it captured.
#pragma once

#include "view/query_latency_recorder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>

namespace kansoku {

class BackgroundQuery
{
public:
    // work() runs on a worker; done(result) runs on the main thread, unless a newer run() or
    // cancel() came first or receiver (a main-thread object) was destroyed.
    template<typename Work, typename Done>
    void run(QObject *receiver, Work work, Done done)
    {
        using Result = std::invoke_result_t<Work>;
        const std::uint64_t generation = ++*m_generation;
        ++*m_running;
        QElapsedTimer sinceRun; // invalid unless the refresh latency is being recorded
        if (QueryLatencyRecorder::isEnabled())
            sinceRun.start();
        // The answer is posted to the application object, which outlives every receiver, and the
        // receiver is looked at only there, on the main thread. (Qt 6.4's then(context, ...)
        // reads the context's QPointer on the worker, racing with the receiver's deletion on the
        // main thread: a pane deleted by a session switch while its query ran could crash.)
        QtConcurrent::run(std::move(work))
            .then([receiver = QPointer<QObject>(receiver), latest = m_generation,
                   running = m_running, generation, sinceRun,
                   done = std::move(done)](Result result) mutable {
                // A work item that finished before then() attached runs this inside run();
                // posting makes every answer arrive from the event loop, never re-entrantly.
                QMetaObject::invokeMethod(
                    QCoreApplication::instance(),
                    [receiver, latest, running, generation, sinceRun, done = std::move(done),
                     result = std::move(result)]() mutable {
                        --*running;
                        if (receiver && *latest == generation) {
                            done(std::move(result));
                            if (sinceRun.isValid())
                                QueryLatencyRecorder::record(sinceRun.nsecsElapsed());
                        }
                    },
                    Qt::QueuedConnection);
            });
    }

    // Drops the answer of every run so far.
    void cancel() { ++*m_generation; }
    // True while a run has not answered yet (answered or dropped).
    bool isBusy() const { return *m_running > 0; }

private:
    // Shared with pending continuations, which may outlive a moved-from or destroyed owner.
    std::shared_ptr<std::uint64_t> m_generation = std::make_shared<std::uint64_t>(0);
    std::shared_ptr<int> m_running = std::make_shared<int>(0);
};

} // namespace kansoku
