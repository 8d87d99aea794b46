// The random source of a scenario: one seeded 64-bit Mersenne Twister per traffic stream, so a
// seed reproduces a run exactly, plus the draws the generators need (uniform, log-normal
// latencies, Poisson inter-arrival times, ids). One instance per stream; not thread-safe.
#pragma once

#include "core/telemetry_ids.h"

#include <cstdint>
#include <random>

namespace kansoku {

class ScenarioRandom
{
public:
    explicit ScenarioRandom(std::uint64_t seed)
        : m_engine(seed)
    {}

    double uniform(double low, double high);                      // [low, high)
    std::int64_t uniformInt(std::int64_t low, std::int64_t high); // [low, high]
    bool chance(double probability);
    // A latency around median (ns) with the long right tail real latencies have: log-normal with
    // the given sigma, capped at 8x the median.
    std::int64_t latencyNs(std::int64_t medianNs, double sigma = 0.35);
    // Nanoseconds to the next arrival of a Poisson process with this rate (> 0).
    std::int64_t interArrivalNs(double ratePerSecond);
    TraceId traceId();
    SpanId spanId();

private:
    std::mt19937_64 m_engine;
};

} // namespace kansoku
