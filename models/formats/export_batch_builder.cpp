#include "formats/export_batch_builder.h"

#include <algorithm>

namespace kansoku {

namespace {

// The scope group for (resource, scope) in result, appended when it is new. ScopeList is the
// resource group's member holding its scope groups (scopeSpans, scopeLogs, scopeMetrics).
template<typename ResourceGroup, typename ScopeList>
auto &scopeGroup(std::vector<ResourceGroup> &result, ScopeList ResourceGroup::*scopeList,
                 const Resource &resource, const std::string &resourceSchemaUrl,
                 const InstrumentationScope &scope, const std::string &scopeSchemaUrl)
{
    auto resourceIt = std::find_if(result.begin(), result.end(), [&](const ResourceGroup &group) {
        return group.schemaUrl == resourceSchemaUrl && group.resource == resource;
    });
    if (resourceIt == result.end()) {
        ResourceGroup group;
        group.resource = resource;
        group.schemaUrl = resourceSchemaUrl;
        result.push_back(std::move(group));
        resourceIt = std::prev(result.end());
    }
    auto &scopes = (*resourceIt).*scopeList;
    auto scopeIt = std::find_if(scopes.begin(), scopes.end(), [&](const auto &group) {
        return group.schemaUrl == scopeSchemaUrl && group.scope == scope;
    });
    if (scopeIt == scopes.end()) {
        typename ScopeList::value_type group;
        group.scope = scope;
        group.schemaUrl = scopeSchemaUrl;
        scopes.push_back(std::move(group));
        scopeIt = std::prev(scopes.end());
    }
    return *scopeIt;
}

template<typename Entity>
const Entity &entityAt(const std::vector<Entity> &entities, int index)
{
    static const Entity unknown{};
    const auto position = static_cast<std::size_t>(index);
    return index >= 0 && position < entities.size() ? entities[position] : unknown;
}

void appendSpans(std::vector<ResourceSpans> &result, const Trace &trace)
{
    for (const TraceSpan &stored : trace.spans) {
        scopeGroup(result, &ResourceSpans::scopeSpans,
                   entityAt(trace.resources, stored.resourceIndex), stored.resourceSchemaUrl,
                   entityAt(trace.scopes, stored.scopeIndex), stored.scopeSchemaUrl)
            .spans.push_back(stored.span);
    }
}

} // namespace

std::vector<ResourceSpans> ExportBatchBuilder::fromTrace(const Trace &trace)
{
    std::vector<ResourceSpans> result;
    appendSpans(result, trace);
    return result;
}

std::vector<ResourceSpans> ExportBatchBuilder::fromTraces(const std::vector<Trace> &traces)
{
    std::vector<ResourceSpans> result;
    for (const Trace &trace : traces)
        appendSpans(result, trace);
    return result;
}

std::vector<ResourceLogs> ExportBatchBuilder::fromLogs(const std::vector<StoredLog> &logs)
{
    std::vector<ResourceLogs> result;
    for (const StoredLog &log : logs) {
        scopeGroup(result, &ResourceLogs::scopeLogs, log.resource, log.resourceSchemaUrl, log.scope,
                   log.scopeSchemaUrl)
            .logRecords.push_back(log.record);
    }
    return result;
}

std::vector<ResourceMetrics> ExportBatchBuilder::fromMetricStream(const MetricStream &stream,
                                                                  Metric metric)
{
    std::vector<ResourceMetrics> result;
    scopeGroup(result, &ResourceMetrics::scopeMetrics, stream.resource, stream.resourceSchemaUrl,
               stream.scope, stream.scopeSchemaUrl)
        .metrics.push_back(std::move(metric));
    return result;
}

std::vector<ResourceMetrics>
ExportBatchBuilder::fromMetricStreams(std::vector<std::pair<MetricStream, Metric>> streams)
{
    std::vector<ResourceMetrics> result;
    for (auto &[stream, metric] : streams) {
        scopeGroup(result, &ResourceMetrics::scopeMetrics, stream.resource,
                   stream.resourceSchemaUrl, stream.scope, stream.scopeSchemaUrl)
            .metrics.push_back(std::move(metric));
    }
    return result;
}

} // namespace kansoku
