#include "session_retention.h"

#include "retention_pruner.h"
#include "session_settings.h"
#include "sqlite_database.h"

#include <utility>

namespace kansoku {

SessionRetention::SessionRetention(SqliteDatabase &database, StorageWriter &writer,
                                   const SessionLimits &limits)
    : m_database(database)
    , m_pruner(std::make_unique<RetentionPruner>(database, writer))
    , m_limits(limits)
{
    m_pruner->setLimits(limits);
}

SessionRetention::~SessionRetention() = default;

void SessionRetention::requestLimits(const SessionLimits &limits)
{
    std::lock_guard lock(m_mutex);
    m_requestedLimits = limits;
    m_hasRequest = true;
}

void SessionRetention::requestClear()
{
    std::lock_guard lock(m_mutex);
    m_clearRequested = true;
    m_hasRequest = true;
}

SessionLimits SessionRetention::limits() const
{
    std::lock_guard lock(m_mutex);
    return m_limits;
}

std::int64_t SessionRetention::liveDataBytes() const
{
    std::lock_guard lock(m_mutex);
    return m_liveDataBytes;
}

PruneTotals SessionRetention::pruned() const
{
    std::lock_guard lock(m_mutex);
    return m_pruned;
}

SessionRetention::Outcome SessionRetention::runStep(std::int64_t nowNs)
{
    std::optional<SessionLimits> limits;
    bool clear = false;
    {
        std::lock_guard lock(m_mutex);
        limits = std::exchange(m_requestedLimits, std::nullopt);
        clear = std::exchange(m_clearRequested, false);
        m_hasRequest = false;
    }
    Outcome outcome;
    // Stored first: limits the session does not keep would be undone by the next open.
    if (limits && SessionSettings::writeLimits(m_database, *limits, &outcome.error))
        m_pruner->setLimits(*limits);
    if (clear)
        m_pruner->requestClear();
    RetentionPruner::StepResult step;
    if (outcome.error.empty() && m_pruner->step(nowNs, &step, &outcome.error)) {
        const PruneTotals &removed = step.removed;
        // A retired service changes what services() lists, even in a step that deleted no rows.
        outcome.removed
            = removed.traces + removed.spans + removed.logRecords + removed.dataPoints > 0
              || step.retiredServices > 0;
        outcome.moreWork = step.moreWork;
        outcome.clearFinished = step.clearFinished;
    }
    const std::int64_t live = m_pruner->liveDataBytes();
    std::lock_guard lock(m_mutex);
    m_limits = m_pruner->limits();
    m_liveDataBytes = live;
    m_pruned = m_pruner->totals();
    return outcome;
}

} // namespace kansoku
