// Where decoded telemetry goes (the Collector's consumer.Traces idea): receivers offer batches, the
// storage writer takes them. Implementations are thread-safe; only offerWaiting() may block.
#pragma once

#include "core/telemetry_batch.h"

#include <chrono>

namespace kansoku {

enum class OfferResult {
    Accepted,  // queued; it will be committed unless the process dies within the commit window
    QueueFull, // refused for now: the caller answers "retry later" (HTTP 503, gRPC UNAVAILABLE)
    Closed     // shutting down: refused, same answer as QueueFull
};

class TelemetrySink
{
public:
    virtual ~TelemetrySink() = default;
    // Thread-safe, non-blocking. An empty batch is accepted and dropped.
    virtual OfferResult offer(TelemetryBatchPtr batch) = 0;
    // Like offer(), but while the queue is full waits up to `patience` for room. Receivers use it
    // so that a burst makes exports take a little longer instead of bouncing them back as "retry
    // later" after they were already decoded. This default does not wait.
    virtual OfferResult offerWaiting(TelemetryBatchPtr batch, std::chrono::milliseconds patience)
    {
        (void)patience;
        return offer(std::move(batch));
    }
};

} // namespace kansoku
