// The bounds a session file is kept within: a size cap on its live data and an age limit, stored in
// the session itself (TelemetryStore) and enforced by its writer thread. Plain value, any thread.
#pragma once

#include <QMetaType>
#include <QString>
#include <cstdint>
#include <optional>

namespace kansoku {

struct SessionLimits
{
    std::int64_t maxBytes = 0; // live data (pages in use) at most this; 0: no size cap
    std::int64_t retainNs = 0; // keep this much time before the newest telemetry; 0: no age limit

    bool hasSizeCap() const { return maxBytes > 0; }
    bool hasAgeLimit() const { return retainNs > 0; }
    bool operator==(const SessionLimits &) const = default;

    // What a new session gets unless told otherwise: 2 GiB and 7 days.
    static SessionLimits defaults();

    // "90m", "12h", "7d", "2w", "45s" to nanoseconds; "0" and "off" are 0 (no age limit);
    // nullopt for anything else (no unit, a negative or fractional number, an overflow).
    static std::optional<std::int64_t> parseRetention(const QString &text);
    // The shortest parseRetention() text of ns in days at most ("7d", "14d", "36h", "90m");
    // "off" for 0.
    static QString retentionText(std::int64_t retainNs);
    // "2 GiB", "512 MiB"; "no cap" for 0.
    static QString sizeText(std::int64_t maxBytes);
};

// What the writer's retention has removed since the store was opened.
struct PruneTotals
{
    std::int64_t traces = 0;
    std::int64_t spans = 0;
    std::int64_t logRecords = 0;
    std::int64_t dataPoints = 0;
    std::int64_t lastPruneUnixMs = 0; // the last step that removed something; 0: none yet
    bool operator==(const PruneTotals &) const = default;
};

} // namespace kansoku

Q_DECLARE_METATYPE(kansoku::SessionLimits)
