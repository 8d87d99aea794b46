#include "writer_throughput.h"

#include <algorithm>
#include <cmath>

namespace kansoku {

namespace {

// The estimate covers the newest transactions that add up to this much writing, so one slow
// commit (a checkpoint, a page cache miss) moves it only a little, and a change of workload
// shows within a second or two.
constexpr std::chrono::milliseconds measuredBusy{1000};
constexpr std::size_t maxSamples = 64;

} // namespace

WriterThroughput::WriterThroughput(std::chrono::milliseconds window, std::int64_t floorItems,
                                   std::int64_t ceilingItems)
    : m_window(window)
    , m_floorItems(std::min(floorItems, ceilingItems))
    , m_ceilingItems(ceilingItems)
{}

void WriterThroughput::noteTransaction(std::int64_t items, std::chrono::nanoseconds busy)
{
    if (items <= 0 || busy.count() <= 0)
        return;
    m_samples.push_back({items, busy});
    m_sampleItems += items;
    m_sampleBusy += busy;
    // Keep at least one sample; drop the oldest while the rest still cover the measured span.
    while (m_samples.size() > 1
           && (m_samples.size() > maxSamples
               || m_sampleBusy - m_samples.front().busy >= measuredBusy)) {
        m_sampleItems -= m_samples.front().items;
        m_sampleBusy -= m_samples.front().busy;
        m_samples.pop_front();
    }
}

double WriterThroughput::itemsPerSecond() const
{
    if (m_sampleBusy.count() <= 0)
        return 0;
    return static_cast<double>(m_sampleItems) * 1e9 / static_cast<double>(m_sampleBusy.count());
}

std::int64_t WriterThroughput::admissionLimitItems() const
{
    const double windowItems = itemsPerSecond() * static_cast<double>(m_window.count()) / 1000.0;
    const auto limit = static_cast<std::int64_t>(std::llround(windowItems));
    return std::clamp(limit, m_floorItems, m_ceilingItems);
}

} // namespace kansoku
