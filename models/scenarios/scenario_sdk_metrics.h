// The metrics an instrumented service's SDK records beside its spans: http.server.request.duration
// for server spans and db.client.operation.duration for database calls, as cumulative explicit-
// bucket histograms in seconds with the semantic conventions' advisory buckets and attributes,
// and, as the SDKs' default reservoir does, one exemplar per bucket (its latest span since the
// previous export). Fed each request when it completes; exported at the scenario's metric
// interval. Not thread-safe.
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
    // One histogram per (service, metric) with every attribute set seen so far, at timeNs, with
    // the exemplars recorded since the previous export (then forgotten).
    void exportTo(std::int64_t timeNs, ScenarioTelemetry &out);

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
        std::map<std::size_t, Exemplar> exemplarsByBucket;
    };
    using SeriesKey = std::tuple<std::string, std::string, std::string>; // service, metric, attrs

    void record(const ServiceIdentity &service, const char *metric, Attributes attributes,
                const Span &span);

    std::int64_t m_startNs;
    std::map<SeriesKey, Series> m_series;
};

} // namespace kansoku
