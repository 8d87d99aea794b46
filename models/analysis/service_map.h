// The services of a set of traces and the calls between them: what the service map draws. Nodes
// are services that reported spans and the peers they call without those peers reporting
// themselves (databases, external hosts); edges are caller -> callee with counts, rate, error
// share and p95. Plain values made by ServiceMapBuilder, safe to share across threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kansoku {

enum class ServiceNodeKind {
    Service,  // reported spans of its own (a resource's service.name)
    Database, // named by a client span's db.system.name / db.system (+ db.namespace)
    External  // named by a client span's server.address, URL host or peer address
};

struct ServiceMapNode
{
    std::string name;
    ServiceNodeKind kind = ServiceNodeKind::Service;
    // A service: the spans it reported. A database or external peer: the calls it received.
    std::int64_t spanCount = 0;
    // The requests it served: its server, consumer and root spans, or the calls a peer received.
    std::int64_t requestCount = 0;
    std::int64_t failedRequestCount = 0; // spanFailed() among those
    bool isEntry = false;                // served a root span: where traces come in

    double errorShare() const
    {
        return requestCount > 0 ? double(failedRequestCount) / double(requestCount) : 0.0;
    }
};

struct ServiceMapEdge
{
    int caller = -1; // index into ServiceMap::nodes
    int callee = -1;
    std::int64_t callCount = 0;
    std::int64_t failedCallCount = 0;
    double callsPerSecond = 0; // over the range the map was built for; 0 without a range
    std::int64_t p95DurationNs = 0;

    double errorShare() const
    {
        return callCount > 0 ? double(failedCallCount) / double(callCount) : 0.0;
    }
};

struct ServiceMap
{
    std::vector<ServiceMapNode> nodes; // by kind (services, databases, externals), then name
    std::vector<ServiceMapEdge> edges; // by caller, then callee
    std::int64_t traceCount = 0;
    std::int64_t spanCount = 0;
    bool hasRate = false; // built over a range of some length: callsPerSecond is meaningful
    std::string error;    // why reading the traces failed (e.g. out of memory); empty when fine

    // -1 when there is no such node.
    int nodeIndex(const std::string &name, ServiceNodeKind kind = ServiceNodeKind::Service) const;
    // -1 when caller does not call callee.
    int edgeIndex(int caller, int callee) const;
    bool isEmpty() const { return nodes.empty(); }
};

// "12.3/s · 4% err · p95 38 ms" (the rate only when the map has one, the error share only when
// some calls failed), or "3 calls · p95 38 ms" for a map without a range (one trace).
std::string serviceMapEdgeLabel(const ServiceMap &map, const ServiceMapEdge &edge);

} // namespace kansoku
