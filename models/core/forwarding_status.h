// What the forwarder to an upstream OTLP endpoint has done: delivered, waiting, retried, lost.
// Plain value, a snapshot taken on any thread (OtlpForwarder::status()) and shown by the status
// window, the status bar and the headless statistics line.
#pragma once

#include <cstdint>
#include <string>

namespace kansoku {

struct ForwardingStatus
{
    bool enabled = false;
    std::string upstream; // "http://collector:4318 (http/protobuf)"; never header values
    std::int64_t forwardedRequests = 0; // answered with success by the upstream
    std::int64_t forwardedItems = 0;    // spans, data points and log records in those
    std::int64_t queuedRequests = 0;    // waiting for the upstream (the one in flight included)
    std::int64_t queuedBytes = 0;
    std::int64_t queueCapacityBytes = 0;
    std::int64_t retries = 0;         // attempts that failed retryably and were tried again
    std::int64_t droppedRequests = 0; // the queue was full, the upstream refused for good, or
                                      // forwarding stopped before they went out
    std::int64_t droppedItems = 0;    // their items, plus items the upstream rejected one by one
    std::string lastError;            // the last failure, as the client reported it
    bool operator==(const ForwardingStatus &) const = default;
};

} // namespace kansoku
