// Finds error hotspots: failed spans (spanFailed: an error status, or an HTTP 5xx server / 4xx-5xx
// client response the instrumentation left unset) grouped by endpoint, failing operation and cause
// (exception type, else normalized status message, else HTTP status), from
// FindingThresholds::errorMinCount errors on. An error re-raised by the enclosing spans of the same
// request counts once, at the span where it started. Runs on one worker thread.
#pragma once

#include "analysis/finding_detector.h"
#include "analysis/finding_examples.h"
#include "analysis/finding_thresholds.h"
#include "analysis/span_failure.h"

#include <map>
#include <string>

namespace kansoku {

class ErrorHotspotDetector final : public FindingDetector
{
public:
    explicit ErrorHotspotDetector(const FindingThresholds &thresholds);

    FindingKind kind() const override { return FindingKind::ErrorHotspot; }
    void addTrace(const PreparedTrace &trace) override;
    std::vector<Finding> findings(const EndpointStatistics &endpoints) const override;

private:
    // The errors of one (endpoint, failing span's service and operation, cause).
    struct Group
    {
        EndpointKey endpoint;
        std::string spanService;
        std::string operation; // the failing call's normalized statement, else the span's name
        bool isCall = false;
        FailureCause cause;
        std::int64_t errors = 0;
        std::int64_t traces = 0;
        std::int64_t requests = 0;       // endpoint spans with at least one of the errors
        std::int64_t failedRequests = 0; // of those, the ones that failed themselves
        std::int64_t costNs = 0;
        std::int64_t firstStartNs = 0;
        std::int64_t lastEndNs = 0;
        std::string exampleMessage; // the earliest error's status message as sent
        std::int64_t exampleMessageStartNs = 0;
        FindingExamples examples;
    };

    void addGroupInTrace(const PreparedTrace &trace, const std::string &key,
                         const std::vector<int> &spans, const FailureCause &cause);
    Finding findingOf(const Group &group, const EndpointStatistics &endpoints) const;

    FindingThresholds m_thresholds;
    std::map<std::string, Group> m_groups; // by a key joining the group's fields
    std::vector<int> m_failing;            // scratch: the failed spans of the trace being added
};

} // namespace kansoku
