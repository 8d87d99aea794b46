// Builds, wires, starts and stops everything below the user interface: the store first, then the
// receivers that feed it; on stop the reverse (receivers stop, the queue drains, the store
// commits). Lives on the main thread; the parts it owns run their own threads.
#pragma once

#include "command_line_options.h"
#include "ingest_counters.h"
#include "receiver_status.h"
#include "storage_status.h"

#include <QObject>
#include <memory>
#include <vector>

namespace kansoku {

class OtlpGrpcReceiver;
class OtlpHttpReceiver;
class TelemetryStore;

class KansokuRuntime : public QObject
{
    Q_OBJECT
public:
    explicit KansokuRuntime(const CommandLineOptions &options, QObject *parent = nullptr);
    ~KansokuRuntime() override;

    // Opens the store, then starts both receivers. Returns false with a message when the store
    // cannot be opened or a receiver cannot listen; receivers that did start keep running, so a
    // window can still show what works.
    bool start(QString *errorMessage);
    void stop();

    std::vector<ReceiverStatus> receiverStatuses() const;
    IngestCountersSnapshot counters() const;
    StorageStatus storageStatus() const;
    TelemetryStore *store() const { return m_store.get(); }

private:
    CommandLineOptions m_options;
    std::shared_ptr<IngestCounters> m_counters;
    std::shared_ptr<TelemetryStore> m_store;
    std::unique_ptr<OtlpGrpcReceiver> m_grpcReceiver;
    std::unique_ptr<OtlpHttpReceiver> m_httpReceiver;
    bool m_storeOpen = false;
};

} // namespace kansoku
