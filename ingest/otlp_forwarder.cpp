#include "otlp_forwarder.h"

#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "opentelemetry/proto/collector/metrics/v1/metrics_service.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"
#include "otlp_json_reader.h"

#include <QThread>
#include <algorithm>

namespace kansoku {

namespace {

namespace collector = opentelemetry::proto::collector;

template<typename Request>
bool jsonToProtobuf(std::string_view json, std::string *protobuf)
{
    Request request;
    if (!OtlpJsonReader::read(json, request).empty())
        return false;
    return request.SerializeToString(protobuf);
}

// OTLP/JSON bodies go out as protobuf: read by the same reader the receiver decoded them with,
// so every field of the OTLP schema is carried over (only JSON keys the schema lacks are not).
bool protobufRequest(TelemetrySignal signal, std::string_view json, std::string *protobuf)
{
    switch (signal) {
    case TelemetrySignal::Traces:
        return jsonToProtobuf<collector::trace::v1::ExportTraceServiceRequest>(json, protobuf);
    case TelemetrySignal::Metrics:
        return jsonToProtobuf<collector::metrics::v1::ExportMetricsServiceRequest>(json, protobuf);
    case TelemetrySignal::Logs:
        return jsonToProtobuf<collector::logs::v1::ExportLogsServiceRequest>(json, protobuf);
    }
    return false;
}

} // namespace

OtlpForwarder::OtlpForwarder(OtlpForwarderOptions options)
    : m_options(std::move(options))
{
    m_status.enabled = true;
    m_status.upstream = describe(m_options.target);
    m_status.queueCapacityBytes = m_options.queueCapacityBytes;
}

OtlpForwarder::~OtlpForwarder()
{
    stop();
}

std::string OtlpForwarder::describe(const OtlpExportTarget &target)
{
    // User info could hold a password; headers (tokens) are never shown at all.
    const QString endpoint = target.endpoint.toString(QUrl::RemoveUserInfo);
    const QString text = endpoint + QStringLiteral(" (")
                         + OtlpExportTarget::protocolName(target.protocol) + QLatin1Char(')');
    return text.toStdString();
}

void OtlpForwarder::start()
{
    if (m_thread)
        return;
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("kansoku-forwarder"));
    m_thread->start();
}

void OtlpForwarder::requestStop()
{
    {
        const std::lock_guard lock(m_mutex);
        if (m_stopping)
            return;
        m_stopping = true;
        m_drainDeadline = std::chrono::steady_clock::now() + m_options.drainTimeout;
    }
    m_wake.notify_all();
}

void OtlpForwarder::stop()
{
    requestStop();
    if (m_thread) {
        m_thread->wait();
        m_thread.reset();
    }
    // Never started, or the drain time ran out: what is left does not go out.
    const std::lock_guard lock(m_mutex);
    for (const Entry &entry : m_queue)
        dropLocked(entry);
    m_queue.clear();
    m_status.queuedRequests = 0;
    m_status.queuedBytes = 0;
}

bool OtlpForwarder::offer(TelemetrySignal signal, OtlpEncoding encoding, std::string_view body,
                          std::int64_t items)
{
    {
        const std::lock_guard lock(m_mutex);
        const auto size = static_cast<std::int64_t>(body.size());
        if (m_stopping || m_status.queuedBytes + size > m_options.queueCapacityBytes) {
            // The newest is dropped, as a Collector's full sending queue does: what waits is
            // older and goes out first.
            ++m_status.droppedRequests;
            m_status.droppedItems += items;
            return false;
        }
        m_queue.push_back(Entry{signal, encoding, std::string(body), items});
        ++m_status.queuedRequests;
        m_status.queuedBytes += size;
    }
    m_wake.notify_one();
    return true;
}

ForwardingStatus OtlpForwarder::status() const
{
    const std::lock_guard lock(m_mutex);
    return m_status;
}

void OtlpForwarder::dropLocked(const Entry &entry)
{
    ++m_status.droppedRequests;
    m_status.droppedItems += entry.items;
}

bool OtlpForwarder::waitBeforeRetry(std::unique_lock<std::mutex> &lock,
                                    std::chrono::milliseconds delay)
{
    auto until = std::chrono::steady_clock::now() + delay;
    const bool wasStopping = m_stopping;
    if (m_stopping)
        until = std::min(until, m_drainDeadline);
    // stop() wakes a waiting retry at once: it gets one more try within the drain time.
    m_wake.wait_until(lock, until, [&] { return m_stopping != wasStopping; });
    return !m_stopping || std::chrono::steady_clock::now() < m_drainDeadline;
}

void OtlpForwarder::run()
{
    OtlpExportTarget target = m_options.target;
    target.maxAttempts = 1; // the retries are here, where stop() can cut their waits short
    OtlpExportClient client(target);
    std::chrono::milliseconds retryDelay = m_options.firstRetryDelay;

    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty() || (m_stopping && std::chrono::steady_clock::now() >= m_drainDeadline))
            return; // stop() counts what is left
        // Only this thread pops, and pushes at the back keep references to the front valid.
        const Entry &entry = m_queue.front();
        lock.unlock();

        OtlpExportOutcome outcome;
        std::string converted;
        if (entry.encoding == OtlpEncoding::Json
            && !protobufRequest(entry.signal, entry.body, &converted)) {
            outcome.error = QStringLiteral("cannot convert an OTLP/JSON %1 request to protobuf")
                                .arg(QLatin1String(signalName(entry.signal)));
        } else {
            outcome = client.sendEncoded(
                entry.signal, entry.encoding == OtlpEncoding::Json ? converted : entry.body);
        }

        lock.lock();
        if (!outcome.ok && outcome.retryable) {
            ++m_status.retries;
            m_status.lastError = outcome.error.toStdString();
            if (!waitBeforeRetry(lock, retryDelay))
                return;
            retryDelay = std::min(retryDelay * 2, m_options.maxRetryDelay);
            continue;
        }
        retryDelay = m_options.firstRetryDelay;
        if (outcome.ok) {
            ++m_status.forwardedRequests;
            m_status.forwardedItems
                += std::max<std::int64_t>(0, entry.items - outcome.rejectedItems);
            m_status.droppedItems += std::min(entry.items, outcome.rejectedItems);
        } else {
            dropLocked(entry);
            m_status.lastError = outcome.error.toStdString();
        }
        --m_status.queuedRequests;
        m_status.queuedBytes -= static_cast<std::int64_t>(entry.body.size());
        m_queue.pop_front();
    }
}

} // namespace kansoku
