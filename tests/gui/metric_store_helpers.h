// Helpers of the GUI tests that chart metrics from a real store: a store on a file that commits
// within 10 ms, offering batches, and the Metrics pane's key of a metric. Header-only; GUI thread.
#pragma once

#include "support/storage_test_data.h"
#include "telemetry_store.h"
#include "view/metric_browser_model.h"

#include <memory>

namespace kansoku::test {

inline std::unique_ptr<TelemetryStore> openMetricStore(const QString &path)
{
    StorageOptions options;
    options.databasePath = path;
    options.commitMaxLatencyMs = 10;
    auto store = std::make_unique<TelemetryStore>(options);
    QString error;
    if (!store->open(&error))
        qFatal("%s", qPrintable(error));
    return store;
}

// False when the store refused a batch.
inline bool offerAll(TelemetryStore &store, const std::vector<TelemetryBatchPtr> &batches)
{
    for (const TelemetryBatchPtr &batch : batches) {
        if (testdata::offerPatiently(store, batch) != OfferResult::Accepted)
            return false;
    }
    return true;
}

// MetricEntry::key() of a service's metric.
inline QString metricKeyOf(const char *service, const char *name, MetricType type)
{
    MetricEntry entry;
    entry.service = QString::fromLatin1(service);
    entry.name = name;
    entry.type = type;
    return entry.key();
}

} // namespace kansoku::test
