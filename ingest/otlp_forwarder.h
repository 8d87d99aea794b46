// Sends every export the receivers accepted on, unchanged, to an upstream OTLP endpoint (the
// team's Collector), so running Kansoku beside an app never cuts the team's backend off. offer()
// is called on the receiver threads and never blocks: it copies the body into a bounded queue
// (bytes) or counts it dropped. One thread of its own sends the queue in order through an
// OtlpExportClient, retrying retryable failures with backoff for as long as it takes (the queue
// bound is what limits the wait), dropping what the upstream refuses for good.
#pragma once

#include "core/forwarding_status.h"
#include "core/telemetry_signal.h"
#include "otlp_encoding.h"
#include "otlp_export_client.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

class QThread;

namespace kansoku {

struct OtlpForwarderOptions
{
    // Where to and how; timeout is per attempt, maxAttempts is not used (the forwarder retries).
    OtlpExportTarget target;
    std::int64_t queueCapacityBytes = 64 * 1024 * 1024; // bodies waiting, as received
    std::chrono::milliseconds firstRetryDelay{250};     // doubled per failure up to maxRetryDelay
    std::chrono::milliseconds maxRetryDelay{5'000};
    // stop() lets what is queued go out for this long; the rest is counted as dropped.
    std::chrono::milliseconds drainTimeout{3'000};
};

class OtlpForwarder
{
public:
    explicit OtlpForwarder(OtlpForwarderOptions options);
    ~OtlpForwarder(); // stop()
    OtlpForwarder(const OtlpForwarder &) = delete;
    OtlpForwarder &operator=(const OtlpForwarder &) = delete;

    void start();
    // Takes no more offers and starts the drain time; returns at once (the thread goes on
    // sending what waits until the drain time is over).
    void requestStop();
    // requestStop(), then joins the thread and counts what did not go out as dropped.
    // Idempotent; offers after it are dropped.
    void stop();

    // An accepted export request body (protobuf, or OTLP/JSON, which is sent as protobuf) and its
    // item count. False when it was dropped (queue full or stopped). Any thread; never blocks on
    // the network.
    bool offer(TelemetrySignal signal, OtlpEncoding encoding, std::string_view body,
               std::int64_t items);

    ForwardingStatus status() const;
    // "http://collector:4318 (http/protobuf)": the endpoint without user info, and the protocol.
    static std::string describe(const OtlpExportTarget &target);

private:
    struct Entry
    {
        TelemetrySignal signal;
        OtlpEncoding encoding;
        std::string body;
        std::int64_t items = 0;
    };

    void run(); // the forwarding thread
    // Waits up to delay, less when stopping; false when the drain time is over.
    bool waitBeforeRetry(std::unique_lock<std::mutex> &lock, std::chrono::milliseconds delay);
    void dropLocked(const Entry &entry);

    const OtlpForwarderOptions m_options;
    std::unique_ptr<QThread> m_thread;
    mutable std::mutex m_mutex; // guards everything below
    std::condition_variable m_wake;
    std::deque<Entry> m_queue; // the front is in flight; only the thread pops it
    bool m_stopping = false;
    std::chrono::steady_clock::time_point m_drainDeadline;
    ForwardingStatus m_status;
};

} // namespace kansoku
