#include "core/telemetry_batch.h"

namespace kansoku {

std::size_t TelemetryBatch::spanCount() const
{
    std::size_t count = 0;
    for (const ResourceSpans &resource : resourceSpans) {
        for (const ScopeSpans &scope : resource.scopeSpans)
            count += scope.spans.size();
    }
    return count;
}

std::size_t TelemetryBatch::dataPointCount() const
{
    std::size_t count = 0;
    for (const ResourceMetrics &resource : resourceMetrics) {
        for (const ScopeMetrics &scope : resource.scopeMetrics) {
            for (const Metric &metric : scope.metrics)
                count += metric.pointCount();
        }
    }
    return count;
}

std::size_t TelemetryBatch::logRecordCount() const
{
    std::size_t count = 0;
    for (const ResourceLogs &resource : resourceLogs) {
        for (const ScopeLogs &scope : resource.scopeLogs)
            count += scope.logRecords.size();
    }
    return count;
}

} // namespace kansoku
