// What the store reports about itself: after each commit (CommitSummary, pushed from the writer
// thread) and on request (StorageStatus). Plain values.
#pragma once

#include "core/session_limits.h"
#include "core/telemetry_queries.h"

#include <string>

namespace kansoku {

struct CommitSummary
{
    std::int64_t spans = 0; // committed by this transaction
    std::int64_t dataPoints = 0;
    std::int64_t logRecords = 0;
    std::int64_t commitDurationUs = 0;
    TelemetryTotals totals; // everything in the store after this commit
};

struct StorageStatus
{
    std::string databasePath;
    std::int64_t fileSizeBytes = 0; // main file plus WAL
    std::int64_t queuedItems = 0;   // acknowledged, not yet committed
    // The durability bound on queuedItems: what the writer commits in
    // StorageOptions::maxUncommittedMs at its measured speed (moves with it).
    std::int64_t queueCapacityItems = 0;
    double writerItemsPerSecond = 0; // measured over recent transactions; 0 before the first
    TelemetryTotals totals;
    std::string lastError; // empty while healthy
    // Retention: the session's stored limits, the live data they bound ((pages in use) x page
    // size, measured by the writer; 0 for a read-only session) and what pruning removed.
    SessionLimits limits;
    std::int64_t liveDataBytes = 0;
    PruneTotals pruned;
};

} // namespace kansoku
