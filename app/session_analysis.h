// Reads one session file read-only, for `kansoku analyze` and `kansoku diff`: streams the traces
// of a time range once through the findings detectors and the run profile. Runs on the calling
// thread (the command's main thread; there is no window to keep responsive).
#pragma once

#include "analysis/finding_thresholds.h"
#include "analysis/findings_report_writer.h"
#include "analysis/run_profile.h"
#include "core/telemetry_queries.h"

#include <QString>
#include <optional>

namespace kansoku {

struct SessionAnalysis
{
    FindingsReport report;
    RunProfile profile; // for kansoku diff
};

class SessionAnalyzer
{
public:
    explicit SessionAnalyzer(FindingThresholds thresholds = {})
        : m_thresholds(thresholds)
    {}

    // nullopt and a message naming the file when it is missing, not a Kansoku session, or
    // unreadable. Never writes the file (it is opened read-only and immutable).
    std::optional<SessionAnalysis> analyze(const QString &sessionPath, const TimeRange &range,
                                           QString *errorMessage) const;
    // The same over an open session's queries (`kansoku mcp` reads a live one); sessionName
    // names it in the report and the messages.
    std::optional<SessionAnalysis> analyze(const TelemetryQueries &queries,
                                           const QString &sessionName, const TimeRange &range,
                                           QString *errorMessage) const;

private:
    FindingThresholds m_thresholds;
};

} // namespace kansoku
