#include "core/analysis_span.h"

#include <algorithm>
#include <array>

namespace kansoku {

namespace {

// Sorted, so a reader finds a key, without duplicates (checked below).
constexpr std::array<std::string_view, 38> analysisAttributeKeys = {
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
    "net.peer.ip",
    "net.peer.name",
    "net.peer.port",
    "net.transport",
    "network.peer.address",
    "network.peer.port",
    "network.transport",
    "rpc.grpc.status_code",
    "rpc.method",
    "rpc.response.status_code",
    "rpc.service",
    "server.address",
    "server.port",
    "url.full",
    "url.path",
    "url.template",
};

constexpr std::string_view queryParameterPrefix = "db.query.parameter.";

// The keys above grouped by length. A loader asks about every attribute of every span (about ten
// million questions for a million spans, most of them answered no), and a key is compared only with
// the one to five keys of its length: about a quarter of the instructions of a binary search.
struct SameLengthKeys
{
    std::array<std::string_view, 5> keys{};
    std::size_t count = 0;
};
constexpr std::size_t longestKeyLength = 26;
constexpr std::array<SameLengthKeys, longestKeyLength + 1> keysByLength = [] {
    std::array<SameLengthKeys, longestKeyLength + 1> result{};
    for (std::string_view key : analysisAttributeKeys) {
        SameLengthKeys &bucket = result.at(key.size()); // a longer key does not compile
        bucket.keys.at(bucket.count++) = key;           // nor does a sixth of one length
    }
    return result;
}();

} // namespace

bool isAnalysisAttributeKey(std::string_view key)
{
    static_assert(std::is_sorted(analysisAttributeKeys.begin(), analysisAttributeKeys.end()));
    static_assert(std::adjacent_find(analysisAttributeKeys.begin(), analysisAttributeKeys.end())
                  == analysisAttributeKeys.end());
    if (!key.empty() && key.size() <= longestKeyLength) {
        const SameLengthKeys &candidates = keysByLength[key.size()];
        for (std::size_t i = 0; i < candidates.count; ++i) {
            // The last characters differ more often than the first ("db.", "http."): checking
            // one first saves most calls to memcmp.
            if (candidates.keys[i].back() == key.back() && candidates.keys[i] == key)
                return true;
        }
    }
    return key.starts_with(queryParameterPrefix);
}

} // namespace kansoku
