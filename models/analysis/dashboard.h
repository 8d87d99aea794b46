// What a ready-made dashboard is: the metric names that make it apply, whose telemetry it groups
// (one per host, per service or one for the session) and its charts, each saying how its metrics
// are drawn. Plain values; the entries themselves are DashboardCatalog::all(). Any thread.
#pragma once

#include <QString>
#include <QStringList>
#include <vector>

namespace kansoku {

struct DashboardChart
{
    enum class Kind {
        Rate,       // counters: per second; histograms: observations per second
        Quantiles,  // histograms: the quantile lines of `quantiles`
        Value,      // gauges and up-down counters as sent (grouped: sums added, gauges averaged)
        ErrorShare, // histograms: the share (%) of observations in failed operations
    };

    QString title;
    // Drawn together, each one the scope holds (all of one type, e.g. the three load averages);
    // the chart is left out when the scope holds none of them.
    QStringList metrics;
    Kind kind = Kind::Value;
    // One line per value of this point or resource attribute; empty = one line per stream. The
    // scope's own key (host.name, service.name) merges every stream into one line.
    QString groupBy;
    std::vector<double> quantiles{0.5, 0.95, 0.99}; // Kind::Quantiles
    bool ratioAsPercent = false; // values of unit "1" between 0 and 1 are shown as %
    int errorStatusFrom = 500;   // Kind::ErrorShare: HTTP status codes from this one failed
};

struct Dashboard
{
    // Whose telemetry one dashboard shows: one per host.name, per service.name, or the session.
    enum class Scope { Host, Service, Session };

    QString id; // stable, lower-case: "host", "http-server"
    QString title;
    QString description;
    // Metric names that make it apply; a name ending in '.' or '*' is a prefix ("system.cpu.").
    QStringList appliesTo;
    Scope scope = Scope::Service;
    std::vector<DashboardChart> charts;
};

} // namespace kansoku
