// Builds, wires, starts and stops everything below the user interface: the store first, then the
// receivers that feed it; on stop the reverse (receivers stop, the queue drains, the store
// commits). Switching sessions runs both in that order over a new store, the receivers keeping
// their ports. A session file we may not change is opened read-only, with the receivers paused.
// Pausing receiving and forwarding (ReceiverControl, OtlpForwarder) belong to the runtime, not to
// a session: both stay as they are across session switches. Lives on the main thread; the parts
// it owns run their own threads.
#pragma once

#include "command_line_options.h"
#include "core/client_statistics.h"
#include "core/forwarding_status.h"
#include "core/ingest_counters.h"
#include "core/receiver_status.h"
#include "core/storage_status.h"
#include "otlp_export_client.h"

#include <QObject>
#include <memory>
#include <vector>

namespace kansoku {

class OtlpForwarder;
class OtlpGrpcReceiver;
class OtlpHttpReceiver;
class ReceiverControl;
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
    // Receivers, then the store, then forwarding (which gets its drain time to send what it
    // holds).
    void stop();
    // Receivers stop → the store drains, commits and closes → the store at path opens (read-only
    // when isReadOnlyLocation(path)) → the receivers restart on the ports they had. False when
    // the new session cannot be opened: then the previous one is opened again and *errorMessage
    // says why. True with a non-empty *errorMessage when only a receiver failed to restart.
    bool switchSession(const QString &path, QString *errorMessage);

    // A session file we may not change: it exists and it, or its folder (where SQLite keeps the
    // WAL), is not writable by us.
    static bool isReadOnlyLocation(const QString &path);

    std::vector<ReceiverStatus> receiverStatuses() const;
    IngestCountersSnapshot counters() const;
    // What training room participants copy (ParticipantSetup::lines) for the addresses the
    // receivers can be reached on: the machine's LAN addresses (up, running, not loopback, IPv4
    // first) when listening on every interface, else the listen address. Empty without a token.
    QStringList participantLines() const;
    bool requiresToken() const { return !m_options.token.isEmpty(); }
    // The addresses participants can reach the receivers on (see participantLines()).
    QStringList reachableAddresses() const;

    // Receive › Listen on the LAN: on, the receivers restart on every IPv4 interface (0.0.0.0)
    // with the same ports and require the bearer token (the --token given, else one generated
    // once and kept for this run, so participants' settings stay valid across toggles); off, they
    // restart on 127.0.0.1 and require only a --token given on the command line. The store and
    // pausing stay as they are. False with *error when a port cannot be bound: the receivers then
    // listen as before.
    bool setListeningOnLan(bool lan, QString *error);
    // The receivers listen beyond loopback (--listen, or the toggle above).
    bool isListeningBeyondLoopback() const;
    // The bearer token exports must carry (empty: none); the window's own training player
    // sends with it.
    QString token() const { return m_options.token; }
    StorageStatus storageStatus() const;
    TelemetryStore *store() const { return m_store.get(); }
    // The open store as the sink file imports feed; replaced by switchSession().
    std::shared_ptr<TelemetryStore> sharedStore() const { return m_store; }
    std::shared_ptr<IngestCounters> sharedCounters() const { return m_counters; }
    // One row per sender (peer host, service.name) the receivers have seen; kept across session
    // switches, like the counters.
    std::shared_ptr<ClientStatistics> sharedClientStatistics() const { return m_clients; }
    QString sessionPath() const { return m_options.databasePath; }
    bool isReadOnly() const { return m_readOnly; }

    // Paused, the receivers keep listening but answer every export with the protocol's retryable
    // "unavailable" (HTTP 503 + Retry-After, gRPC UNAVAILABLE), so senders keep their data and
    // retry; counted as IngestCounts::paused. Stays across session switches.
    void setPaused(bool paused);
    bool isPaused() const;

    // Forwards every accepted export to target from now on (replacing the forwarder before,
    // which gets its drain time); nullopt stops forwarding. False with *error when target is
    // this Kansoku's own receiver. queueMiB bounds what waits for an unreachable upstream.
    bool setForwarding(const std::optional<OtlpExportTarget> &target, int queueMiB, QString *error);
    std::optional<OtlpExportTarget> forwardTarget() const { return m_forwardTarget; }
    // Non-empty (ForwardTarget::loopProblem) when target is this Kansoku's own receiver, on the
    // ports in use: forwarding or replaying there would send telemetry back into itself.
    QString ownReceiverProblem(const OtlpExportTarget &target) const;
    int forwardQueueMiB() const { return m_forwardQueueMiB; }
    ForwardingStatus forwardingStatus() const; // enabled == false when not forwarding

private:
    void build();             // the store and the receivers for m_options
    void buildReceivers();    // the receivers for m_options over the open store
    QString startReceivers(); // both; what failed, one line each (empty: both listen)
    // The bound ports, also when the system picked them (port 0); the configured ones otherwise.
    quint16 grpcPortInUse() const;
    quint16 httpPortInUse() const;
    void stopSession(); // receivers, then the store; forwarding goes on

    CommandLineOptions m_options;
    std::shared_ptr<IngestCounters> m_counters;
    std::shared_ptr<ClientStatistics> m_clients;
    std::shared_ptr<ReceiverControl> m_control; // shared with every receiver built
    std::shared_ptr<OtlpForwarder> m_forwarder; // null: not forwarding
    // Replaced by setForwarding(): still sending what they hold, on their own threads, so the
    // GUI thread never waits for an old upstream; joined by stop().
    std::vector<std::shared_ptr<OtlpForwarder>> m_retiredForwarders;
    std::optional<OtlpExportTarget> m_forwardTarget;
    int m_forwardQueueMiB = 64;
    std::shared_ptr<TelemetryStore> m_store;
    std::unique_ptr<OtlpGrpcReceiver> m_grpcReceiver;
    std::unique_ptr<OtlpHttpReceiver> m_httpReceiver;
    // --token as given (empty when none or generated): required on loopback too.
    QString m_givenToken;
    // Generated for listening beyond loopback without --token; kept for the whole run.
    QString m_generatedToken;
    bool m_storeOpen = false;
    bool m_readOnly = false;
};

} // namespace kansoku
