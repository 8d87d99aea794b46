#include "core/analysis_span.h"

#include <algorithm>
#include <array>

namespace kansoku {

namespace {

// Sorted, for binary search.
constexpr std::array<std::string_view, 31> analysisAttributeKeys = {
    "db.collection.name",
    "db.mongodb.collection",
    "db.name",
    "db.namespace",
    "db.operation",
    "db.operation.name",
    "db.query.summary",
    "db.query.text",
    "db.sql.table",
    "db.statement",
    "db.system",
    "db.system.name",
    "http.method",
    "http.request.method",
    "http.response.status_code",
    "http.route",
    "http.status_code",
    "http.target",
    "http.url",
    "messaging.destination.name",
    "messaging.operation",
    "messaging.system",
    "net.peer.name",
    "net.peer.port",
    "rpc.method",
    "rpc.service",
    "server.address",
    "server.port",
    "url.full",
    "url.path",
    "url.template",
};

constexpr std::string_view queryParameterPrefix = "db.query.parameter.";

} // namespace

bool isAnalysisAttributeKey(std::string_view key)
{
    static_assert(std::is_sorted(analysisAttributeKeys.begin(), analysisAttributeKeys.end()));
    return key.starts_with(queryParameterPrefix)
           || std::binary_search(analysisAttributeKeys.begin(), analysisAttributeKeys.end(), key);
}

} // namespace kansoku
