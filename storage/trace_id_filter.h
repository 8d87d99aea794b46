// An approximate set of the trace ids in the traces table (a Bloom filter). "Not there" is
// certain, so the writer skips the by-id index probe for a trace it has never stored, which was
// ~10% of the writer's time at 5 M spans. Writer thread only (owned by TraceSummaryCache).
#pragma once

#include "core/telemetry_ids.h"

#include <cstdint>
#include <vector>

namespace kansoku {

class TraceIdFilter
{
public:
    // Empties the filter and sizes it for capacity ids; 0 disables it (everything "might" be
    // there), for files with more traces than are worth reading at startup.
    void reset(std::int64_t capacity);
    void add(const TraceId &traceId);
    bool mightContain(const TraceId &traceId) const;
    bool isEnabled() const { return !m_words.empty(); }
    // True once more ids were added than it was sized for: reset() it larger.
    bool isFull() const { return isEnabled() && m_count > m_capacity; }
    std::int64_t capacity() const { return m_capacity; }

private:
    std::vector<std::uint64_t> m_words;
    std::int64_t m_capacity = 0;
    std::int64_t m_count = 0;
};

} // namespace kansoku
