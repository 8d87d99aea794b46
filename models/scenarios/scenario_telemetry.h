// Collects a scenario's spans, logs and metrics under their service identity and instrumentation
// scope, and hands them out as one TelemetryBatch in the OTLP resource -> scope -> item shape
// (one resource per identity, one scope per instrumentation library), as an SDK's batch exporter
// would send them. Not thread-safe.
#pragma once

#include "core/telemetry_batch.h"
#include "scenarios/service_identity.h"

#include <string>
#include <vector>

namespace kansoku {

class ScenarioTelemetry
{
public:
    void addSpan(const ServiceIdentity &service, const std::string &scope, Span span);
    void addLog(const ServiceIdentity &service, const std::string &scope, LogRecord log);
    void addMetric(const ServiceIdentity &service, const std::string &scope, Metric metric);

    bool isEmpty() const { return m_batch.isEmpty(); }
    // Everything collected so far; the collector is empty afterwards.
    TelemetryBatch takeBatch();

private:
    template<typename Resources>
    auto &resourceFor(Resources &resources, std::vector<std::string> &keys,
                      const ServiceIdentity &service);

    TelemetryBatch m_batch;
    // The identity key of each resource, parallel to the batch's resource vectors.
    std::vector<std::string> m_spanKeys;
    std::vector<std::string> m_metricKeys;
    std::vector<std::string> m_logKeys;
};

} // namespace kansoku
