#include "kansoku_runtime.h"

#include "otlp_grpc_receiver.h"
#include "otlp_http_receiver.h"
#include "telemetry_store.h"

#include <QHostAddress>

namespace kansoku {

KansokuRuntime::KansokuRuntime(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_counters(std::make_shared<IngestCounters>())
{
    StorageOptions storageOptions;
    storageOptions.databasePath = options.databasePath;
    m_store = std::make_shared<TelemetryStore>(storageOptions);

    ReceiverOptions receiverOptions;
    receiverOptions.listenAddress = QHostAddress(options.listenAddress);
    receiverOptions.grpcPort = options.grpcPort;
    receiverOptions.httpPort = options.httpPort;
    receiverOptions.maxRequestBytes = std::int64_t(options.maxRequestMiB) * 1024 * 1024;
    m_grpcReceiver = std::make_unique<OtlpGrpcReceiver>(receiverOptions, m_store, m_counters);
    m_httpReceiver = std::make_unique<OtlpHttpReceiver>(receiverOptions, m_store, m_counters);
}

KansokuRuntime::~KansokuRuntime()
{
    stop();
}

bool KansokuRuntime::start(QString *errorMessage)
{
    // Storage before ingest, so that nothing is acknowledged without a place to go.
    QString storeError;
    m_storeOpen = m_store->open(&storeError);
    if (!m_storeOpen) {
        *errorMessage = storeError;
        return false;
    }
    QStringList errors;
    QString receiverError;
    if (!m_grpcReceiver->start(&receiverError))
        errors << receiverError;
    if (!m_httpReceiver->start(&receiverError))
        errors << receiverError;
    *errorMessage = errors.join(QLatin1Char('\n'));
    return errors.isEmpty();
}

void KansokuRuntime::stop()
{
    // Ingest first, so every acknowledged batch is in the queue; then drain and commit.
    m_grpcReceiver->stop();
    m_httpReceiver->stop();
    if (m_storeOpen) {
        m_store->close();
        m_storeOpen = false;
    }
}

std::vector<ReceiverStatus> KansokuRuntime::receiverStatuses() const
{
    std::vector<ReceiverStatus> statuses = {m_grpcReceiver->status(), m_httpReceiver->status()};
    if (!m_storeOpen) {
        for (ReceiverStatus &status : statuses) {
            if (!status.listening)
                status.error = "the session database is not open";
        }
    }
    return statuses;
}

IngestCountersSnapshot KansokuRuntime::counters() const
{
    return m_counters->snapshot();
}

StorageStatus KansokuRuntime::storageStatus() const
{
    return m_store->status();
}

} // namespace kansoku
