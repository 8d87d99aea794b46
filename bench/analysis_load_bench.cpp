// Loading a session for the findings detectors: fills a session file with realistic request traces
// (a server root, database client spans with the semantic-convention attributes the detectors read,
// HTTP client spans, a few exceptions) straight into a TelemetryStore, then times
// TelemetryQueries::forEachAnalysisTrace over all of it, and over the last tenth of its time.
// Prints every run's wall and CPU ms, their medians and ranges, and spans/s. Flags: --help.
#include "telemetry_store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <random>
#include <time.h>

using namespace kansoku;

namespace {

constexpr std::int64_t baseNs = 1'760'000'000'000'000'000;
constexpr std::int64_t msNs = 1'000'000;

struct Service
{
    const char *name;
    const char *version;
};
const Service services[]
    = {{"orders", "1.4.2"}, {"orders", "1.5.0"}, {"checkout", "2.0.1"}, {"catalog", "0.9.3"}};
const char *const routes[] = {"/orders/{id}", "/orders", "/cart/{id}", "/products/{sku}"};
const char *const statements[] = {
    "SELECT id, sku, quantity, price FROM order_items WHERE order_id = $1",
    "SELECT * FROM products WHERE sku = $1",
    "UPDATE inventory SET reserved = reserved + $1 WHERE sku = $2",
    "INSERT INTO audit_log(order_id, action, at) VALUES ($1, $2, now())",
    "SELECT name, email FROM customers WHERE id = $1",
};
const char *const downstreams[] = {"payments", "shipping", "pricing"};

AnyValue text(std::string value)
{
    return AnyValue::fromString(std::move(value));
}

Resource resourceOf(const Service &service)
{
    Resource resource;
    resource.attributes = {{"service.name", text(service.name)},
                           {"service.version", text(service.version)},
                           {"service.instance.id", text(std::string(service.name) + "-7f9c")},
                           {"host.name", text("node-3")},
                           {"telemetry.sdk.name", text("opentelemetry")},
                           {"telemetry.sdk.language", text("java")},
                           {"telemetry.sdk.version", text("1.40.0")}};
    return resource;
}

class TraceFactory
{
public:
    explicit TraceFactory(int spansPerTrace)
        : m_spansPerTrace(std::max(1, spansPerTrace))
    {}

    // One request: a server root, then database and HTTP client spans one after another.
    std::vector<Span> makeTrace(std::int64_t number)
    {
        TraceId traceId;
        for (std::uint8_t &byte : traceId.bytes)
            byte = static_cast<std::uint8_t>(m_random());
        const std::int64_t startNs = baseNs + number * 50 * msNs;
        const char *route = routes[number % 4];
        std::vector<Span> spans;
        Span root = makeSpan(traceId, SpanId{}, "GET " + std::string(route), SpanKind::Server,
                             startNs, startNs + (m_spansPerTrace + 2) * msNs);
        root.attributes = {{"http.request.method", text("GET")},
                           {"http.route", text(route)},
                           {"url.path", text("/orders/" + std::to_string(number))},
                           {"url.scheme", text("https")},
                           {"server.address", text("shop.example.com")},
                           {"client.address", text("10.0.3.17")},
                           {"user_agent.original", text("Mozilla/5.0 (X11; Linux x86_64)")},
                           {"network.protocol.version", text("1.1")},
                           {"http.response.status_code", AnyValue::fromInt(200)}};
        spans.push_back(std::move(root));
        for (int i = 1; i < m_spansPerTrace; ++i) {
            const std::int64_t childStart = startNs + i * msNs;
            const SpanId parent = spans.front().spanId;
            if (i % 5 == 4) {
                const char *downstream = downstreams[i % 3];
                Span call = makeSpan(traceId, parent, "GET", SpanKind::Client, childStart,
                                     childStart + msNs / 2);
                call.attributes
                    = {{"http.request.method", text("GET")},
                       {"url.full", text("http://" + std::string(downstream) + ":8080/api/v1/"
                                         + std::to_string(m_random() % 10000))},
                       {"url.template", text("/api/v1/{id}")},
                       {"server.address", text(downstream)},
                       {"server.port", AnyValue::fromInt(8080)},
                       {"network.protocol.version", text("1.1")},
                       {"http.response.status_code", AnyValue::fromInt(200)}};
                if (m_random() % 100 == 0) {
                    call.status = {StatusCode::Error, "upstream 503"};
                    call.attributes.back().value = AnyValue::fromInt(503);
                    call.events.push_back(
                        {childStart + msNs / 4,
                         "exception",
                         {{"exception.type", text("java.net.SocketTimeoutException")},
                          {"exception.message", text("Read timed out")},
                          {"exception.stacktrace", text(stackTrace())}},
                         0});
                }
                spans.push_back(std::move(call));
                continue;
            }
            const char *statement = statements[(number + i) % 5];
            Span query = makeSpan(traceId, parent, "SELECT shop", SpanKind::Client, childStart,
                                  childStart + msNs / 2 + std::int64_t(m_random() % 400'000));
            query.attributes = {{"db.system.name", text("postgresql")},
                                {"db.namespace", text("shop")},
                                {"db.operation.name", text("SELECT")},
                                {"db.collection.name", text("order_items")},
                                {"db.query.text", text(statement)},
                                {"db.query.parameter.0", text(std::to_string(m_random() % 1000))},
                                {"server.address", text("db-primary")},
                                {"server.port", AnyValue::fromInt(5432)},
                                {"thread.id", AnyValue::fromInt(41)},
                                {"thread.name", text("http-nio-8080-exec-7")},
                                {"code.function", text("findItems")},
                                {"code.namespace", text("com.example.orders.OrderRepository")}};
            spans.push_back(std::move(query));
        }
        return spans;
    }

private:
    Span makeSpan(const TraceId &traceId, const SpanId &parent, std::string name, SpanKind kind,
                  std::int64_t startNs, std::int64_t endNs)
    {
        Span span;
        span.traceId = traceId;
        // Random, as SDKs make them: a trace's spans come out of the index in no time order.
        const std::uint64_t id = m_random() | 1;
        for (int i = 0; i < 8; ++i)
            span.spanId.bytes[i] = static_cast<std::uint8_t>(id >> (8 * i));
        span.parentSpanId = parent;
        span.name = std::move(name);
        span.kind = kind;
        span.startTimeNs = startNs;
        span.endTimeNs = endNs;
        return span;
    }

    static std::string stackTrace()
    {
        std::string trace = "java.net.SocketTimeoutException: Read timed out\n";
        for (int i = 0; i < 30; ++i)
            trace += "\tat com.example.payments.Client.call(Client.java:" + std::to_string(100 + i)
                     + ")\n";
        return trace;
    }

    const int m_spansPerTrace;
    std::mt19937_64 m_random{42};
};

bool fill(TelemetryStore &store, std::int64_t spanTarget, int spansPerTrace)
{
    TraceFactory factory(spansPerTrace);
    std::vector<Resource> resources;
    for (const Service &service : services)
        resources.push_back(resourceOf(service));
    InstrumentationScope scope;
    scope.name = "io.opentelemetry.jdbc";
    scope.version = "2.6.0";
    QElapsedTimer timer;
    timer.start();
    std::int64_t offered = 0;
    std::int64_t traceNumber = 0;
    while (offered < spanTarget) {
        // About 1,000 spans a batch, each trace under its service's resource.
        auto batch = std::make_shared<TelemetryBatch>();
        for (const Resource &resource : resources)
            batch->resourceSpans.push_back({resource, "", {ScopeSpans{scope, "", {}}}});
        std::int64_t inBatch = 0;
        while (inBatch < 1000 && offered + inBatch < spanTarget) {
            std::vector<Span> spans = factory.makeTrace(traceNumber);
            std::vector<Span> &target
                = batch->resourceSpans[std::size_t(traceNumber % 4)].scopeSpans.front().spans;
            inBatch += std::int64_t(spans.size());
            std::move(spans.begin(), spans.end(), std::back_inserter(target));
            ++traceNumber;
        }
        while (store.offer(batch) == OfferResult::QueueFull)
            QThread::msleep(5);
        offered += inBatch;
    }
    while (store.status().totals.spans < offered) {
        if (!store.status().lastError.empty())
            return false;
        QThread::msleep(20);
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("filled %lld spans in %lld traces in %.1f s (%.0f spans/s)\n",
                static_cast<long long>(offered), static_cast<long long>(traceNumber), seconds,
                double(offered) / seconds);
    return true;
}

double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

struct LoadResult
{
    double ms = 0;
    double cpuMs = 0; // of this thread, which runs the whole query: the figure on a busy machine
    std::int64_t traces = 0;
    std::int64_t spans = 0;
    std::int64_t attributes = 0;
    std::int64_t exceptions = 0;
};

LoadResult load(const TelemetryQueries &queries, const TimeRange &range)
{
    LoadResult result;
    QElapsedTimer timer;
    timer.start();
    const double cpuStartMs = threadCpuMs();
    queries.forEachAnalysisTrace(range, [&](const AnalysisTrace &trace) {
        ++result.traces;
        result.spans += std::int64_t(trace.spans.size());
        for (const AnalysisSpan &span : trace.spans) {
            result.attributes += std::int64_t(span.attributes.size());
            result.exceptions += span.exceptionType.empty() ? 0 : 1;
        }
        return true;
    });
    result.ms = double(timer.nsecsElapsed()) / 1e6;
    result.cpuMs = threadCpuMs() - cpuStartMs;
    return result;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

void measure(const char *label, const TelemetryQueries &queries, const TimeRange &range, int runs)
{
    std::vector<double> times;
    std::vector<double> cpuTimes;
    LoadResult last;
    std::printf("%s, ms per run (CPU ms):", label);
    for (int run = 0; run < runs; ++run) {
        last = load(queries, range);
        times.push_back(last.ms);
        cpuTimes.push_back(last.cpuMs);
        std::printf(" %.0f (%.0f)", last.ms, last.cpuMs);
        std::fflush(stdout);
    }
    const double medianMs = median(times);
    std::printf("\n  %lld traces, %lld spans, %lld attributes kept, %lld exception types\n"
                "  median %.0f ms (range %.0f-%.0f), %.0f spans/s; CPU median %.0f ms (range "
                "%.0f-%.0f), %.0f spans per CPU second\n",
                static_cast<long long>(last.traces), static_cast<long long>(last.spans),
                static_cast<long long>(last.attributes), static_cast<long long>(last.exceptions),
                medianMs, *std::min_element(times.begin(), times.end()),
                *std::max_element(times.begin(), times.end()),
                double(last.spans) / (medianMs / 1000.0), median(cpuTimes),
                *std::min_element(cpuTimes.begin(), cpuTimes.end()),
                *std::max_element(cpuTimes.begin(), cpuTimes.end()),
                double(last.spans) / (median(cpuTimes) / 1000.0));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Kansoku benchmark: loading a session for the findings detectors"));
    parser.addHelpOption();
    const QCommandLineOption spansOption(QStringLiteral("spans"),
                                         QStringLiteral("Spans in the session."),
                                         QStringLiteral("count"), QStringLiteral("1000000"));
    const QCommandLineOption perTraceOption(QStringLiteral("spans-per-trace"),
                                            QStringLiteral("Spans per trace."),
                                            QStringLiteral("count"), QStringLiteral("50"));
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("Timed loads of each kind."),
                                        QStringLiteral("count"), QStringLiteral("5"));
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("Session file (default: a temporary one); filled only when empty."),
        QStringLiteral("path"));
    parser.addOptions({spansOption, perTraceOption, runsOption, dbOption});
    parser.process(app);

    QTemporaryDir temporaryDir;
    StorageOptions options;
    options.databasePath = parser.isSet(dbOption)
                               ? parser.value(dbOption)
                               : temporaryDir.filePath(QStringLiteral("analysis.kansoku"));
    TelemetryStore store(options);
    QString error;
    if (!store.open(&error)) {
        std::fprintf(stderr, "cannot open the store: %s\n", qPrintable(error));
        return 2;
    }
    if (store.status().totals.spans == 0
        && !fill(store, parser.value(spansOption).toLongLong(),
                 parser.value(perTraceOption).toInt())) {
        std::fprintf(stderr, "the store failed while filling\n");
        return 2;
    }
    const std::shared_ptr<const TelemetryQueries> queries = store.queries();
    const TelemetryTotals totals = queries->totals();
    std::printf("session: %lld spans, %lld traces, file %.0f MiB\n",
                static_cast<long long>(totals.spans), static_cast<long long>(totals.traces),
                double(QFileInfo(options.databasePath).size()) / (1024.0 * 1024.0));
    const int runs = std::max(1, parser.value(runsOption).toInt());
    measure("forEachAnalysisTrace, whole session", *queries, {}, runs);
    if (const std::optional<TimeRange> bounds = queries->timeBounds()) {
        const TimeRange lastTenth{bounds->endNs - (bounds->endNs - bounds->startNs) / 10,
                                  bounds->endNs};
        measure("forEachAnalysisTrace, last tenth of the time range", *queries, lastTenth, runs);
    }
    store.close();
    return 0;
}
