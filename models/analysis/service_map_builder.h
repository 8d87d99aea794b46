// Builds a ServiceMap from traces: each span whose parent belongs to another service is a call
// from the parent's service to the span's (timed by the called span), and each client or
// producer span without a child in another service is a call to the peer its attributes name
// (a database by db.system.name, else a host). Pure; one builder per worker thread.
#pragma once

#include "analysis/call_identity.h"
#include "analysis/duration_sample.h"
#include "analysis/service_map.h"
#include "core/analysis_span.h"

#include <atomic>
#include <map>
#include <string>
#include <utility>

namespace kansoku {

class PreparedTrace;
class TelemetryQueries;
struct TimeRange;
struct Trace;

class ServiceMapBuilder
{
public:
    // rangeDurationNs: the length of the range the traces come from, for calls per second; 0
    // (one trace, an open range) gives a map without rates.
    explicit ServiceMapBuilder(std::int64_t rangeDurationNs = 0);

    void addTrace(const PreparedTrace &trace);
    void addTrace(const AnalysisTrace &trace);
    ServiceMap build() const;

    // The peer a client or producer span calls, when the peer does not report spans itself: a
    // database "postgresql/orders" (db.system.name or db.system, + db.namespace or db.name), else
    // server.address or net.peer.name (+ port), the host of url.full or http.url, the peer
    // address, an RPC service or a messaging destination. Empty name when nothing names it.
    static std::pair<ServiceNodeKind, std::string> peerOf(const AnalysisSpan &span);
    // The same with the span's identifyCall() already made (PreparedTrace::call()).
    static std::pair<ServiceNodeKind, std::string> peerOf(const AnalysisSpan &span,
                                                          const CallIdentity &call);

    // The services one trace passed through (the trace inspector's graph): a map without rates,
    // each span's service from its resource's service.name.
    static ServiceMap ofTrace(const Trace &trace);

    // Reads every trace of range from queries (on the calling thread: a worker) and maps them;
    // with service set, only traces that pass through that service. Stops early, with the map
    // of the traces read so far, once cancelled is set. A failure is returned in the map's error.
    static ServiceMap buildFrom(const TelemetryQueries &queries, const TimeRange &range,
                                std::int64_t rangeDurationNs, const std::string &service,
                                const std::atomic<bool> &cancelled);

private:
    using NodeKey = std::pair<ServiceNodeKind, std::string>;
    struct NodeTally
    {
        std::int64_t spanCount = 0;
        std::int64_t requestCount = 0;
        std::int64_t failedRequestCount = 0;
        bool isEntry = false;
    };
    struct EdgeTally
    {
        std::int64_t failedCallCount = 0;
        DurationSample durations;
    };

    void addCall(const NodeKey &caller, const NodeKey &callee, std::int64_t durationNs,
                 bool failed);

    std::int64_t m_rangeDurationNs;
    std::int64_t m_traceCount = 0;
    std::int64_t m_spanCount = 0;
    std::map<NodeKey, NodeTally> m_nodes;
    std::map<std::pair<NodeKey, NodeKey>, EdgeTally> m_edges;
};

} // namespace kansoku
