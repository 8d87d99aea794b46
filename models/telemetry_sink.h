// Where decoded telemetry goes (the Collector's consumer.Traces idea): receivers offer batches, the
// storage writer takes them. Implementations are thread-safe and never block the caller.
#pragma once

#include "telemetry_batch.h"

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
};

} // namespace kansoku
