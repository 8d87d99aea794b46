// Renders the Traces pane over an hour of synthetic traffic (several services and operations, a
// slow-query outlier cluster, an error burst) to a PNG, to look at it as a user would:
//   QT_QPA_PLATFORM=offscreen kansoku_traces_pane_screenshot out.png [width height [--errors-only]]
#include "telemetry_store.h"
#include "trace_inspector.h"
#include "traces_pane.h"
#include "view/workbench_state.h"

#include <QApplication>
#include <QCheckBox>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>
#include <cstring>
#include <map>
#include <random>

using namespace kansoku;

namespace {

constexpr std::int64_t msNs = 1000000;
constexpr std::int64_t baseNs = 1760000000000000000;
constexpr int traceCount = 3200;

struct Operation
{
    const char *name;
    double medianMs;
    std::vector<std::pair<const char *, const char *>> calls; // service, span name
};

const std::vector<Operation> operations = {
    {"GET /products", 45, {{"catalog", "ListProducts"}, {"postgres", "SELECT products"}}},
    {"GET /cart", 25, {{"cart", "GetCart"}, {"redis", "HGETALL cart"}}},
    {"POST /checkout",
     180,
     {{"checkout", "PlaceOrder"},
      {"cart", "GetCart"},
      {"payments", "Charge"},
      {"postgres", "INSERT orders"}}},
    {"GET /search", 70, {{"search", "Query"}, {"postgres", "SELECT products"}}},
    {"POST /login", 60, {{"auth", "VerifyPassword"}, {"postgres", "SELECT users"}}},
};

TraceId makeTraceId(std::mt19937_64 &random)
{
    TraceId id;
    for (auto &byte : id.bytes)
        byte = static_cast<std::uint8_t>(random());
    return id;
}

SpanId makeSpanId(std::mt19937_64 &random)
{
    SpanId id;
    for (auto &byte : id.bytes)
        byte = static_cast<std::uint8_t>(random());
    id.bytes[0] |= 1; // never zero
    return id;
}

Resource serviceResource(const std::string &service)
{
    Resource resource;
    resource.attributes.push_back({"service.name", AnyValue::fromString(service)});
    return resource;
}

// Returns the trace to open: the slowest of the outlier cluster.
TraceId writeTraffic(TelemetryStore &store)
{
    std::mt19937_64 random(7);
    std::lognormal_distribution<double> jitter(0.0, 0.45);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::map<std::string, std::vector<Span>> byService;
    TraceId slowest;
    double slowestMs = 0;
    for (int i = 0; i < traceCount; ++i) {
        const std::int64_t startNs
            = baseNs + static_cast<std::int64_t>(unit(random) * 3600e9); // within the hour
        const double minute = double(startNs - baseNs) / 60e9;
        const Operation &operation = operations[std::size_t(random() % operations.size())];
        double durationMs = operation.medianMs * jitter(random);
        // Minutes 38-43: the search index is rebuilt and product queries crawl.
        const bool slowQuery = operation.name == std::string("GET /search") && minute > 38
                               && minute < 43 && unit(random) < 0.85;
        if (slowQuery)
            durationMs = 1200 + 1800 * unit(random);
        // Minutes 18-21: the payment provider fails half of the charges.
        const bool paymentBurst = minute > 18 && minute < 21 && unit(random) < 0.5;
        const TraceId traceId = makeTraceId(random);
        if (slowQuery && durationMs > slowestMs) {
            slowestMs = durationMs;
            slowest = traceId;
        }
        const std::int64_t durationNs = static_cast<std::int64_t>(durationMs * double(msNs));

        Span root;
        root.traceId = traceId;
        root.spanId = makeSpanId(random);
        root.name = operation.name;
        root.kind = SpanKind::Server;
        root.startTimeNs = startNs;
        root.endTimeNs = startNs + durationNs;
        root.attributes = {{"http.route", AnyValue::fromString(std::strchr(operation.name, '/'))},
                           {"http.status_code", AnyValue::fromInt(200)}};
        std::int64_t cursor = startNs + durationNs / 20;
        const std::int64_t slice = durationNs * 8 / 10 / std::int64_t(operation.calls.size());
        bool failed = false;
        for (const auto &[service, name] : operation.calls) {
            Span child;
            child.traceId = traceId;
            child.spanId = makeSpanId(random);
            child.parentSpanId = root.spanId;
            child.name = name;
            child.kind = SpanKind::Client;
            child.startTimeNs = cursor;
            child.endTimeNs = cursor + slice;
            cursor += slice + durationNs / 40;
            if ((std::string(service) == "payments" && paymentBurst) || unit(random) < 0.006) {
                child.status.code = StatusCode::Error;
                child.status.message = "upstream returned 503";
                failed = true;
            }
            if (std::string(service) == "postgres")
                child.attributes = {{"db.system", AnyValue::fromString("postgresql")}};
            byService[service].push_back(std::move(child));
        }
        if (failed) {
            root.status.code = StatusCode::Error;
            root.attributes[1].value = AnyValue::fromInt(503);
        }
        byService["web-frontend"].push_back(std::move(root));
    }
    for (auto &[service, spans] : byService) {
        auto batch = std::make_shared<TelemetryBatch>();
        ResourceSpans resourceSpans;
        resourceSpans.resource = serviceResource(service);
        ScopeSpans scopeSpans;
        scopeSpans.scope.name = "screenshot";
        scopeSpans.spans = std::move(spans);
        resourceSpans.scopeSpans.push_back(std::move(scopeSpans));
        batch->resourceSpans.push_back(std::move(resourceSpans));
        store.offer(batch);
    }
    return slowest;
}

void waitFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s out.png [width height]\n", argv[0]);
        return 2;
    }
    const int width = argc >= 4 ? std::atoi(argv[2]) : 1280;
    const int height = argc >= 4 ? std::atoi(argv[3]) : 1000;

    QTemporaryDir dir;
    StorageOptions options;
    options.databasePath = dir.filePath(QStringLiteral("screenshot.kansoku"));
    TelemetryStore store(options);
    QString error;
    if (!store.open(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const TraceId slowest = writeTraffic(store);
    while (store.status().queuedItems > 0)
        waitFor(20);

    WorkbenchState state;
    state.setDataBounds(store.queries()->timeBounds());
    state.setFollowLive(false);
    state.setRangePreset(WorkbenchState::RangePreset::LastHour);
    TracesPane pane(&state, store.queries());
    pane.resize(width, height);
    pane.show();
    waitFor(500);
    state.selectSpan(slowest);
    // "--errors-only": the same with the Errors only filter on.
    if (argc >= 5 && std::strcmp(argv[4], "--errors-only") == 0)
        pane.findChild<QCheckBox *>(QStringLiteral("errorsOnlyFilter"))->setChecked(true);
    waitFor(1000);
    if (!pane.grab().save(QString::fromLocal8Bit(argv[1]))) {
        std::fprintf(stderr, "cannot write %s\n", argv[1]);
        return 1;
    }
    std::printf("wrote %s (%d traces on the chart)\n", argv[1], int(pane.scatterTraces().size()));
    return 0;
}
