#include "scenarios/scenario_telemetry.h"

#include <algorithm>

namespace kansoku {

namespace {

// The scope named `name` of a resource's scopes, appended when missing.
template<typename Scopes>
auto &scopeFor(Scopes &scopes, const std::string &name)
{
    const auto found = std::find_if(scopes.begin(), scopes.end(),
                                    [&](const auto &scope) { return scope.scope.name == name; });
    if (found != scopes.end())
        return *found;
    auto &scope = scopes.emplace_back();
    scope.scope.name = name;
    scope.scope.version = name.starts_with("io.opentelemetry") ? "2.10.0-alpha" : "0.57.0";
    return scope;
}

} // namespace

template<typename Resources>
auto &ScenarioTelemetry::resourceFor(Resources &resources, std::vector<std::string> &keys,
                                     const ServiceIdentity &service)
{
    const std::string key = service.key();
    const auto found = std::find(keys.begin(), keys.end(), key);
    if (found != keys.end())
        return resources[std::size_t(found - keys.begin())];
    keys.push_back(key);
    auto &resource = resources.emplace_back();
    resource.resource = service.resource();
    resource.schemaUrl = "https://opentelemetry.io/schemas/1.29.0";
    return resource;
}

void ScenarioTelemetry::addSpan(const ServiceIdentity &service, const std::string &scope, Span span)
{
    auto &resource = resourceFor(m_batch.resourceSpans, m_spanKeys, service);
    scopeFor(resource.scopeSpans, scope).spans.push_back(std::move(span));
}

void ScenarioTelemetry::addLog(const ServiceIdentity &service, const std::string &scope,
                               LogRecord log)
{
    auto &resource = resourceFor(m_batch.resourceLogs, m_logKeys, service);
    scopeFor(resource.scopeLogs, scope).logRecords.push_back(std::move(log));
}

void ScenarioTelemetry::addMetric(const ServiceIdentity &service, const std::string &scope,
                                  Metric metric)
{
    auto &resource = resourceFor(m_batch.resourceMetrics, m_metricKeys, service);
    scopeFor(resource.scopeMetrics, scope).metrics.push_back(std::move(metric));
}

TelemetryBatch ScenarioTelemetry::takeBatch()
{
    TelemetryBatch batch = std::move(m_batch);
    m_batch = {};
    m_spanKeys.clear();
    m_metricKeys.clear();
    m_logKeys.clear();
    return batch;
}

} // namespace kansoku
