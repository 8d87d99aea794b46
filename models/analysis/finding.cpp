#include "analysis/finding.h"

namespace kansoku {

const char *findingKindId(FindingKind kind)
{
    switch (kind) {
    case FindingKind::NPlusOne:
        return "n_plus_one";
    case FindingKind::RedundantCall:
        return "redundant_call";
    case FindingKind::SlowQuery:
        return "slow_query";
    case FindingKind::LockWait:
        return "lock_wait";
    case FindingKind::VersionRegression:
        return "version_regression";
    case FindingKind::ErrorHotspot:
        return "error_hotspot";
    case FindingKind::TrafficSpike:
        return "traffic_spike";
    case FindingKind::FanOut:
        return "fan_out";
    case FindingKind::ConnectStall:
        return "connect_stall";
    case FindingKind::StartDelay:
        return "start_delay";
    }
    return "unknown";
}

const char *findingSeverityId(FindingSeverity severity)
{
    switch (severity) {
    case FindingSeverity::Info:
        return "info";
    case FindingSeverity::Low:
        return "low";
    case FindingSeverity::Medium:
        return "medium";
    case FindingSeverity::High:
        return "high";
    }
    return "unknown";
}

std::vector<FindingKind> allFindingKinds()
{
    return {FindingKind::NPlusOne,          FindingKind::RedundantCall,
            FindingKind::SlowQuery,         FindingKind::LockWait,
            FindingKind::VersionRegression, FindingKind::ErrorHotspot,
            FindingKind::TrafficSpike,      FindingKind::FanOut,
            FindingKind::ConnectStall,      FindingKind::StartDelay};
}

double Finding::shareOfEndpointTraces() const
{
    return endpointTraces > 0 ? double(affectedTraces) / double(endpointTraces) : 0.0;
}

} // namespace kansoku
