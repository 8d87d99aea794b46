// The key detectors aggregate calls by: the endpoint a call serves (its service and operation)
// and the call's normalized statement (empty for the endpoint itself). Maps keyed by it compare
// with std::less<> against a view of the three strings, so finding a key allocates nothing.
// Plain values, any thread.
#pragma once

#include "analysis/endpoint_statistics.h"

#include <compare>
#include <map>
#include <string>
#include <string_view>

namespace kansoku {

struct EndpointStatementView
{
    std::string_view service;
    std::string_view operation;
    std::string_view statement;
    auto operator<=>(const EndpointStatementView &) const = default;
};

struct EndpointStatementKey
{
    std::string service;
    std::string operation;
    std::string statement;

    EndpointStatementView view() const { return {service, operation, statement}; }
    EndpointKey endpoint() const { return {service, operation}; }

    friend bool operator<(const EndpointStatementKey &a, const EndpointStatementKey &b)
    {
        return a.view() < b.view();
    }
    friend bool operator<(const EndpointStatementKey &a, const EndpointStatementView &b)
    {
        return a.view() < b;
    }
    friend bool operator<(const EndpointStatementView &a, const EndpointStatementKey &b)
    {
        return a < b.view();
    }
};

// The value under key, default-constructed on first use; copies the key's strings only then.
template<typename Value>
Value &entryFor(std::map<EndpointStatementKey, Value, std::less<>> &map,
                const EndpointStatementView &key)
{
    auto found = map.lower_bound(key);
    if (found == map.end() || key < found->first)
        found = map.emplace_hint(found,
                                 EndpointStatementKey{std::string(key.service),
                                                      std::string(key.operation),
                                                      std::string(key.statement)},
                                 Value{});
    return found->second;
}

} // namespace kansoku
