// Runs one kind of query on a worker thread (the global QThreadPool) and delivers only the newest
// answer: every run() bumps a generation number and answers of older runs are dropped, so a slow
// stale query never overwrites a newer result (KDAB hotspot's job tracker). A run that a newer
// run() or cancel() supersedes before a pool thread takes it up is skipped, not worked: on a busy
// machine the panes ask again faster than two pool threads answer, and working every stale
// request in turn delayed a soak run's refreshes by up to 30 s. So work whose effect the user
// asked for (a file written) must not be superseded: its callers disable their trigger while
// isBusy(). Owned and used on the
// GUI (main) thread, with receivers on that thread; the work function runs on a pool thread and
// must only touch values it captured.
#pragma once

#include "view/query_latency_recorder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
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
        // A plain pool task that posts its answer; no QFuture. Qt 6.4's then() continuation
        // crashed a soak run after ~10 minutes (QFutureInterfaceBase::reportStarted on a promise
        // whose data was gone, on a pool thread). QThreadPool::start wants a copyable callable,
        // hence the shared task.
        auto task = std::make_shared<Task<Work, Done>>(
            Task<Work, Done>{std::move(work), std::move(done), QPointer<QObject>(receiver),
                             m_generation, m_running, generation, sinceRun});
        QThreadPool::globalInstance()->start([task] {
            std::optional<Result> result;
            if (task->latest->load(std::memory_order_relaxed) == task->generation) {
                try {
                    result.emplace(task->work());
                } catch (const std::exception &error) {
                    qWarning("A background query failed: %s", error.what());
                }
            }
            // The answer is posted to the application object, which outlives every receiver,
            // and the receiver is looked at only there, on the main thread, so a pane deleted
            // by a session switch while its query ran is never touched.
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [task, result = std::move(result)]() mutable {
                    --*task->running;
                    if (result && task->receiver && *task->latest == task->generation) {
                        task->done(std::move(*result));
                        if (task->sinceRun.isValid())
                            QueryLatencyRecorder::record(task->sinceRun.nsecsElapsed());
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
    template<typename Work, typename Done>
    struct Task
    {
        Work work;
        Done done;
        QPointer<QObject> receiver;
        std::shared_ptr<std::atomic<std::uint64_t>> latest;
        std::shared_ptr<int> running;
        std::uint64_t generation;
        QElapsedTimer sinceRun;
    };

    // Shared with pending tasks, which may outlive a moved-from or destroyed owner.
    // Atomic: a pool thread reads it to skip superseded work.
    std::shared_ptr<std::atomic<std::uint64_t>> m_generation
        = std::make_shared<std::atomic<std::uint64_t>>(0);
    std::shared_ptr<int> m_running = std::make_shared<int>(0);
};

} // namespace kansoku
