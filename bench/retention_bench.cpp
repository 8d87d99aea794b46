// kansoku_retention_bench: ingest with retention pruning running against ingest without it, in
// alternating runs (A: no limits, B: a size cap small enough that pruning runs nearly all the
// time). Offers the ingest benchmark's requests (512 spans, 512 log records, alternating) to a
// TelemetryStore on a fresh file per run, and prints items/s per run, medians and ranges, what
// pruning removed, and the file size over time of the last B run. Asserts nothing.
#include "bench_request_factory.h"
#include "otlp_decoder.h"
#include "telemetry_store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

using namespace kansoku;
using namespace kansoku::bench;

namespace {

struct Sample
{
    double seconds;
    double fileMiB; // main file plus WAL
    double liveMiB; // pages in use, as the size cap counts them
};

struct RunResult
{
    double itemsPerSecond = 0;
    double finalFileMiB = 0;
    double maxFileMiB = 0;
    PruneTotals pruned;
    std::vector<Sample> samples;
};

double mib(std::int64_t bytes)
{
    return double(bytes) / (1024.0 * 1024.0);
}

RunResult runOnce(const QString &path, std::int64_t capBytes, std::int64_t items,
                  const RequestTemplate &traces, const RequestTemplate &logs,
                  std::uint64_t *sequence)
{
    StorageOptions options;
    options.databasePath = path;
    if (capBytes > 0)
        options.maxBytes = capBytes;
    TelemetryStore store(options);
    QString error;
    if (!store.open(&error)) {
        std::fprintf(stderr, "cannot open the store: %s\n", qPrintable(error));
        std::exit(1);
    }
    std::atomic<std::int64_t> committed{0};
    QObject::connect(
        &store, &TelemetryStore::batchCommitted, &store,
        [&committed](const CommitSummary &summary) {
            committed += summary.spans + summary.logRecords;
        },
        Qt::DirectConnection);

    RunResult result;
    std::atomic<bool> sampling{true};
    QElapsedTimer clock;
    clock.start();
    std::thread sampler([&] {
        while (sampling) {
            const StorageStatus status = store.status();
            result.samples.push_back({double(clock.nsecsElapsed()) / 1e9, mib(status.fileSizeBytes),
                                      mib(status.liveDataBytes)});
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
        }
    });
    std::int64_t offered = 0;
    for (int request = 0; offered < items; ++request) {
        const bool isTraces = request % 2 == 0;
        const RequestTemplate &chosen = isTraces ? traces : logs;
        const std::string body = chosen.instantiate(++*sequence);
        const OtlpDecodeResult decoded
            = OtlpDecoder::decode(isTraces ? TelemetrySignal::Traces : TelemetrySignal::Logs,
                                  OtlpEncoding::Protobuf, body);
        while (store.offer(decoded.batch) == OfferResult::QueueFull)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        offered += chosen.itemCount();
    }
    while (committed < offered || store.status().queuedItems > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const double wallSeconds = double(clock.nsecsElapsed()) / 1e9;
    sampling = false;
    sampler.join();
    const StorageStatus status = store.status();
    store.close();
    result.itemsPerSecond = double(offered) / wallSeconds;
    result.pruned = status.pruned;
    result.finalFileMiB = mib(QFileInfo(path).size());
    for (const Sample &sample : result.samples)
        result.maxFileMiB = std::max(result.maxFileMiB, sample.fileMiB);
    return result;
}

void printSummary(const char *label, std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const double median = values.size() % 2
                              ? values[values.size() / 2]
                              : (values[values.size() / 2 - 1] + values[values.size() / 2]) / 2;
    std::printf("%s: median %.1fk items/s, range %.1fk-%.1fk (%zu runs)\n", label, median / 1000,
                values.front() / 1000, values.back() / 1000, values.size());
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Kansoku retention benchmark: ingest with pruning against without"));
    parser.addHelpOption();
    const QCommandLineOption itemsOption(QStringLiteral("items"),
                                         QStringLiteral("Items per run (spans and logs, half "
                                                        "each)."),
                                         QStringLiteral("count"), QStringLiteral("600000"));
    const QCommandLineOption capOption(QStringLiteral("cap-mib"),
                                       QStringLiteral("The B runs' size cap in MiB."),
                                       QStringLiteral("mib"), QStringLiteral("32"));
    const QCommandLineOption pairsOption(QStringLiteral("pairs"),
                                         QStringLiteral("A/B pairs to run."),
                                         QStringLiteral("count"), QStringLiteral("3"));
    parser.addOptions({itemsOption, capOption, pairsOption});
    parser.process(app);
    const std::int64_t items = parser.value(itemsOption).toLongLong();
    const std::int64_t capBytes = parser.value(capOption).toLongLong() * 1024 * 1024;
    const int pairs = parser.value(pairsOption).toInt();

    BenchRequestFactory factory(42);
    const RequestTemplate traces = factory.traceRequest(512);
    const RequestTemplate logs = factory.logRequest(512);
    std::uint64_t sequence = std::uint64_t(QDateTime::currentMSecsSinceEpoch()) << 20;
    std::vector<double> without;
    std::vector<double> with;
    RunResult lastWith;
    for (int pair = 0; pair < pairs; ++pair) {
        for (const bool pruning : {false, true}) {
            QTemporaryDir dir;
            const RunResult run = runOnce(dir.filePath(QStringLiteral("retention.kansoku")),
                                          pruning ? capBytes : 0, items, traces, logs, &sequence);
            std::printf("pair %d %s: %.1fk items/s; file %.1f MiB at the end (at most %.1f MiB "
                        "with the WAL); pruned %lld spans, %lld logs\n",
                        pair + 1, pruning ? "B, size cap" : "A, no limits",
                        run.itemsPerSecond / 1000, run.finalFileMiB, run.maxFileMiB,
                        static_cast<long long>(run.pruned.spans),
                        static_cast<long long>(run.pruned.logRecords));
            std::fflush(stdout);
            (pruning ? with : without).push_back(run.itemsPerSecond);
            if (pruning)
                lastWith = run;
        }
    }
    printSummary("A, no limits", without);
    printSummary("B, size cap", with);
    std::printf("file size over time, last B run (cap %.0f MiB): seconds, file+WAL MiB, live "
                "MiB\n",
                mib(capBytes));
    for (const Sample &sample : lastWith.samples)
        std::printf("  %5.1f  %7.1f  %7.1f\n", sample.seconds, sample.fileMiB, sample.liveMiB);
    return 0;
}
