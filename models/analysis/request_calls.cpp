#include "analysis/request_calls.h"

#include <algorithm>
#include <functional>

namespace kansoku {

RequestCalls::RequestCalls(const PreparedTrace &trace)
{
    // Sorted as records led by the statement's hash: different statements part on it without
    // comparing their text, which only equal hashes (equal statements, or a collision) compare.
    struct SortKey
    {
        int request;
        CallKind kind;
        std::size_t statementHash;
        std::string_view statement;
        std::int64_t startNs;
        int index;
    };
    std::vector<SortKey> keys;
    keys.reserve(std::size_t(trace.spanCount()));
    for (int i = 0; i < trace.spanCount(); ++i) {
        const CallIdentity &call = trace.call(i);
        if (isMeasuredCall(call.kind) && trace.endpoint(i) != i)
            keys.push_back({trace.endpoint(i), call.kind,
                            std::hash<std::string_view>()(call.statement), call.statement,
                            trace.span(i).startTimeNs, i});
    }
    std::sort(keys.begin(), keys.end(), [](const SortKey &a, const SortKey &b) {
        if (a.request != b.request)
            return a.request < b.request;
        if (a.kind != b.kind)
            return a.kind < b.kind;
        if (a.statementHash != b.statementHash)
            return a.statementHash < b.statementHash;
        if (const int order = a.statement.compare(b.statement))
            return order < 0;
        return a.startNs != b.startNs ? a.startNs < b.startNs : a.index < b.index;
    });
    m_callIndices.reserve(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const SortKey &key = keys[i];
        m_callIndices.push_back(key.index);
        const bool sameGroup = i > 0 && keys[i - 1].request == key.request
                               && keys[i - 1].kind == key.kind
                               && keys[i - 1].statementHash == key.statementHash
                               && keys[i - 1].statement == key.statement;
        if (!sameGroup)
            m_groups.push_back({key.request, int(i), int(i), key.kind, key.statement});
        m_groups.back().end = int(i) + 1;
    }
}

std::span<const int> RequestCalls::calls(const Group &group) const
{
    return std::span<const int>(m_callIndices)
        .subspan(std::size_t(group.begin), std::size_t(group.end - group.begin));
}

bool RequestCalls::isMeasuredCall(CallKind kind)
{
    return kind == CallKind::Database || kind == CallKind::Http || kind == CallKind::Rpc;
}

} // namespace kansoku
