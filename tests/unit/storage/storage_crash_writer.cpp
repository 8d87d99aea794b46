// Helper for tst_telemetry_store: ingests traces and logs into the database given as argument
// until killed, printing the committed span total after every commit (one line each).
#include "support/storage_test_data.h"
#include "telemetry_store.h"

#include <QCoreApplication>
#include <cstdio>
#include <thread>

using namespace kansoku;
using namespace kansoku::testdata;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 2;
    StorageOptions options;
    options.databasePath = QString::fromLocal8Bit(argv[1]);
    options.commitMaxLatencyMs = 20;
    options.commitMaxItems = 2000;
    TelemetryStore store(options);
    QObject::connect(
        &store, &TelemetryStore::batchCommitted, &store,
        [](const CommitSummary &summary) {
            std::printf("%lld\n", static_cast<long long>(summary.totals.spans));
            std::fflush(stdout);
        },
        Qt::DirectConnection);
    QString error;
    if (!store.open(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const Resource service = resource("crash-test");
    for (std::uint64_t trace = 0;; ++trace) {
        const TraceId id = traceId(trace);
        std::vector<Span> spans;
        for (std::uint64_t i = 1; i <= 4; ++i) {
            spans.push_back(span(id, spanId(i), i == 1 ? SpanId{} : spanId(1), "op",
                                 static_cast<std::int64_t>(trace * 10 + i),
                                 static_cast<std::int64_t>(trace * 10 + 9), StatusCode::Unset,
                                 {{"i", AnyValue::fromInt(static_cast<std::int64_t>(i))}}));
        }
        const auto spanBatchPtr = spanBatch(service, std::move(spans));
        const auto logBatchPtr = logBatch(
            service, {log(static_cast<std::int64_t>(trace), 9,
                          AnyValue::fromString("crash test log line"), {}, id, spanId(1))});
        while (store.offer(spanBatchPtr) != OfferResult::Accepted)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        while (store.offer(logBatchPtr) != OfferResult::Accepted)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}
