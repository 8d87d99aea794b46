#include "analysis/dashboard_catalog.h"

#include <QSet>
#include <algorithm>
#include <map>
#include <set>

namespace kansoku {

namespace {

using Kind = DashboardChart::Kind;
using Scope = Dashboard::Scope;

QStringList names(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *name : list)
        result.append(QString::fromUtf8(name));
    return result;
}

DashboardChart chart(const char *title, std::initializer_list<const char *> metrics, Kind kind,
                     const char *groupBy = "")
{
    DashboardChart result;
    result.title = QString::fromUtf8(title);
    result.metrics = names(metrics);
    result.kind = kind;
    result.groupBy = QString::fromUtf8(groupBy);
    return result;
}

DashboardChart percent(DashboardChart chart)
{
    chart.ratioAsPercent = true;
    return chart;
}

DashboardChart onlyQuantiles(DashboardChart chart, std::vector<double> quantiles)
{
    chart.quantiles = std::move(quantiles);
    return chart;
}

DashboardChart errorsFrom(DashboardChart chart, int status)
{
    chart.errorStatusFrom = status;
    return chart;
}

Dashboard dashboard(const char *id, const char *title, const char *description,
                    std::initializer_list<const char *> appliesTo, Scope scope,
                    std::vector<DashboardChart> charts)
{
    return {QString::fromUtf8(id),
            QString::fromUtf8(title),
            QString::fromUtf8(description),
            names(appliesTo),
            scope,
            std::move(charts)};
}

std::vector<Dashboard> catalog()
{
    // The names are the OpenTelemetry semantic conventions' (and the Collector's receivers');
    // where a runtime's instrumentation renamed its metrics, both names have a chart, and only
    // the ones a session holds are drawn.
    return {
        dashboard(
            "host", "Host",
            "The Collector's hostmetrics receiver: CPU, memory, disks, network and file "
            "systems of one host.",
            {"system.cpu.", "system.memory.", "system.disk.", "system.network.",
             "system.filesystem.", "system.paging."},
            Scope::Host,
            {percent(chart("CPU utilisation by state", {"system.cpu.utilization"}, Kind::Value,
                           "state")),
             chart("CPU time by state", {"system.cpu.time"}, Kind::Rate, "state"),
             chart("Load average",
                   {"system.cpu.load_average.1m", "system.cpu.load_average.5m",
                    "system.cpu.load_average.15m"},
                   Kind::Value),
             chart("Memory by state", {"system.memory.usage"}, Kind::Value, "state"),
             percent(chart("Memory utilisation by state", {"system.memory.utilization"},
                           Kind::Value, "state")),
             chart("Paging", {"system.paging.operations"}, Kind::Rate, "direction"),
             chart("Disk throughput", {"system.disk.io"}, Kind::Rate, "direction"),
             chart("Disk operations", {"system.disk.operations"}, Kind::Rate, "direction"),
             chart("Network throughput", {"system.network.io"}, Kind::Rate, "direction"),
             chart("Network packets", {"system.network.packets"}, Kind::Rate, "direction"),
             chart("Network errors", {"system.network.errors"}, Kind::Rate, "direction"),
             chart("Connections by state", {"system.network.connections"}, Kind::Value, "state"),
             percent(chart("File system utilisation", {"system.filesystem.utilization"},
                           Kind::Value, "mountpoint")),
             chart("File system usage by state", {"system.filesystem.usage"}, Kind::Value,
                   "state")}),
        dashboard(
            "http-server", "HTTP server",
            "Requests a service answered: rate, latency quantiles and the share of "
            "server errors (5xx), by route and status.",
            {"http.server.request.duration", "http.server.active_requests", "http.server.duration"},
            Scope::Service,
            {chart("Requests by route", {"http.server.request.duration"}, Kind::Rate, "http.route"),
             chart("Latency", {"http.server.request.duration"}, Kind::Quantiles, "service.name"),
             onlyQuantiles(chart("p95 latency by route", {"http.server.request.duration"},
                                 Kind::Quantiles, "http.route"),
                           {0.95}),
             chart("Error share by route", {"http.server.request.duration"}, Kind::ErrorShare,
                   "http.route"),
             chart("Requests by status", {"http.server.request.duration"}, Kind::Rate,
                   "http.response.status_code"),
             chart("Requests in flight", {"http.server.active_requests"}, Kind::Value,
                   "service.name"),
             // Before the HTTP conventions were stable (and in older Node, Java, .NET
             // instrumentations by default): milliseconds, http.status_code.
             chart("Requests by route (older names)", {"http.server.duration"}, Kind::Rate,
                   "http.route"),
             chart("Latency (older names)", {"http.server.duration"}, Kind::Quantiles,
                   "service.name"),
             onlyQuantiles(chart("p95 latency by route (older names)", {"http.server.duration"},
                                 Kind::Quantiles, "http.route"),
                           {0.95}),
             chart("Error share by route (older names)", {"http.server.duration"}, Kind::ErrorShare,
                   "http.route"),
             chart("Requests by status (older names)", {"http.server.duration"}, Kind::Rate,
                   "http.status_code")}),
        dashboard(
            "http-client", "HTTP client",
            "Requests a service made: rate, latency quantiles and the share of failed "
            "requests (4xx and 5xx), by server and status.",
            {"http.client.request.duration", "http.client.duration"}, Scope::Service,
            {chart("Requests by server", {"http.client.request.duration"}, Kind::Rate,
                   "server.address"),
             chart("Latency", {"http.client.request.duration"}, Kind::Quantiles, "service.name"),
             onlyQuantiles(chart("p95 latency by server", {"http.client.request.duration"},
                                 Kind::Quantiles, "server.address"),
                           {0.95}),
             errorsFrom(chart("Error share by server", {"http.client.request.duration"},
                              Kind::ErrorShare, "server.address"),
                        400),
             chart("Requests by status", {"http.client.request.duration"}, Kind::Rate,
                   "http.response.status_code"),
             chart("Requests by server (older names)", {"http.client.duration"}, Kind::Rate,
                   "net.peer.name"),
             chart("Latency (older names)", {"http.client.duration"}, Kind::Quantiles,
                   "service.name"),
             onlyQuantiles(chart("p95 latency by server (older names)", {"http.client.duration"},
                                 Kind::Quantiles, "net.peer.name"),
                           {0.95}),
             errorsFrom(chart("Error share by server (older names)", {"http.client.duration"},
                              Kind::ErrorShare, "net.peer.name"),
                        400),
             chart("Requests by status (older names)", {"http.client.duration"}, Kind::Rate,
                   "http.status_code")}),
        dashboard(
            "db-client", "Database client",
            "A service's database calls: latency by operation, connection pool usage and "
            "requests waiting for a connection.",
            {"db.client.operation.duration", "db.client.connection.", "db.client.connections."},
            Scope::Service,
            {chart("Operations by operation", {"db.client.operation.duration"}, Kind::Rate,
                   "db.operation.name"),
             chart("Latency", {"db.client.operation.duration"}, Kind::Quantiles, "service.name"),
             onlyQuantiles(chart("p95 latency by operation", {"db.client.operation.duration"},
                                 Kind::Quantiles, "db.operation.name"),
                           {0.95}),
             chart("Pool connections by state", {"db.client.connection.count"}, Kind::Value,
                   "db.client.connection.state"),
             chart("Pool limits",
                   {"db.client.connection.max", "db.client.connection.idle.max",
                    "db.client.connection.idle.min"},
                   Kind::Value),
             chart("Requests waiting for a connection", {"db.client.connection.pending_requests"},
                   Kind::Value, "db.client.connection.pool.name"),
             chart("Wait for a connection", {"db.client.connection.wait_time"}, Kind::Quantiles,
                   "service.name"),
             chart("Pool connections by state (older names)", {"db.client.connections.usage"},
                   Kind::Value, "state"),
             chart("Requests waiting for a connection (older names)",
                   {"db.client.connections.pending_requests"}, Kind::Value, "pool.name")}),
        dashboard(
            "jvm", "JVM", "A Java service's memory, garbage collection, threads and CPU.",
            {"jvm.", "process.runtime.jvm."}, Scope::Service,
            {chart("Memory used by type", {"jvm.memory.used"}, Kind::Value, "jvm.memory.type"),
             chart("Memory used by pool", {"jvm.memory.used"}, Kind::Value, "jvm.memory.pool.name"),
             chart("Garbage collections by collector", {"jvm.gc.duration"}, Kind::Rate,
                   "jvm.gc.name"),
             chart("GC pause", {"jvm.gc.duration"}, Kind::Quantiles, "service.name"),
             chart("Threads by state", {"jvm.thread.count"}, Kind::Value, "jvm.thread.state"),
             percent(chart("CPU utilisation", {"jvm.cpu.recent_utilization"}, Kind::Value)),
             chart("Classes loaded", {"jvm.class.count"}, Kind::Value),
             chart("Memory used (older names)", {"process.runtime.jvm.memory.usage"}, Kind::Value,
                   "type"),
             chart("Threads (older names)", {"process.runtime.jvm.threads.count"}, Kind::Value),
             percent(chart("CPU utilisation (older names)", {"process.runtime.jvm.cpu.utilization"},
                           Kind::Value))}),
        dashboard(
            "go", "Go runtime", "A Go service's memory, goroutines and garbage collection.",
            {"go.", "process.runtime.go."}, Scope::Service,
            {chart("Memory used by type", {"go.memory.used"}, Kind::Value, "go.memory.type"),
             chart("Allocation rate", {"go.memory.allocated"}, Kind::Rate),
             chart("GC goal and limit", {"go.memory.gc.goal", "go.memory.limit"}, Kind::Value),
             chart("Goroutines", {"go.goroutine.count"}, Kind::Value),
             chart("Scheduling latency", {"go.schedule.duration"}, Kind::Quantiles, "service.name"),
             chart("Heap (older names)",
                   {"process.runtime.go.mem.heap_alloc", "process.runtime.go.mem.heap_inuse",
                    "process.runtime.go.mem.heap_idle"},
                   Kind::Value),
             chart("Goroutines (older names)", {"process.runtime.go.goroutines"}, Kind::Value),
             chart("Garbage collections (older names)", {"process.runtime.go.gc.count"},
                   Kind::Rate),
             chart("GC pause (older names)", {"process.runtime.go.gc.pause_ns"}, Kind::Quantiles,
                   "service.name")}),
        dashboard(
            "nodejs", "Node.js runtime",
            "A Node.js service's event loop, V8 heap and garbage collection.", {"nodejs.", "v8js."},
            Scope::Service,
            {chart("Event loop delay",
                   {"nodejs.eventloop.delay.p50", "nodejs.eventloop.delay.p90",
                    "nodejs.eventloop.delay.p99"},
                   Kind::Value),
             percent(
                 chart("Event loop utilisation", {"nodejs.eventloop.utilization"}, Kind::Value)),
             chart("V8 heap used by space", {"v8js.memory.heap.used"}, Kind::Value,
                   "v8js.heap.space.name"),
             chart("Garbage collections by type", {"v8js.gc.duration"}, Kind::Rate, "v8js.gc.type"),
             chart("GC pause", {"v8js.gc.duration"}, Kind::Quantiles, "service.name")}),
        dashboard("dotnet", ".NET runtime",
                  "A .NET service's CPU, memory, garbage collection, thread pool and exceptions.",
                  {"dotnet."}, Scope::Service,
                  {chart("CPU time", {"dotnet.process.cpu.time"}, Kind::Rate, "cpu.mode"),
                   chart("Working set", {"dotnet.process.memory.working_set"}, Kind::Value),
                   chart("Allocation rate", {"dotnet.gc.heap.total_allocated"}, Kind::Rate),
                   chart("Garbage collections by generation", {"dotnet.gc.collections"}, Kind::Rate,
                         "dotnet.gc.heap.generation"),
                   chart("Thread pool threads", {"dotnet.thread_pool.thread.count"}, Kind::Value),
                   chart("Thread pool queue", {"dotnet.thread_pool.queue.length"}, Kind::Value),
                   chart("Exceptions by type", {"dotnet.exceptions"}, Kind::Rate, "error.type")}),
        dashboard(
            "kubernetes", "Kubernetes",
            "Nodes, pods and containers as kubeletstats and the cluster receiver report "
            "them.",
            {"k8s.", "container."}, Scope::Session,
            {chart("Node CPU", {"k8s.node.cpu.usage"}, Kind::Value, "k8s.node.name"),
             chart("Node memory (working set)", {"k8s.node.memory.working_set"}, Kind::Value,
                   "k8s.node.name"),
             chart("Pod CPU", {"k8s.pod.cpu.usage"}, Kind::Value, "k8s.pod.name"),
             chart("Pod memory (working set)", {"k8s.pod.memory.working_set"}, Kind::Value,
                   "k8s.pod.name"),
             chart("Pod network", {"k8s.pod.network.io"}, Kind::Rate, "direction"),
             chart("Container CPU", {"container.cpu.usage"}, Kind::Value, "k8s.container.name"),
             chart("Container CPU time", {"container.cpu.time"}, Kind::Rate, "k8s.container.name"),
             chart("Container memory", {"container.memory.working_set"}, Kind::Value,
                   "k8s.container.name"),
             chart("Container restarts", {"k8s.container.restarts"}, Kind::Value,
                   "k8s.container.name"),
             chart("Pods by phase", {"k8s.pod.phase"}, Kind::Value, "k8s.pod.name"),
             chart("Deployments: available of desired",
                   {"k8s.deployment.available", "k8s.deployment.desired"}, Kind::Value)}),
    };
}

bool appliesTo(const Dashboard &dashboard, const std::string &name)
{
    return std::any_of(
        dashboard.appliesTo.cbegin(), dashboard.appliesTo.cend(),
        [&name](const QString &pattern) { return DashboardCatalog::matches(pattern, name); });
}

bool drawsMetric(const DashboardChart &chart, const std::string &name)
{
    return chart.metrics.contains(QString::fromStdString(name));
}

} // namespace

QString OfferedDashboard::title() const
{
    if (!dashboard)
        return {};
    return scopeValue.isEmpty() ? dashboard->title
                                : dashboard->title + QStringLiteral(" · ") + scopeValue;
}

QString OfferedDashboard::key() const
{
    return dashboard ? dashboard->id + QChar(0x1f) + scopeValue : QString();
}

const std::vector<Dashboard> &DashboardCatalog::all()
{
    static const std::vector<Dashboard> dashboards = catalog();
    return dashboards;
}

bool DashboardCatalog::matches(const QString &pattern, const std::string &name)
{
    const QString text = QString::fromStdString(name);
    if (pattern.endsWith(QLatin1Char('*')))
        return text.startsWith(pattern.chopped(1));
    if (pattern.endsWith(QLatin1Char('.')))
        return text.startsWith(pattern);
    return text == pattern;
}

QString DashboardCatalog::scopeKey(Dashboard::Scope scope)
{
    switch (scope) {
    case Scope::Host:
        return QStringLiteral("host.name");
    case Scope::Service:
        return QStringLiteral("service.name");
    case Scope::Session:
        break;
    }
    return {};
}

QString DashboardCatalog::scopeValueOf(Dashboard::Scope scope, const MetricStream &stream)
{
    switch (scope) {
    case Scope::Host: {
        const AnyValue *host = findAttribute(stream.resource.attributes, "host.name");
        return host ? QString::fromStdString(host->toDisplayString()) : QString();
    }
    case Scope::Service:
        return QString::fromStdString(stream.resource.serviceName());
    case Scope::Session:
        break;
    }
    return {};
}

std::vector<OfferedDashboard> DashboardCatalog::offered(const std::vector<MetricStream> &streams)
{
    std::vector<OfferedDashboard> result;
    for (const Dashboard &dashboard : all()) {
        // Per scope value: whether a metric applies, and the charts it can draw.
        std::map<QString, std::pair<bool, std::set<std::size_t>>> scopes;
        for (const MetricStream &stream : streams) {
            const bool applies = appliesTo(dashboard, stream.name);
            std::set<std::size_t> charts;
            for (std::size_t c = 0; c < dashboard.charts.size(); ++c) {
                if (drawsMetric(dashboard.charts[c], stream.name))
                    charts.insert(c);
            }
            if (!applies && charts.empty())
                continue;
            auto &[anyApplies, drawn] = scopes[scopeValueOf(dashboard.scope, stream)];
            anyApplies = anyApplies || applies;
            drawn.insert(charts.begin(), charts.end());
        }
        for (const auto &[value, facts] : scopes) {
            if (!facts.first || facts.second.empty())
                continue;
            result.push_back({&dashboard, value, {facts.second.begin(), facts.second.end()}});
        }
    }
    return result;
}

std::vector<MetricStream> DashboardCatalog::chartStreams(const OfferedDashboard &offered,
                                                         const DashboardChart &chart,
                                                         const std::vector<MetricStream> &streams)
{
    std::vector<MetricStream> result;
    if (!offered.dashboard)
        return result;
    for (const MetricStream &stream : streams) {
        if (!drawsMetric(chart, stream.name)
            || scopeValueOf(offered.dashboard->scope, stream) != offered.scopeValue)
            continue;
        // MetricSeriesBuilder draws streams of one type.
        if (!result.empty() && stream.type != result.front().type)
            continue;
        result.push_back(stream);
    }
    return result;
}

MetricChartOptions DashboardCatalog::chartOptions(const DashboardChart &chart,
                                                  MetricChartOptions base)
{
    MetricChartOptions options = std::move(base);
    options.groupByKey = chart.groupBy.toStdString();
    options.quantiles = chart.quantiles;
    options.errorStatusFrom = chart.errorStatusFrom;
    switch (chart.kind) {
    case Kind::Rate:
        options.sumMode = MetricChartOptions::SumMode::Rate;
        options.histogramMode = MetricChartOptions::HistogramMode::CountRate;
        break;
    case Kind::Quantiles:
        options.histogramMode = MetricChartOptions::HistogramMode::Quantiles;
        break;
    case Kind::Value:
        options.sumMode = MetricChartOptions::SumMode::Raw;
        break;
    case Kind::ErrorShare:
        options.histogramMode = MetricChartOptions::HistogramMode::ErrorShare;
        break;
    }
    return options;
}

MetricChart DashboardCatalog::build(const DashboardChart &chart,
                                    const std::vector<MetricStreamWithPoints> &data,
                                    const MetricChartOptions &base)
{
    MetricChart result = MetricSeriesBuilder::build(data, chartOptions(chart, base));
    const QString unit = result.valueUnit.trimmed();
    if (chart.ratioAsPercent && (unit.isEmpty() || unit == QLatin1String("1"))) {
        for (ChartSeries &series : result.series) {
            for (double &value : series.values)
                value *= 100;
        }
        for (ChartExemplar &exemplar : result.exemplars)
            exemplar.value *= 100;
        result.valueUnit = QStringLiteral("%");
    }
    return result;
}

QStringList DashboardCatalog::problems(const Dashboard &dashboard)
{
    QStringList problems;
    const QString name = dashboard.id.isEmpty() ? QStringLiteral("(no id)") : dashboard.id;
    if (dashboard.id.isEmpty() || dashboard.id != dashboard.id.toLower()
        || dashboard.id.contains(QLatin1Char(' ')))
        problems << name + QStringLiteral(": the id must be lower-case without spaces");
    if (dashboard.title.isEmpty() || dashboard.description.isEmpty())
        problems << name + QStringLiteral(": a title and a description are needed");
    if (dashboard.appliesTo.isEmpty())
        problems << name + QStringLiteral(": no metric makes it apply");
    if (dashboard.charts.empty())
        problems << name + QStringLiteral(": no charts");
    QSet<QString> titles;
    for (const DashboardChart &chart : dashboard.charts) {
        const QString where = name + QStringLiteral(" / ") + chart.title;
        if (chart.title.isEmpty() || titles.contains(chart.title))
            problems << where + QStringLiteral(": a chart needs a title of its own");
        titles.insert(chart.title);
        if (chart.metrics.isEmpty())
            problems << where + QStringLiteral(": no metrics");
        for (const QString &metric : chart.metrics) {
            if (metric.isEmpty() || metric.contains(QLatin1Char('*'))
                || metric.endsWith(QLatin1Char('.')))
                problems << where + QStringLiteral(": \"%1\" is not a metric name").arg(metric);
            else if (!appliesTo(dashboard, metric.toStdString()))
                problems << where
                                + QStringLiteral(": %1 does not match what makes the dashboard "
                                                 "apply")
                                      .arg(metric);
        }
        const bool ascending = std::is_sorted(chart.quantiles.begin(), chart.quantiles.end());
        const bool inRange = std::all_of(chart.quantiles.begin(), chart.quantiles.end(),
                                         [](double q) { return q > 0 && q < 1; });
        if (chart.kind == Kind::Quantiles && (chart.quantiles.empty() || !ascending || !inRange))
            problems << where + QStringLiteral(": quantiles must be ascending, between 0 and 1");
        if (chart.kind == Kind::ErrorShare
            && (chart.errorStatusFrom < 100 || chart.errorStatusFrom > 599))
            problems << where + QStringLiteral(": errorStatusFrom is not an HTTP status code");
    }
    return problems;
}

QStringList DashboardCatalog::triggers()
{
    QStringList lines;
    for (const Dashboard &dashboard : all()) {
        QStringList patterns;
        for (const QString &pattern : dashboard.appliesTo)
            patterns << (pattern.endsWith(QLatin1Char('.')) ? pattern + QLatin1Char('*') : pattern);
        lines << dashboard.title + QStringLiteral(": ") + patterns.join(QStringLiteral(", "));
    }
    return lines;
}

} // namespace kansoku
