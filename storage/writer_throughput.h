// How fast the writer commits, measured over its recent transactions, and from that how many
// items the store may hold acknowledged but not yet committed so that a crash loses at most a
// chosen span of writing (the durability bound). Plain value, used under TelemetryStore's mutex.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>

namespace kansoku {

class WriterThroughput
{
public:
    // window: how much acknowledged-but-uncommitted telemetry a crash may lose, as writing time.
    // floorItems: the bound never goes below this (a commit's fixed cost makes a writer that
    // only ever saw small transactions look slow; the floor keeps bursts flowing until it has
    // measured a large one). ceilingItems: the queue's hard capacity.
    WriterThroughput(std::chrono::milliseconds window, std::int64_t floorItems,
                     std::int64_t ceilingItems);

    // One committed (or rolled back) transaction: its items and the time the writer spent on
    // them (writing and committing, not waiting for batches).
    void noteTransaction(std::int64_t items, std::chrono::nanoseconds busy);

    // Items per second of writing over the recent transactions; 0 before any was noted.
    double itemsPerSecond() const;
    // What the queue may hold, the open transaction included: window × itemsPerSecond() within
    // [floor, ceiling]; before any measurement, the floor.
    std::int64_t admissionLimitItems() const;

private:
    struct Sample
    {
        std::int64_t items = 0;
        std::chrono::nanoseconds busy{};
    };

    std::chrono::milliseconds m_window;
    std::int64_t m_floorItems;
    std::int64_t m_ceilingItems;
    std::deque<Sample> m_samples; // the newest transactions, oldest first
    std::int64_t m_sampleItems = 0;
    std::chrono::nanoseconds m_sampleBusy{};
};

} // namespace kansoku
