// A real bounded queue implementing TelemetrySink for receiver tests: it accepts batches until it
// holds `capacity`, can be closed, and lets the test inspect what arrived. Thread-safe, because
// receivers offer from their own threads while the test thread inspects.
#pragma once

#include "core/telemetry_sink.h"

#include <deque>
#include <mutex>

namespace kansoku {

class BoundedTestSink : public TelemetrySink
{
public:
    explicit BoundedTestSink(std::size_t capacity = 1000)
        : m_capacity(capacity)
    {}

    OfferResult offer(TelemetryBatchPtr batch) override
    {
        std::lock_guard lock(m_mutex);
        if (m_closed)
            return OfferResult::Closed;
        if (!batch || batch->isEmpty())
            return OfferResult::Accepted;
        if (m_batches.size() >= m_capacity)
            return OfferResult::QueueFull;
        m_batches.push_back(std::move(batch));
        return OfferResult::Accepted;
    }

    void setCapacity(std::size_t capacity)
    {
        std::lock_guard lock(m_mutex);
        m_capacity = capacity;
    }
    void setClosed(bool closed)
    {
        std::lock_guard lock(m_mutex);
        m_closed = closed;
    }
    std::size_t size() const
    {
        std::lock_guard lock(m_mutex);
        return m_batches.size();
    }
    TelemetryBatchPtr takeFirst()
    {
        std::lock_guard lock(m_mutex);
        if (m_batches.empty())
            return {};
        TelemetryBatchPtr first = std::move(m_batches.front());
        m_batches.pop_front();
        return first;
    }
    void clear()
    {
        std::lock_guard lock(m_mutex);
        m_batches.clear();
    }

private:
    mutable std::mutex m_mutex;
    std::size_t m_capacity;
    bool m_closed = false;
    std::deque<TelemetryBatchPtr> m_batches;
};

} // namespace kansoku
