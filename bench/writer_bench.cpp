// kansoku_writer_bench: the storage writer alone, without sockets or a second process. Decodes
// the ingest benchmark's requests (512 spans or log records each) on the main thread, offers them
// to a TelemetryStore, and prints items/s and the CPU seconds per 100k items spent by the store's
// own threads (writer + checkpointer: process CPU minus the main thread's). The machine may be
// shared, so the CPU figure is the one to compare between versions. Asserts nothing.
#include "bench_request_factory.h"
#include "otlp_decoder.h"
#include "telemetry_store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <cstdio>
#include <ctime>
#include <sys/resource.h>
#include <thread>

using namespace kansoku;
using namespace kansoku::bench;

namespace {

double seconds(const timeval &value)
{
    return double(value.tv_sec) + double(value.tv_usec) / 1e6;
}

double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double threadCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

// Offers `count` items of one signal, retrying while the queue is full; then waits for the
// commit. Prints the figures of the phase.
void runPhase(TelemetryStore &store, const RequestTemplate &request, TelemetrySignal signal,
              std::int64_t count, std::uint64_t *sequence, const char *label)
{
    auto stored = [&] {
        const TelemetryTotals totals = store.status().totals;
        return signal == TelemetrySignal::Traces ? totals.spans : totals.logRecords;
    };
    const std::int64_t target = stored() + count;
    const double processStart = processCpuSeconds();
    const double mainStart = threadCpuSeconds();
    QElapsedTimer clock;
    clock.start();
    for (std::int64_t offered = 0; offered < count; offered += request.itemCount()) {
        const std::string body = request.instantiate(++*sequence);
        OtlpDecodeResult decoded = OtlpDecoder::decode(signal, OtlpEncoding::Protobuf, body);
        while (store.offer(decoded.batch) == OfferResult::QueueFull)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    while (stored() < target || store.status().queuedItems > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const double wallSeconds = double(clock.nsecsElapsed()) / 1e9;
    const double mainCpu = threadCpuSeconds() - mainStart;
    const double storeCpu = (processCpuSeconds() - processStart) - mainCpu;
    std::printf("%s: %lld items in %.1f s (%.0f/s); CPU s per 100k items: store threads %.3f, "
                "decoding %.3f\n",
                label, static_cast<long long>(count), wallSeconds, double(count) / wallSeconds,
                storeCpu / double(count) * 100000.0, mainCpu / double(count) * 100000.0);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Kansoku storage writer benchmark"));
    parser.addHelpOption();
    const QCommandLineOption dbOption(QStringLiteral("db"),
                                      QStringLiteral("Database (default: a temporary file)."),
                                      QStringLiteral("path"));
    const QCommandLineOption prefillOption(QStringLiteral("prefill-spans"),
                                           QStringLiteral("Spans stored before measuring."),
                                           QStringLiteral("count"), QStringLiteral("0"));
    const QCommandLineOption spansOption(QStringLiteral("spans"),
                                         QStringLiteral("Spans in the measured phase."),
                                         QStringLiteral("count"), QStringLiteral("500000"));
    const QCommandLineOption logsOption(QStringLiteral("logs"),
                                        QStringLiteral("Log records in the measured phase."),
                                        QStringLiteral("count"), QStringLiteral("500000"));
    const QCommandLineOption commitOption(QStringLiteral("commit-items"),
                                          QStringLiteral("Items per transaction at most."),
                                          QStringLiteral("count"), QStringLiteral("20000"));
    const StorageOptions defaults;
    const QCommandLineOption commitMsOption(
        QStringLiteral("commit-ms"), QStringLiteral("A transaction's longest collecting time."),
        QStringLiteral("ms"), QString::number(defaults.commitMaxLatencyMs));
    const QCommandLineOption uncommittedOption(
        QStringLiteral("uncommitted-ms"),
        QStringLiteral("The durability bound, as milliseconds of measured writing (a large value: "
                       "only the queue's capacity bounds it)."),
        QStringLiteral("ms"), QString::number(defaults.maxUncommittedMs));
    parser.addOptions({dbOption, prefillOption, spansOption, logsOption, commitOption,
                       commitMsOption, uncommittedOption});
    parser.process(app);

    QTemporaryDir temporaryDir;
    StorageOptions options;
    options.databasePath = parser.isSet(dbOption)
                               ? parser.value(dbOption)
                               : temporaryDir.filePath(QStringLiteral("writer.kansoku"));
    options.commitMaxItems = parser.value(commitOption).toInt();
    options.commitMaxLatencyMs = parser.value(commitMsOption).toInt();
    options.maxUncommittedMs = parser.value(uncommittedOption).toInt();
    BenchRequestFactory factory(42);
    const RequestTemplate traceRequest = factory.traceRequest(512);
    const RequestTemplate logRequest = factory.logRequest(512);
    TelemetryStore store(options);
    QString error;
    if (!store.open(&error)) {
        std::fprintf(stderr, "cannot open the store: %s\n", qPrintable(error));
        return 1;
    }
    std::uint64_t sequence = std::uint64_t(QDateTime::currentMSecsSinceEpoch()) << 20;
    const std::int64_t prefill
        = parser.value(prefillOption).toLongLong() - store.status().totals.spans;
    if (prefill > 0)
        runPhase(store, traceRequest, TelemetrySignal::Traces, prefill, &sequence, "prefill");
    const std::int64_t spans = parser.value(spansOption).toLongLong();
    const std::int64_t logs = parser.value(logsOption).toLongLong();
    if (spans > 0)
        runPhase(store, traceRequest, TelemetrySignal::Traces, spans, &sequence, "spans");
    if (logs > 0)
        runPhase(store, logRequest, TelemetrySignal::Logs, logs, &sequence, "logs");
    store.close();
    const TelemetryTotals totals = store.queries()->totals();
    std::printf("file %.1f MiB: %lld spans, %lld logs\n",
                QFileInfo(options.databasePath).size() / (1024.0 * 1024.0),
                static_cast<long long>(totals.spans), static_cast<long long>(totals.logRecords));
    return 0;
}
