// The outgoing calls of one trace (database, HTTP and RPC client calls) grouped by the request
// that makes them and their normalized statement, each group's calls in start order: what the
// per-statement detectors aggregate. Calls that are their own endpoint (a client span with no
// request around it) belong to no request and are left out. Built on the detector's thread.
#pragma once

#include "analysis/prepared_trace.h"

#include <span>
#include <string_view>
#include <vector>

namespace kansoku {

class RequestCalls
{
public:
    struct Group
    {
        int request = -1; // the endpoint span making the calls
        int begin = 0;    // the group's calls are calls(group)
        int end = 0;
        CallKind kind = CallKind::None;
        // The calls' statement, in the trace's call identities (which outlive this, moves of the
        // PreparedTrace included).
        std::string_view statement;
    };

    explicit RequestCalls(const PreparedTrace &trace);

    // Ordered by request (span index); a request's groups in no particular order.
    const std::vector<Group> &groups() const { return m_groups; }
    // The span indices of a group's calls, in start order.
    std::span<const int> calls(const Group &group) const;

    // Database, HTTP and RPC calls: the ones whose duration is the caller's waiting time.
    static bool isMeasuredCall(CallKind kind);

private:
    std::vector<int> m_callIndices;
    std::vector<Group> m_groups;
};

} // namespace kansoku
