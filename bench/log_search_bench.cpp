// Fills a store with realistic logs (written straight to a TelemetryStore, not over the network)
// and prints the median time of the queries the logs pane runs: the newest page, full-text pages
// (word, phrase, prefix), counts, and severity/service filters.
// Usage: kansoku_log_search_bench [log count, default 1000000] [repeats, default 7]
#include "analysis/log_search_parser.h"
#include "telemetry_store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>

using namespace kansoku;

namespace {

constexpr std::int64_t baseNs = 1'760'000'000'000'000'000;

const char *const messages[] = {
    "GET /api/cart 200 in %d ms",
    "connection refused by upstream payments:8443, retrying in %d ms",
    "slow query took %d ms: SELECT * FROM orders WHERE customer_id = $1 ORDER BY created_at",
    "cache miss for key product:%d",
    "payment failed: card declined (code %d)",
    "ユーザー 田中 がログインしました (session %d)",
    "user %d logged in from 10.0.3.17",
    "retry %d/5 for order after timeout",
    // One message of two lines (a stack trace); the parentheses say the concatenation is meant.
    ("java.lang.IllegalStateException: timeout waiting for lock %d\n\tat "
     "com.example.Inventory.reserve(Inventory.java:118)"),
    "scheduled job cleanup finished, removed %d rows",
};
const char *const services[] = {"checkout", "payments", "inventory", "frontend",
                                "search",   "shipping", "auth",      "recommendations"};

TelemetryBatchPtr makeBatch(std::mt19937 &random, std::int64_t firstNumber, int count,
                            const char *service)
{
    auto batch = std::make_shared<TelemetryBatch>();
    ResourceLogs resourceLogs;
    resourceLogs.resource.attributes = {{"service.name", AnyValue::fromString(service)},
                                        {"host.name", AnyValue::fromString("node-7")}};
    ScopeLogs scopeLogs;
    scopeLogs.scope.name = "bench.logger";
    static const int severities[] = {5, 9, 9, 9, 9, 9, 10, 13, 17, 21};
    for (int i = 0; i < count; ++i) {
        const std::int64_t n = firstNumber + i;
        LogRecord record;
        record.timeNs = baseNs + n * 1'000'000;
        record.observedTimeNs = record.timeNs + 1000;
        record.severityNumber = severities[random() % 10];
        char body[256];
        std::snprintf(body, sizeof body, messages[random() % 10],
                      static_cast<int>(random() % 5000));
        record.body = AnyValue::fromString(body);
        record.attributes = {{"http.route", AnyValue::fromString("/api/cart")},
                             {"thread", AnyValue::fromInt(random() % 16)}};
        if (random() % 2) {
            for (std::uint8_t &byte : record.traceId.bytes)
                byte = static_cast<std::uint8_t>(random());
            for (std::uint8_t &byte : record.spanId.bytes)
                byte = static_cast<std::uint8_t>(random());
        }
        scopeLogs.logRecords.push_back(std::move(record));
    }
    resourceLogs.scopeLogs.push_back(std::move(scopeLogs));
    batch->resourceLogs.push_back(std::move(resourceLogs));
    return batch;
}

double medianMs(int repeats, const std::function<std::int64_t()> &run, std::int64_t *result)
{
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        *result = run();
        times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const std::int64_t total = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;

    QTemporaryDir dir;
    StorageOptions options;
    options.databasePath = dir.filePath(QStringLiteral("logs.kansoku"));
    TelemetryStore store(options);
    QString error;
    if (!store.open(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::mt19937 random(42);
    QElapsedTimer fill;
    fill.start();
    constexpr int batchSize = 1000;
    for (std::int64_t n = 0; n < total; n += batchSize) {
        const int count = static_cast<int>(std::min<std::int64_t>(batchSize, total - n));
        TelemetryBatchPtr batch = makeBatch(random, n, count, services[(n / batchSize) % 8]);
        while (store.offer(batch) == OfferResult::QueueFull)
            QThread::msleep(5);
    }
    while (store.status().totals.logRecords < total)
        QThread::msleep(20);
    std::printf("filled %lld logs in %.1f s (%.0f logs/s)\n", static_cast<long long>(total),
                fill.elapsed() / 1000.0, total / (fill.elapsed() / 1000.0));

    const std::shared_ptr<const TelemetryQueries> queries = store.queries();
    struct Case
    {
        const char *name;
        QString search;
        bool count;
    };
    const Case cases[] = {
        {"newest page (200)", QString(), false},
        {"word \"timeout\", first page", QStringLiteral("timeout"), false},
        {"phrase \"connection refused\", first page", QStringLiteral("\"connection refused\""),
         false},
        {"prefix \"refus*\", first page", QStringLiteral("refus*"), false},
        {"rare word \"declined\" + service:auth, first page",
         QStringLiteral("declined service:auth"), false},
        {"severity>=error, first page", QStringLiteral("severity>=error"), false},
        {"service:payments, first page", QStringLiteral("service:payments"), false},
        {"word + severity>=error + service:payments, first page",
         QStringLiteral("timeout severity>=error service:payments"), false},
        {"count all", QString(), true},
        {"count common word \"ms\"", QStringLiteral("ms"), true},
        {"count word \"timeout\"", QStringLiteral("timeout"), true},
        {"count severity>=error", QStringLiteral("severity>=error"), true},
        {"count \"timeout\" + severity>=error + service:payments",
         QStringLiteral("timeout severity>=error service:payments"), true},
    };
    std::printf("%-58s %10s %12s\n", "query", "median ms", "rows/count");
    for (const Case &c : cases) {
        LogQuery query;
        LogSearchParser::parse(c.search).applyTo(&query);
        std::int64_t result = 0;
        const double ms = medianMs(
            repeats,
            [&]() -> std::int64_t {
                if (c.count)
                    return queries->countLogs(query);
                return static_cast<std::int64_t>(queries->logs(query).logs.size());
            },
            &result);
        std::printf("%-58s %10.2f %12lld\n", c.name, ms, static_cast<long long>(result));
    }
    store.close();
    return 0;
}
