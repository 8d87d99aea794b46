// The words the window uses for a session's retention: its limits, and what pruning removed.
// Shared by the status window and the Session limits dialog. Pure functions, GUI thread.
#pragma once

#include "core/storage_status.h"

#include <QString>

namespace kansoku {

class RetentionSummary
{
public:
    // "at most 2 GiB, the last 7d" / "no size cap, the last 12h" / "no limits".
    static QString limitsText(const SessionLimits &limits);
    // "1.2 GiB of 2 GiB in use; removed 12 traces, 40 logs, 7 points (last at 14:03:10)";
    // "…; nothing removed" before the first prune.
    static QString usageText(const StorageStatus &status);
};

} // namespace kansoku
