// Who sends telemetry: one row per sender (peer host, service.name) with its SDK, transport,
// encoding, compression, counts and last rejection. Recorded from receiver threads under one mutex
// (one lock per request, never per item); read from any thread as a snapshot. Shared by pointer
// beside IngestCounters; outlives the receivers.
#pragma once

#include "core/telemetry_signal.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace kansoku {

struct Resource;

// One resource of a decoded request: the service it names and how many items it carried.
struct ClientService
{
    std::string serviceName; // Resource::serviceName(): "unknown_service" when absent
    std::string sdkLanguage; // telemetry.sdk.language
    std::string sdkName;     // telemetry.sdk.name
    std::string sdkVersion;  // telemetry.sdk.version
    std::int64_t items = 0;  // items of this resource that were accepted

    // Reads the four attributes once from the resource (no per-item work).
    static ClientService fromResource(const Resource &resource, std::int64_t items);
};

// What a receiver knows about one request once it has answered it.
struct ClientRequest
{
    std::string peerHost; // "127.0.0.1", "::1"
    IngestTransport transport = IngestTransport::Http;
    std::string encoding;    // "protobuf", "json"; empty when unknown
    std::string compression; // "none", "gzip", "zstd"; empty when unknown (gRPC)
    // Empty when the request could not be decoded: it then counts for (peerHost, "").
    std::vector<ClientService> services;
    bool rejected
        = false;        // not (fully) accepted: partial rejection, malformed, refused, unauthorized
    std::string reason; // why, when rejected
};

// One sender as the Clients view shows it. Transport, encoding and compression are those of the
// sender's latest request; the SDK fields the latest non-empty ones.
struct ClientActivity
{
    std::string peerHost;
    std::string serviceName;
    std::string sdkLanguage;
    std::string sdkName;
    std::string sdkVersion;
    IngestTransport transport = IngestTransport::Http;
    std::string encoding;
    std::string compression;
    std::int64_t requests = 0;
    std::int64_t items = 0;      // accepted items
    std::int64_t rejections = 0; // requests not (fully) accepted
    std::string lastRejection;   // reason of the latest rejected request
    std::int64_t lastSeenMs = 0; // wall clock, ms since the Unix epoch
    bool operator==(const ClientActivity &) const = default;
};

class ClientStatistics
{
public:
    static constexpr std::size_t defaultMaxSenders = 1000;

    explicit ClientStatistics(std::size_t maxSenders = defaultMaxSenders);

    // Counts the request for each of its services (or for (peerHost, "") when it has none). When
    // a new sender would exceed the bound, the least recently seen sender is dropped.
    void record(const ClientRequest &request, std::int64_t nowMs);
    void record(const ClientRequest &request); // now = the wall clock

    // The senders in the order they were first seen.
    std::vector<ClientActivity> snapshot() const;

private:
    using Key = std::pair<std::string, std::string>; // (peer host, service.name)
    struct Entry
    {
        ClientActivity activity;
        std::uint64_t firstSeen = 0; // sequence numbers: stable order and eviction
        std::uint64_t lastSeen = 0;
    };
    void recordOne(const ClientRequest &request, const ClientService &service, std::int64_t nowMs);
    void evictLeastRecentlySeen();

    std::size_t m_maxSenders;
    mutable std::mutex m_mutex;
    std::map<Key, Entry> m_entries;
    std::uint64_t m_sequence = 0;
};

} // namespace kansoku
