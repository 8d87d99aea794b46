// Per signal and transport counts of what ingest saw. Written from receiver threads with relaxed
// atomics, read from any thread as a snapshot value. Shared by pointer; outlives the receivers.
#pragma once

#include "core/telemetry_signal.h"

#include <array>
#include <atomic>
#include <cstdint>

namespace kansoku {

struct IngestCounts
{
    std::int64_t received = 0;     // items accepted into the queue
    std::int64_t rejected = 0;     // items refused one by one (partial success)
    std::int64_t malformed = 0;    // requests that could not be decoded
    std::int64_t refused = 0;      // items turned away because the queue was full or closing
    std::int64_t unauthorized = 0; // requests turned away for a missing or wrong bearer token
    std::int64_t paused = 0;       // requests answered "unavailable" while receiving was paused
    bool operator==(const IngestCounts &) const = default;
};

struct IngestCountersSnapshot
{
    std::array<std::array<IngestCounts, ingestTransportCount>, telemetrySignalCount> counts{};

    const IngestCounts &at(TelemetrySignal signal, IngestTransport transport) const
    {
        return counts[static_cast<int>(signal)][static_cast<int>(transport)];
    }
    IngestCounts total(TelemetrySignal signal) const;
    IngestCounts total() const;
};

class IngestCounters
{
public:
    void addReceived(TelemetrySignal signal, IngestTransport transport, std::int64_t items);
    void addRejected(TelemetrySignal signal, IngestTransport transport, std::int64_t items);
    void addMalformed(TelemetrySignal signal, IngestTransport transport, std::int64_t requests = 1);
    void addRefused(TelemetrySignal signal, IngestTransport transport, std::int64_t items);
    void addUnauthorized(TelemetrySignal signal, IngestTransport transport);
    void addPaused(TelemetrySignal signal, IngestTransport transport);
    IngestCountersSnapshot snapshot() const;

private:
    struct AtomicCounts
    {
        std::atomic<std::int64_t> received{0};
        std::atomic<std::int64_t> rejected{0};
        std::atomic<std::int64_t> malformed{0};
        std::atomic<std::int64_t> refused{0};
        std::atomic<std::int64_t> unauthorized{0};
        std::atomic<std::int64_t> paused{0};
    };
    AtomicCounts &slot(TelemetrySignal signal, IngestTransport transport)
    {
        return m_counts[static_cast<int>(signal)][static_cast<int>(transport)];
    }
    std::array<std::array<AtomicCounts, ingestTransportCount>, telemetrySignalCount> m_counts;
};

} // namespace kansoku
