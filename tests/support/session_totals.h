// What a session file holds (TelemetryTotals), read through a read-only store: for tests that
// compare sessions written by running Kansoku instances. Header-only; the test links
// kansoku_storage. Test thread.
#pragma once

#include "telemetry_store.h"

#include <QString>

namespace kansoku::test {

inline TelemetryTotals sessionTotals(const QString &path)
{
    StorageOptions options;
    options.databasePath = path;
    options.readOnly = true;
    TelemetryStore store(options);
    QString error;
    if (!store.open(&error))
        qFatal("cannot read %s: %s", qPrintable(path), qPrintable(error));
    return store.queries()->totals();
}

} // namespace kansoku::test
