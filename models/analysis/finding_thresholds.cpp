#include "analysis/finding_thresholds.h"

namespace kansoku {

FindingSeverity FindingThresholds::severityFor(double costNsPerRequest, double latencyShare) const
{
    if (costNsPerRequest >= double(severityHighNs) || latencyShare >= severityHighShare)
        return FindingSeverity::High;
    if (costNsPerRequest >= double(severityMediumNs) || latencyShare >= severityMediumShare)
        return FindingSeverity::Medium;
    if (costNsPerRequest >= double(severityLowNs) || latencyShare >= severityLowShare)
        return FindingSeverity::Low;
    return FindingSeverity::Info;
}

} // namespace kansoku
