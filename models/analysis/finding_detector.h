// The interface every findings detector implements: it sees each prepared trace once (in the
// order they were stored), keeps only the aggregates it needs, and makes its findings at the end.
// One instance per analysis, used on one worker thread.
#pragma once

#include "analysis/endpoint_statistics.h"
#include "analysis/finding.h"
#include "analysis/prepared_trace.h"

#include <vector>

namespace kansoku {

class FindingDetector
{
public:
    virtual ~FindingDetector() = default;

    virtual FindingKind kind() const = 0;
    virtual void addTrace(const PreparedTrace &trace) = 0;
    // endpoints holds the statistics of every trace added, for shares of requests and latency.
    virtual std::vector<Finding> findings(const EndpointStatistics &endpoints) const = 0;
};

} // namespace kansoku
