#include "formats/export_batch_builder.h"

#include <algorithm>

namespace kansoku {

std::vector<ResourceSpans> ExportBatchBuilder::fromTrace(const Trace &trace)
{
    std::vector<ResourceSpans> result;
    // (resource index, resource schema URL) -> position in result; likewise for scopes inside.
    std::vector<std::pair<std::pair<int, std::string>, std::size_t>> resourcePositions;
    std::vector<std::vector<std::pair<std::pair<int, std::string>, std::size_t>>> scopePositions;
    for (const TraceSpan &stored : trace.spans) {
        const auto resourceKey = std::make_pair(stored.resourceIndex, stored.resourceSchemaUrl);
        auto resourceIt
            = std::find_if(resourcePositions.begin(), resourcePositions.end(),
                           [&](const auto &entry) { return entry.first == resourceKey; });
        std::size_t resourcePosition = 0;
        if (resourceIt == resourcePositions.end()) {
            ResourceSpans resourceSpans;
            const auto index = static_cast<std::size_t>(stored.resourceIndex);
            if (index < trace.resources.size())
                resourceSpans.resource = trace.resources[index];
            resourceSpans.schemaUrl = stored.resourceSchemaUrl;
            resourcePosition = result.size();
            result.push_back(std::move(resourceSpans));
            resourcePositions.emplace_back(resourceKey, resourcePosition);
            scopePositions.emplace_back();
        } else {
            resourcePosition = resourceIt->second;
        }
        ResourceSpans &resourceSpans = result[resourcePosition];
        auto &scopes = scopePositions[resourcePosition];
        const auto scopeKey = std::make_pair(stored.scopeIndex, stored.scopeSchemaUrl);
        auto scopeIt = std::find_if(scopes.begin(), scopes.end(),
                                    [&](const auto &entry) { return entry.first == scopeKey; });
        std::size_t scopePosition = 0;
        if (scopeIt == scopes.end()) {
            ScopeSpans scopeSpans;
            const auto index = static_cast<std::size_t>(stored.scopeIndex);
            if (index < trace.scopes.size())
                scopeSpans.scope = trace.scopes[index];
            scopeSpans.schemaUrl = stored.scopeSchemaUrl;
            scopePosition = resourceSpans.scopeSpans.size();
            resourceSpans.scopeSpans.push_back(std::move(scopeSpans));
            scopes.emplace_back(scopeKey, scopePosition);
        } else {
            scopePosition = scopeIt->second;
        }
        resourceSpans.scopeSpans[scopePosition].spans.push_back(stored.span);
    }
    return result;
}

std::vector<ResourceLogs> ExportBatchBuilder::fromLogs(const std::vector<StoredLog> &logs)
{
    std::vector<ResourceLogs> result;
    for (const StoredLog &log : logs) {
        auto resourceIt = std::find_if(result.begin(), result.end(), [&](const ResourceLogs &r) {
            return r.schemaUrl == log.resourceSchemaUrl && r.resource == log.resource;
        });
        if (resourceIt == result.end()) {
            ResourceLogs resourceLogs;
            resourceLogs.resource = log.resource;
            resourceLogs.schemaUrl = log.resourceSchemaUrl;
            result.push_back(std::move(resourceLogs));
            resourceIt = std::prev(result.end());
        }
        auto &scopes = resourceIt->scopeLogs;
        auto scopeIt = std::find_if(scopes.begin(), scopes.end(), [&](const ScopeLogs &s) {
            return s.schemaUrl == log.scopeSchemaUrl && s.scope == log.scope;
        });
        if (scopeIt == scopes.end()) {
            ScopeLogs scopeLogs;
            scopeLogs.scope = log.scope;
            scopeLogs.schemaUrl = log.scopeSchemaUrl;
            scopes.push_back(std::move(scopeLogs));
            scopeIt = std::prev(scopes.end());
        }
        scopeIt->logRecords.push_back(log.record);
    }
    return result;
}

std::vector<ResourceMetrics> ExportBatchBuilder::fromMetricStream(const MetricStream &stream,
                                                                  Metric metric)
{
    ScopeMetrics scopeMetrics;
    scopeMetrics.scope = stream.scope;
    scopeMetrics.schemaUrl = stream.scopeSchemaUrl;
    scopeMetrics.metrics.push_back(std::move(metric));
    ResourceMetrics resourceMetrics;
    resourceMetrics.resource = stream.resource;
    resourceMetrics.schemaUrl = stream.resourceSchemaUrl;
    resourceMetrics.scopeMetrics.push_back(std::move(scopeMetrics));
    return {std::move(resourceMetrics)};
}

} // namespace kansoku
