#include "core/client_statistics.h"

#include "core/resource.h"

#include <QDateTime>
#include <algorithm>

namespace kansoku {

namespace {

std::string attributeText(const Resource &resource, std::string_view key)
{
    const AnyValue *value = findAttribute(resource.attributes, key);
    return value && !value->isEmpty() ? value->toDisplayString() : std::string();
}

void keepIfSet(std::string &target, const std::string &value)
{
    if (!value.empty())
        target = value;
}

} // namespace

ClientService ClientService::fromResource(const Resource &resource, std::int64_t items)
{
    ClientService service;
    service.serviceName = resource.serviceName();
    service.sdkLanguage = attributeText(resource, "telemetry.sdk.language");
    service.sdkName = attributeText(resource, "telemetry.sdk.name");
    service.sdkVersion = attributeText(resource, "telemetry.sdk.version");
    service.items = items;
    return service;
}

ClientStatistics::ClientStatistics(std::size_t maxSenders)
    : m_maxSenders(std::max<std::size_t>(maxSenders, 1))
{}

void ClientStatistics::record(const ClientRequest &request)
{
    record(request, QDateTime::currentMSecsSinceEpoch());
}

void ClientStatistics::record(const ClientRequest &request, std::int64_t nowMs)
{
    const std::lock_guard lock(m_mutex);
    if (request.services.empty()) {
        recordOne(request, ClientService(), nowMs);
        return;
    }
    for (const ClientService &service : request.services)
        recordOne(request, service, nowMs);
}

void ClientStatistics::recordOne(const ClientRequest &request, const ClientService &service,
                                 std::int64_t nowMs)
{
    Key key(request.peerHost, service.serviceName);
    auto found = m_entries.find(key);
    if (found == m_entries.end()) {
        if (m_entries.size() >= m_maxSenders)
            evictLeastRecentlySeen();
        Entry entry;
        entry.firstSeen = ++m_sequence;
        entry.activity.peerHost = request.peerHost;
        entry.activity.serviceName = service.serviceName;
        found = m_entries.emplace(std::move(key), std::move(entry)).first;
    }
    Entry &entry = found->second;
    entry.lastSeen = ++m_sequence;
    ClientActivity &activity = entry.activity;
    keepIfSet(activity.sdkLanguage, service.sdkLanguage);
    keepIfSet(activity.sdkName, service.sdkName);
    keepIfSet(activity.sdkVersion, service.sdkVersion);
    activity.transport = request.transport;
    keepIfSet(activity.encoding, request.encoding);
    activity.compression = request.compression;
    ++activity.requests;
    activity.items += service.items;
    if (request.rejected) {
        ++activity.rejections;
        activity.lastRejection = request.reason;
    }
    activity.lastSeenMs = nowMs;
}

// Linear in the bound (1,000), and only when a new sender arrives at a full table.
void ClientStatistics::evictLeastRecentlySeen()
{
    const auto oldest = std::min_element(m_entries.begin(), m_entries.end(),
                                         [](const auto &left, const auto &right) {
                                             return left.second.lastSeen < right.second.lastSeen;
                                         });
    if (oldest != m_entries.end())
        m_entries.erase(oldest);
}

std::vector<ClientActivity> ClientStatistics::snapshot() const
{
    std::vector<std::pair<std::uint64_t, ClientActivity>> ordered;
    {
        const std::lock_guard lock(m_mutex);
        ordered.reserve(m_entries.size());
        for (const auto &[key, entry] : m_entries)
            ordered.emplace_back(entry.firstSeen, entry.activity);
    }
    std::sort(ordered.begin(), ordered.end(),
              [](const auto &left, const auto &right) { return left.first < right.first; });
    std::vector<ClientActivity> result;
    result.reserve(ordered.size());
    for (auto &[firstSeen, activity] : ordered)
        result.push_back(std::move(activity));
    return result;
}

} // namespace kansoku
