#include "scenarios/scenario_random.h"

#include <algorithm>
#include <cmath>

namespace kansoku {

double ScenarioRandom::uniform(double low, double high)
{
    return std::uniform_real_distribution<double>(low, high)(m_engine);
}

std::int64_t ScenarioRandom::uniformInt(std::int64_t low, std::int64_t high)
{
    return std::uniform_int_distribution<std::int64_t>(low, high)(m_engine);
}

bool ScenarioRandom::chance(double probability)
{
    return uniform(0.0, 1.0) < probability;
}

std::int64_t ScenarioRandom::latencyNs(std::int64_t medianNs, double sigma)
{
    const double factor = std::exp(std::normal_distribution<double>(0.0, sigma)(m_engine));
    return std::max<std::int64_t>(1'000, std::llround(double(medianNs) * std::min(factor, 8.0)));
}

std::int64_t ScenarioRandom::interArrivalNs(double ratePerSecond)
{
    const double seconds = std::exponential_distribution<double>(ratePerSecond)(m_engine);
    return std::max<std::int64_t>(1, std::llround(seconds * 1e9));
}

TraceId ScenarioRandom::traceId()
{
    TraceId id;
    do {
        for (std::size_t i = 0; i < id.bytes.size(); i += 8) {
            const std::uint64_t value = m_engine();
            for (std::size_t b = 0; b < 8; ++b)
                id.bytes[i + b] = static_cast<std::uint8_t>(value >> (8 * b));
        }
    } while (id.isZero());
    return id;
}

SpanId ScenarioRandom::spanId()
{
    SpanId id;
    do {
        const std::uint64_t value = m_engine();
        for (std::size_t b = 0; b < 8; ++b)
            id.bytes[b] = static_cast<std::uint8_t>(value >> (8 * b));
    } while (id.isZero());
    return id;
}

} // namespace kansoku
