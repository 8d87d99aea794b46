#include "trace_id_filter.h"

#include <cstring>

namespace kansoku {

namespace {

// 16 bits and 4 probes per id: about 0.25% false positives when full.
constexpr std::int64_t bitsPerId = 16;
constexpr int probes = 4;

struct Probe
{
    std::uint64_t first;
    std::uint64_t step;
};

Probe probeOf(const TraceId &traceId)
{
    // Both halves, mixed: not every generator randomises all 16 bytes.
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    std::memcpy(&high, traceId.bytes.data(), sizeof high);
    std::memcpy(&low, traceId.bytes.data() + 8, sizeof low);
    std::uint64_t value = (high ^ (low * 0x9E3779B97F4A7C15ull)) * 0xBF58476D1CE4E5B9ull;
    value ^= value >> 31;
    return {value, (value >> 32) | 1};
}

} // namespace

void TraceIdFilter::reset(std::int64_t capacity)
{
    m_count = 0;
    m_capacity = capacity > 0 ? capacity : 0;
    m_words.assign(static_cast<std::size_t>((m_capacity * bitsPerId + 63) / 64), 0);
}

void TraceIdFilter::add(const TraceId &traceId)
{
    ++m_count;
    if (m_words.empty())
        return;
    const std::uint64_t bits = m_words.size() * 64;
    Probe probe = probeOf(traceId);
    for (int i = 0; i < probes; ++i, probe.first += probe.step) {
        const std::uint64_t bit = probe.first % bits;
        m_words[bit / 64] |= std::uint64_t(1) << (bit % 64);
    }
}

bool TraceIdFilter::mightContain(const TraceId &traceId) const
{
    if (m_words.empty())
        return true;
    const std::uint64_t bits = m_words.size() * 64;
    Probe probe = probeOf(traceId);
    for (int i = 0; i < probes; ++i, probe.first += probe.step) {
        const std::uint64_t bit = probe.first % bits;
        if ((m_words[bit / 64] & (std::uint64_t(1) << (bit % 64))) == 0)
            return false;
    }
    return true;
}

} // namespace kansoku
