#include "core/ingest_counters.h"

namespace kansoku {

static void accumulate(IngestCounts &sum, const IngestCounts &part)
{
    sum.received += part.received;
    sum.rejected += part.rejected;
    sum.malformed += part.malformed;
    sum.refused += part.refused;
    sum.unauthorized += part.unauthorized;
    sum.paused += part.paused;
}

IngestCounts IngestCountersSnapshot::total(TelemetrySignal signal) const
{
    IngestCounts sum;
    for (const IngestCounts &part : counts[static_cast<int>(signal)])
        accumulate(sum, part);
    return sum;
}

IngestCounts IngestCountersSnapshot::total() const
{
    IngestCounts sum;
    for (int signal = 0; signal < telemetrySignalCount; ++signal)
        accumulate(sum, total(static_cast<TelemetrySignal>(signal)));
    return sum;
}

void IngestCounters::addReceived(TelemetrySignal signal, IngestTransport transport,
                                 std::int64_t items)
{
    slot(signal, transport).received.fetch_add(items, std::memory_order_relaxed);
}

void IngestCounters::addRejected(TelemetrySignal signal, IngestTransport transport,
                                 std::int64_t items)
{
    slot(signal, transport).rejected.fetch_add(items, std::memory_order_relaxed);
}

void IngestCounters::addMalformed(TelemetrySignal signal, IngestTransport transport,
                                  std::int64_t requests)
{
    slot(signal, transport).malformed.fetch_add(requests, std::memory_order_relaxed);
}

void IngestCounters::addRefused(TelemetrySignal signal, IngestTransport transport,
                                std::int64_t items)
{
    slot(signal, transport).refused.fetch_add(items, std::memory_order_relaxed);
}

void IngestCounters::addUnauthorized(TelemetrySignal signal, IngestTransport transport)
{
    slot(signal, transport).unauthorized.fetch_add(1, std::memory_order_relaxed);
}

void IngestCounters::addPaused(TelemetrySignal signal, IngestTransport transport)
{
    slot(signal, transport).paused.fetch_add(1, std::memory_order_relaxed);
}

IngestCountersSnapshot IngestCounters::snapshot() const
{
    IngestCountersSnapshot result;
    for (int s = 0; s < telemetrySignalCount; ++s) {
        for (int t = 0; t < ingestTransportCount; ++t) {
            const AtomicCounts &source = m_counts[s][t];
            IngestCounts &target = result.counts[s][t];
            target.received = source.received.load(std::memory_order_relaxed);
            target.rejected = source.rejected.load(std::memory_order_relaxed);
            target.malformed = source.malformed.load(std::memory_order_relaxed);
            target.refused = source.refused.load(std::memory_order_relaxed);
            target.unauthorized = source.unauthorized.load(std::memory_order_relaxed);
            target.paused = source.paused.load(std::memory_order_relaxed);
        }
    }
    return result;
}

} // namespace kansoku
