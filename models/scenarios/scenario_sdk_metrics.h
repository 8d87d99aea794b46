// The metrics an instrumented service's SDK records beside its spans: http.server.request.duration
// for server spans and db.client.operation.duration for database calls, as cumulative explicit-
// bucket histograms in seconds with the semantic conventions' advisory buckets and attributes.
// Fed each request when it completes; exported at the scenario's metric interval. Not thread-safe.
#pragma once

#include "scenarios/scenario_telemetry.h"
#include "scenarios/scenario_trace_writer.h"

#include <map>
#include <string>
#include <tuple>

namespace kansoku {

class ScenarioSdkMetrics
{
public:
    explicit ScenarioSdkMetrics(std::int64_t startNs)
        : m_startNs(startNs)
    {}

    void observe(const GeneratedTrace &trace);
    // One histogram per (service, metric) with every attribute set seen so far, at timeNs.
    void exportTo(std::int64_t timeNs, ScenarioTelemetry &out) const;

private:
    struct Series
    {
        const ServiceIdentity *service = nullptr;
        Attributes attributes;
        std::vector<std::uint64_t> bucketCounts;
        std::uint64_t count = 0;
        double sum = 0;
        double min = 0;
        double max = 0;
    };
    using SeriesKey = std::tuple<std::string, std::string, std::string>; // service, metric, attrs

    void record(const ServiceIdentity &service, const char *metric, Attributes attributes,
                double seconds);

    std::int64_t m_startNs;
    std::map<SeriesKey, Series> m_series;
};

} // namespace kansoku
