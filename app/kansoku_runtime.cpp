#include "kansoku_runtime.h"

#include "core/participant_setup.h"
#include "forward_target.h"
#include "otlp_forwarder.h"
#include "otlp_grpc_receiver.h"
#include "otlp_http_receiver.h"
#include "receiver_control.h"
#include "receiver_token.h"
#include "telemetry_store.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QNetworkInterface>

namespace kansoku {

KansokuRuntime::KansokuRuntime(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_counters(std::make_shared<IngestCounters>())
    , m_clients(std::make_shared<ClientStatistics>())
    , m_control(std::make_shared<ReceiverControl>())
    , m_givenToken(options.tokenGenerated ? QString() : options.token)
    , m_generatedToken(options.tokenGenerated ? options.token : QString())
{
    build();
    // The command line checked it (ForwardTarget::loopProblem); started with the receivers.
    if (m_options.forwardTarget) {
        m_forwardTarget = m_options.forwardTarget;
        m_forwardQueueMiB = m_options.forwardQueueMiB;
    }
}

void KansokuRuntime::build()
{
    m_readOnly = isReadOnlyLocation(m_options.databasePath);
    StorageOptions storageOptions;
    storageOptions.databasePath = m_options.databasePath;
    storageOptions.readOnly = m_readOnly;
    storageOptions.maxBytes = m_options.maxDbBytes;
    storageOptions.retainNs = m_options.retainNs;
    // Sessions that receive live telemetry are bounded unless told otherwise.
    storageOptions.newSessionLimits = SessionLimits::defaults();
    m_store = std::make_shared<TelemetryStore>(storageOptions);
    buildReceivers();
}

void KansokuRuntime::buildReceivers()
{
    ReceiverOptions receiverOptions;
    receiverOptions.listenAddress = QHostAddress(m_options.listenAddress);
    receiverOptions.grpcPort = m_options.grpcPort;
    receiverOptions.httpPort = m_options.httpPort;
    receiverOptions.maxRequestBytes = std::int64_t(m_options.maxRequestMiB) * 1024 * 1024;
    receiverOptions.bearerToken = m_options.token.toStdString();
    receiverOptions.control = m_control;
    m_grpcReceiver
        = std::make_unique<OtlpGrpcReceiver>(receiverOptions, m_store, m_counters, m_clients);
    m_httpReceiver
        = std::make_unique<OtlpHttpReceiver>(receiverOptions, m_store, m_counters, m_clients);
}

bool KansokuRuntime::isReadOnlyLocation(const QString &path)
{
    const QFileInfo file(path);
    if (!file.exists())
        return false;
    // A file without the owner's write permission says "do not change me" even to root, for
    // whom access() would allow it.
    const QFileInfo folder(file.absolutePath());
    return !file.isWritable() || !folder.isWritable() || !file.permission(QFileDevice::WriteOwner)
           || !folder.permission(QFileDevice::WriteOwner);
}

bool KansokuRuntime::switchSession(const QString &path, QString *errorMessage)
{
    // The same ports as now, also when they were picked by the system (port 0).
    m_options.grpcPort = grpcPortInUse();
    m_options.httpPort = httpPortInUse();
    const QString previousPath = m_options.databasePath;
    stopSession();
    // --max-db-mib and --retain were for the session opened at start; others keep their own.
    m_options.maxDbBytes.reset();
    m_options.retainNs.reset();
    // The receivers hold the store they were made with: both are made anew.
    m_grpcReceiver.reset();
    m_httpReceiver.reset();
    m_options.databasePath = path;
    build();
    QString error;
    if (start(&error) || m_storeOpen) {
        *errorMessage = error;
        return true;
    }
    // The new session is unusable: keep the app working on the one it had.
    stopSession();
    m_grpcReceiver.reset();
    m_httpReceiver.reset();
    m_options.databasePath = previousPath;
    build();
    QString ignored;
    start(&ignored);
    *errorMessage = error;
    return false;
}

KansokuRuntime::~KansokuRuntime()
{
    stop();
}

bool KansokuRuntime::start(QString *errorMessage)
{
    // Before the receivers, so the first accepted export is forwarded too.
    if (m_forwardTarget && !m_control->forwarder()) {
        QString ignored;
        setForwarding(m_forwardTarget, m_forwardQueueMiB, &ignored);
    }
    // Storage before ingest, so that nothing is acknowledged without a place to go.
    QString storeError;
    m_storeOpen = m_store->open(&storeError);
    if (!m_storeOpen) {
        *errorMessage = storeError;
        return false;
    }
    // Nothing may be written to a read-only session: the receivers stay paused.
    if (m_readOnly) {
        errorMessage->clear();
        return true;
    }
    *errorMessage = startReceivers();
    return errorMessage->isEmpty();
}

QString KansokuRuntime::startReceivers()
{
    QStringList errors;
    QString receiverError;
    if (!m_grpcReceiver->start(&receiverError))
        errors << receiverError;
    if (!m_httpReceiver->start(&receiverError))
        errors << receiverError;
    return errors.join(QLatin1Char('\n'));
}

void KansokuRuntime::stop()
{
    stopSession();
    // Last: everything accepted has been offered to it; it sends what it can in its drain time.
    m_control->setForwarder(nullptr);
    if (m_forwarder) {
        // Kept, so the final statistics still show what it did; start() makes a new one.
        m_forwarder->stop();
    }
    for (const std::shared_ptr<OtlpForwarder> &retired : m_retiredForwarders)
        retired->stop();
    m_retiredForwarders.clear();
}

void KansokuRuntime::stopSession()
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
    if (!m_storeOpen || m_readOnly) {
        for (ReceiverStatus &status : statuses) {
            if (!status.listening)
                status.error = m_readOnly ? "paused: the open session is read-only"
                                          : "the session database is not open";
        }
    }
    return statuses;
}

// The addresses participants can reach a receiver bound to `listen` on, IPv4 first.
static QStringList reachableHosts(const QHostAddress &listen)
{
    const bool anyIPv4 = listen == QHostAddress(QHostAddress::AnyIPv4)
                         || listen == QHostAddress(QHostAddress::Any);
    const bool anyIPv6 = listen == QHostAddress(QHostAddress::AnyIPv6)
                         || listen == QHostAddress(QHostAddress::Any);
    if (!anyIPv4 && !anyIPv6)
        return {listen.toString()};
    QStringList ipv4;
    QStringList ipv6;
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
        const QNetworkInterface::InterfaceFlags flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp)
            || !flags.testFlag(QNetworkInterface::IsRunning)
            || flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            const QHostAddress ip = entry.ip();
            if (ip.isLoopback())
                continue;
            if (ip.protocol() == QAbstractSocket::IPv4Protocol && anyIPv4)
                ipv4 << ip.toString();
            // Link-local addresses need the participant's own interface name: not copyable.
            else if (ip.protocol() == QAbstractSocket::IPv6Protocol && anyIPv6 && !ip.isLinkLocal())
                ipv6 << ip.toString();
        }
    }
    return ipv4 + ipv6;
}

QStringList KansokuRuntime::reachableAddresses() const
{
    return reachableHosts(QHostAddress(m_options.listenAddress));
}

QStringList KansokuRuntime::participantLines() const
{
    return ParticipantSetup::lines(reachableAddresses(), grpcPortInUse(), httpPortInUse(),
                                   m_options.token);
}

quint16 KansokuRuntime::grpcPortInUse() const
{
    return m_grpcReceiver->isListening() ? m_grpcReceiver->port() : m_options.grpcPort;
}

quint16 KansokuRuntime::httpPortInUse() const
{
    return m_httpReceiver->isListening() ? m_httpReceiver->port() : m_options.httpPort;
}

bool KansokuRuntime::isListeningBeyondLoopback() const
{
    return !QHostAddress(m_options.listenAddress).isLoopback();
}

bool KansokuRuntime::setListeningOnLan(bool lan, QString *error)
{
    error->clear();
    const CommandLineOptions previous = m_options;
    m_options.grpcPort = grpcPortInUse();
    m_options.httpPort = httpPortInUse();
    m_options.listenAddress = lan ? QStringLiteral("0.0.0.0") : QStringLiteral("127.0.0.1");
    // Beyond loopback only with a token: anyone on the network could write to the session.
    if (lan && m_givenToken.isEmpty() && m_generatedToken.isEmpty())
        m_generatedToken = ReceiverToken::generate();
    m_options.token = !m_givenToken.isEmpty() ? m_givenToken : lan ? m_generatedToken : QString();
    m_options.tokenGenerated = m_givenToken.isEmpty() && lan;
    // Ingest stops first, so every acknowledged batch is in the store's queue; the store stays.
    m_grpcReceiver->stop();
    m_httpReceiver->stop();
    buildReceivers();
    // A read-only session keeps its receivers stopped, now on the new address.
    if (!m_storeOpen || m_readOnly)
        return true;
    *error = startReceivers();
    if (error->isEmpty())
        return true;
    // Back to what was listening before, on the ports it had.
    m_grpcReceiver->stop();
    m_httpReceiver->stop();
    const quint16 grpcPort = m_options.grpcPort;
    const quint16 httpPort = m_options.httpPort;
    m_options = previous;
    m_options.grpcPort = grpcPort;
    m_options.httpPort = httpPort;
    buildReceivers();
    startReceivers();
    return false;
}

void KansokuRuntime::setPaused(bool paused)
{
    m_control->setPaused(paused);
}

bool KansokuRuntime::isPaused() const
{
    return m_control->isPaused();
}

QString KansokuRuntime::ownReceiverProblem(const OtlpExportTarget &target) const
{
    return ForwardTarget::loopProblem(target, QHostAddress(m_options.listenAddress),
                                      grpcPortInUse(), httpPortInUse());
}

bool KansokuRuntime::setForwarding(const std::optional<OtlpExportTarget> &target, int queueMiB,
                                   QString *error)
{
    if (target) {
        const QString loop = ownReceiverProblem(*target);
        if (!loop.isEmpty()) {
            *error = loop;
            return false;
        }
    }
    error->clear();
    // The receivers hand exports to the new forwarder from here on; the old one sends what it
    // holds in its drain time, then its thread ends (joined by stop()).
    std::shared_ptr<OtlpForwarder> previous = std::move(m_forwarder);
    m_forwardTarget = target;
    m_forwardQueueMiB = queueMiB;
    if (target) {
        OtlpForwarderOptions options;
        options.target = *target;
        options.target.timeout = std::chrono::milliseconds(5'000);
        options.queueCapacityBytes = std::int64_t(queueMiB) * 1024 * 1024;
        m_forwarder = std::make_shared<OtlpForwarder>(options);
        m_forwarder->start();
    }
    m_control->setForwarder(m_forwarder);
    if (previous) {
        previous->requestStop();
        m_retiredForwarders.push_back(std::move(previous));
    }
    return true;
}

ForwardingStatus KansokuRuntime::forwardingStatus() const
{
    return m_forwarder ? m_forwarder->status() : ForwardingStatus();
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
