// The ready-made dashboards (host, HTTP server and client, database client, runtimes, Kubernetes)
// and which of them a session's metric streams offer: one per host or service that holds their
// metrics, with the charts it can draw. Adding a dashboard is one entry in all() plus a test.
// Stateless; any thread.
#pragma once

#include "analysis/dashboard.h"
#include "analysis/metric_series_builder.h"
#include "core/telemetry_queries.h"

namespace kansoku {

// One dashboard the session offers, for one host or service.
struct OfferedDashboard
{
    const Dashboard *dashboard = nullptr; // into DashboardCatalog::all()
    QString scopeValue;                   // the host or service name; empty for Scope::Session
    std::vector<std::size_t> charts;      // indexes into dashboard->charts it can draw

    // "Host · node-1", "HTTP server · checkout", "Kubernetes".
    QString title() const;
    // Identifies it across reloads: id and scope value.
    QString key() const;
};

class DashboardCatalog
{
public:
    static const std::vector<Dashboard> &all();

    // The dashboards these streams offer, sorted by catalog order, then scope value. A
    // dashboard applies to a scope holding a metric that matches appliesTo and one of its charts.
    static std::vector<OfferedDashboard> offered(const std::vector<MetricStream> &streams);
    // The streams one chart of an offered dashboard draws: its metrics, in the dashboard's scope,
    // of the first such stream's type.
    static std::vector<MetricStream> chartStreams(const OfferedDashboard &offered,
                                                  const DashboardChart &chart,
                                                  const std::vector<MetricStream> &streams);
    // How MetricSeriesBuilder draws the chart: base (the fetch's range, window and resolution)
    // with the chart's kind, grouping and quantiles.
    static MetricChartOptions chartOptions(const DashboardChart &chart,
                                           MetricChartOptions base = {});
    // The chart's series from its streams' points: MetricSeriesBuilder with chartOptions(), then
    // ratios (unit "1") as percent when the chart asks for it.
    static MetricChart build(const DashboardChart &chart,
                             const std::vector<MetricStreamWithPoints> &data,
                             const MetricChartOptions &base);

    // Whether a metric name matches an appliesTo entry (exact, or a prefix ending in '.' or '*').
    static bool matches(const QString &pattern, const std::string &name);
    // The resource attribute a scope goes by: host.name, service.name; empty for the session.
    static QString scopeKey(Dashboard::Scope scope);
    // The value of that attribute for a stream (service.name as Resource::serviceName() gives it).
    static QString scopeValueOf(Dashboard::Scope scope, const MetricStream &stream);
    // What is wrong with an entry (empty when it is sound): for the catalog's test.
    static QStringList problems(const Dashboard &dashboard);
    // "Host: system.cpu.*, system.memory.*; HTTP server: http.server.request.duration; ..." for
    // the empty state, which says which metrics would make a dashboard appear.
    static QStringList triggers();
};

} // namespace kansoku
