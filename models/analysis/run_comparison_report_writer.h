// Writes a before/after comparison for people (a verdict, the reasons, a table of the rows that
// changed) and for scripts (one JSON document), as `kansoku diff` prints it. Pure, any thread.
#pragma once

#include "analysis/run_comparison.h"

#include <optional>
#include <string>

namespace kansoku {

struct RunComparisonReport
{
    std::string beforeName; // the session file, with its range when one was given
    std::string afterName;
    RunComparison comparison;
};

class RunComparisonReportWriter
{
public:
    // {"before": {"name", "traces", "spans", "from", "to"}, "after": {...}, "threshold_percent",
    // "worse", "reasons": [{"kind", "description"}], "rows": [{"kind", "presence", "service",
    // "operation", "statement", "requests_before", "requests_after", "calls_per_request",
    // "p50_ms", "p95_ms", "error_rate", "time_per_request_ms" (each {"before", "after", "change",
    // "change_percent"}), "impact_ms", "enough_samples", "worse"}], "findings": [{"status",
    // "detector", "service", "operation", "statement", "title", "severity_before",
    // "severity_after", "cost_ms_per_request_before", "cost_ms_per_request_after", "worse"}]}.
    static std::string json(const RunComparisonReport &report);
    // The verdict first, then why, then findings new/fixed/persisting, then the operations and
    // statements that changed, largest impact first (rows without a change are left out).
    static std::string text(const RunComparisonReport &report);
    // A run's name for RunComparisonReport: the session, with its range when one was given
    // ("shop.kansoku 2026-12-03T10:00:00.000000000Z..2026-12-03T10:05:00.000000000Z").
    static std::string runName(const std::string &session, const std::optional<TimeRange> &range);
};

} // namespace kansoku
