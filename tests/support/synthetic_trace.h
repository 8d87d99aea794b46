// Generates a realistic synthetic trace (several services, fan-out, concurrency, errors, events,
// links, one orphan span) for benchmarks, tests and screenshots. Deterministic per seed; any
// thread.
#pragma once

#include "core/telemetry_queries.h"

#include <memory>

namespace kansoku {

struct SyntheticTraceOptions
{
    int spanCount = 100;
    std::uint32_t seed = 1;
    std::int64_t startTimeNs = 1714564800000000000; // 2024-05-01 12:00:00 UTC
    std::int64_t rootDurationNs = 1200000000;       // 1.2 s
    bool withOrphan = true;                         // one span whose parent never arrived
};

std::shared_ptr<const Trace> makeSyntheticTrace(const SyntheticTraceOptions &options);

} // namespace kansoku
