// kansoku_ingest_bench: end-to-end ingest benchmark. Starts `kansoku --headless` on a database,
// optionally fills it with N spans first, then sends pre-encoded realistic requests (512 spans with
// ~10 attributes from two services, or 512 log records) over gRPC and/or HTTP with concurrency
// for a fixed time, and reports acknowledged and committed items per second, refused requests,
// and — read back from the SQLite file after a clean stop — whether every acknowledged item is
// stored. With --analyze, `kansoku analyze` runs on the session during each traces phase, as the
// Findings pane re-analyses live data (or back to back), and the runs' times are reported beside
// the ingest figures. Prints figures; asserts nothing about speed.
#include "analysis_loop.h"
#include "bench_request_factory.h"
#include "grpc_load_client.h"
#include "headless_kansoku_process.h"
#include "http_load_client.h"
#include "load_generator.h"
#include "telemetry_store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

using namespace kansoku;
using namespace kansoku::bench;

namespace {

struct BenchSettings
{
    QString kansokuProgram;
    QString databasePath;
    std::int64_t prefillSpans = 0;
    int durationSeconds = 60;
    QStringList signalNames;
    QString transport;
    int concurrency = 4;
    QStringList kansokuArguments;
    std::optional<AnalysisLoop::Pacing> analysisPacing;
    quint16 grpcPort = 14317;
    quint16 httpPort = 14318;
};

std::int64_t storedItems(const StoredCounts &counts, const QString &signal)
{
    return signal == QLatin1String("traces") ? counts.spans : counts.logs;
}

// Polls until the store holds `target` items of the signal with an empty queue, or timeout.
bool waitUntilStored(HeadlessKansokuProcess &kansoku, const QString &signal, std::int64_t target,
                     double timeoutSeconds)
{
    const double deadline = kansoku.elapsedSeconds() + timeoutSeconds;
    while (kansoku.elapsedSeconds() < deadline) {
        kansoku.poll(500);
        if (storedItems(kansoku.latest(), signal) >= target && kansoku.latest().queued == 0)
            return true;
    }
    return false;
}

std::vector<std::unique_ptr<LoadGenerator>>
startLoad(const BenchSettings &settings, const RequestTemplate &request, const QString &signal,
          std::atomic<std::uint64_t> *sequence, std::int64_t itemBudget, const QString &transport)
{
    const std::string path = "/v1/" + signal.toStdString();
    std::vector<std::unique_ptr<LoadGenerator>> generators;
    const bool both = transport == QLatin1String("both");
    const int grpcThreads = transport == QLatin1String("grpc") ? settings.concurrency
                            : both                             ? (settings.concurrency + 1) / 2
                                                               : 0;
    const int httpThreads = settings.concurrency - grpcThreads;
    const std::int64_t budgetPerGenerator = itemBudget / (both ? 2 : 1);
    if (grpcThreads > 0) {
        auto generator = std::make_unique<LoadGenerator>(request, path, sequence);
        const std::string target = "127.0.0.1:" + std::to_string(settings.grpcPort);
        generator->start(
            grpcThreads, [&](int) { return std::make_unique<GrpcLoadClient>(target); },
            budgetPerGenerator);
        generators.push_back(std::move(generator));
    }
    if (httpThreads > 0) {
        auto generator = std::make_unique<LoadGenerator>(request, path, sequence);
        generator->start(
            httpThreads,
            [&](int) { return std::make_unique<HttpLoadClient>("127.0.0.1", settings.httpPort); },
            budgetPerGenerator);
        generators.push_back(std::move(generator));
    }
    return generators;
}

struct PhaseResult
{
    std::int64_t accepted = 0;
    std::int64_t refused = 0;
    std::int64_t failedRequests = 0;
};

PhaseResult stopLoad(std::vector<std::unique_ptr<LoadGenerator>> &generators)
{
    PhaseResult result;
    for (auto &generator : generators) {
        generator->stop();
        result.accepted += generator->acceptedItems();
        result.refused += generator->refusedItems();
        result.failedRequests += generator->failedRequests();
        if (!generator->firstError().empty())
            std::printf("  first error: %s\n", generator->firstError().c_str());
    }
    return result;
}

double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::size_t(fraction * double(values.size() - 1))];
}

// One line on the analysis runs of a phase: how long each took and how fast it went through the
// spans it analysed.
void printAnalysisRuns(const std::vector<AnalysisLoop::Run> &runs)
{
    std::vector<double> seconds;
    std::vector<double> spansPerSecond;
    int failed = 0;
    for (const AnalysisLoop::Run &run : runs) {
        if (!run.succeeded) {
            if (failed++ == 0)
                std::printf("  analysis: a run failed: %s\n", qPrintable(run.error));
            continue;
        }
        seconds.push_back(run.seconds);
        spansPerSecond.push_back(double(run.spansAnalysed) / run.seconds);
    }
    if (seconds.empty()) {
        std::printf("  analysis: no run finished during the phase (%d failed)\n", failed);
        return;
    }
    std::printf("  analysis: %zu runs of kansoku analyze (%d failed), each %.1f-%.1f s (median "
                "%.1f s); spans analysed per second: min %.0f, median %.0f, max %.0f\n",
                seconds.size(), failed, percentile(seconds, 0), percentile(seconds, 1),
                percentile(seconds, 0.5), percentile(spansPerSecond, 0),
                percentile(spansPerSecond, 0.5), percentile(spansPerSecond, 1));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Kansoku end-to-end ingest benchmark"));
    parser.addHelpOption();
    const QCommandLineOption kansokuOption(
        QStringLiteral("kansoku"), QStringLiteral("kansoku executable."), QStringLiteral("path"),
        QStringLiteral(KANSOKU_EXECUTABLE));
    const QCommandLineOption dbOption(QStringLiteral("db"),
                                      QStringLiteral("Database (default: a temporary file)."),
                                      QStringLiteral("path"));
    const QCommandLineOption prefillOption(
        QStringLiteral("prefill-spans"),
        QStringLiteral("Fill the database up to this many spans first."), QStringLiteral("count"),
        QStringLiteral("5000000"));
    const QCommandLineOption durationOption(QStringLiteral("duration"),
                                            QStringLiteral("Seconds per measured phase."),
                                            QStringLiteral("seconds"), QStringLiteral("60"));
    const QCommandLineOption signalOption(QStringLiteral("signal"),
                                          QStringLiteral("traces, logs or both."),
                                          QStringLiteral("signal"), QStringLiteral("both"));
    const QCommandLineOption transportOption(QStringLiteral("transport"),
                                             QStringLiteral("grpc, http or both."),
                                             QStringLiteral("transport"), QStringLiteral("both"));
    const QCommandLineOption concurrencyOption(QStringLiteral("concurrency"),
                                               QStringLiteral("Sender threads."),
                                               QStringLiteral("count"), QStringLiteral("4"));
    const QCommandLineOption analyzeOption(
        QStringLiteral("analyze"),
        QStringLiteral("During each traces phase, run `kansoku analyze` on the session as the "
                       "Findings pane re-analyses live data (pane: every 5 s or twice the last "
                       "run's time; back-to-back: without pause) and report its runs."),
        QStringLiteral("pane|back-to-back"));
    const QCommandLineOption kansokuArgumentOption(
        QStringLiteral("kansoku-arg"),
        QStringLiteral(
            "Pass an argument to kansoku, e.g. --kansoku-arg=--max-db-mib=0 (repeatable)."),
        QStringLiteral("argument"));
    parser.addOptions({kansokuOption, dbOption, prefillOption, durationOption, signalOption,
                       transportOption, concurrencyOption, analyzeOption, kansokuArgumentOption});
    parser.process(app);

    BenchSettings settings;
    settings.kansokuProgram = parser.value(kansokuOption);
    settings.prefillSpans = parser.value(prefillOption).toLongLong();
    settings.durationSeconds = std::max(1, parser.value(durationOption).toInt());
    settings.signalNames = parser.value(signalOption) == QLatin1String("both")
                               ? QStringList{QStringLiteral("traces"), QStringLiteral("logs")}
                               : QStringList{parser.value(signalOption)};
    settings.transport = parser.value(transportOption);
    settings.concurrency = std::max(1, parser.value(concurrencyOption).toInt());
    settings.kansokuArguments = parser.values(kansokuArgumentOption);
    if (parser.isSet(analyzeOption)) {
        const QString pacing = parser.value(analyzeOption);
        if (pacing == QLatin1String("pane"))
            settings.analysisPacing = AnalysisLoop::Pacing::LikeTheFindingsPane;
        else if (pacing == QLatin1String("back-to-back"))
            settings.analysisPacing = AnalysisLoop::Pacing::BackToBack;
        else {
            std::fprintf(stderr, "--analyze takes pane or back-to-back, not %s\n",
                         qPrintable(pacing));
            return 2;
        }
    }
    QTemporaryDir temporaryDir;
    settings.databasePath = parser.isSet(dbOption)
                                ? parser.value(dbOption)
                                : temporaryDir.filePath(QStringLiteral("bench.kansoku"));

    std::printf("Building requests...\n");
    BenchRequestFactory factory(42);
    const RequestTemplate traceRequest = factory.traceRequest(512);
    const RequestTemplate logRequest = factory.logRequest(512);
    std::printf("  trace request: 512 spans, %zu bytes; log request: 512 records, %zu bytes\n",
                traceRequest.sizeBytes(), logRequest.sizeBytes());

    HeadlessKansokuProcess kansoku;
    QString error;
    if (!kansoku.start(settings.kansokuProgram, settings.databasePath, settings.grpcPort,
                       settings.httpPort, &error, settings.kansokuArguments)) {
        std::fprintf(stderr, "cannot start kansoku: %s\n", qPrintable(error));
        return 1;
    }
    kansoku.poll(1500);
    std::atomic<std::uint64_t> sequence{std::uint64_t(QDateTime::currentMSecsSinceEpoch()) << 20};
    std::int64_t expectedSpans = kansoku.latest().spans;
    std::int64_t expectedLogs = kansoku.latest().logs;

    if (settings.prefillSpans > expectedSpans) {
        const std::int64_t missing = settings.prefillSpans - expectedSpans;
        std::printf("Prefill: %lld spans over gRPC...\n", static_cast<long long>(missing));
        const double start = kansoku.elapsedSeconds();
        auto generators = startLoad(settings, traceRequest, QStringLiteral("traces"), &sequence,
                                    missing, QStringLiteral("grpc"));
        while (true) {
            kansoku.poll(1000);
            std::int64_t accepted = 0;
            for (auto &generator : generators)
                accepted += generator->acceptedItems();
            if (accepted >= missing)
                break;
        }
        const PhaseResult prefill = stopLoad(generators);
        expectedSpans += prefill.accepted;
        waitUntilStored(kansoku, QStringLiteral("traces"), expectedSpans, 300);
        std::printf("  prefilled to %lld spans in %.1f s (%.0f spans/s)\n",
                    static_cast<long long>(kansoku.latest().spans),
                    kansoku.elapsedSeconds() - start,
                    double(prefill.accepted) / (kansoku.elapsedSeconds() - start));
    }

    for (const QString &signal : std::as_const(settings.signalNames)) {
        const RequestTemplate &request
            = signal == QLatin1String("traces") ? traceRequest : logRequest;
        std::printf("\nMeasured phase: %s over %s, %d senders, %d s, database holds %lld spans / "
                    "%lld logs\n",
                    qPrintable(signal), qPrintable(settings.transport), settings.concurrency,
                    settings.durationSeconds, static_cast<long long>(kansoku.latest().spans),
                    static_cast<long long>(kansoku.latest().logs));
        const std::int64_t storedAtStart = storedItems(kansoku.latest(), signal);
        std::unique_ptr<AnalysisLoop> analysis;
        if (settings.analysisPacing && signal == QLatin1String("traces")) {
            analysis = std::make_unique<AnalysisLoop>(
                settings.kansokuProgram, settings.databasePath, *settings.analysisPacing);
            analysis->start();
        }
        const double start = kansoku.elapsedSeconds();
        auto generators = startLoad(settings, request, signal, &sequence, 0, settings.transport);
        std::vector<double> perSecond;
        StoredCounts previous = kansoku.latest();
        while (kansoku.elapsedSeconds() - start < settings.durationSeconds) {
            if (kansoku.poll(1000)) {
                const StoredCounts &now = kansoku.latest();
                if (now.atSeconds > previous.atSeconds && previous.atSeconds >= start)
                    perSecond.push_back(
                        double(storedItems(now, signal) - storedItems(previous, signal))
                        / (now.atSeconds - previous.atSeconds));
                previous = now;
            }
        }
        const double loadSeconds = kansoku.elapsedSeconds() - start;
        const PhaseResult result = stopLoad(generators);
        if (analysis)
            analysis->stop();
        (signal == QLatin1String("traces") ? expectedSpans : expectedLogs) += result.accepted;
        const std::int64_t target = storedAtStart + result.accepted;
        const bool drained = waitUntilStored(kansoku, signal, target, 120);
        const double drainedSeconds = kansoku.latest().atSeconds - start;
        const std::int64_t committed = storedItems(kansoku.latest(), signal) - storedAtStart;
        std::printf("  acknowledged: %lld items (%.0f/s over %.1f s)\n",
                    static_cast<long long>(result.accepted), double(result.accepted) / loadSeconds,
                    loadSeconds);
        std::printf("  committed:    %lld items, %.0f/s until the queue drained (%.1f s)%s\n",
                    static_cast<long long>(committed), double(committed) / drainedSeconds,
                    drainedSeconds, drained ? "" : "  [NOT DRAINED within 120 s]");
        std::printf("  committed per second during load: min %.0f, median %.0f, max %.0f\n",
                    percentile(perSecond, 0), percentile(perSecond, 0.5), percentile(perSecond, 1));
        std::printf("  refused (retry later): %lld items; failed requests: %lld\n",
                    static_cast<long long>(result.refused),
                    static_cast<long long>(result.failedRequests));
        if (analysis)
            printAnalysisRuns(analysis->runs());
    }

    const int exitCode = kansoku.stop();
    std::printf("\nkansoku stopped with exit code %d\n", exitCode);

    StorageOptions options;
    options.databasePath = settings.databasePath;
    TelemetryStore store(options);
    if (!store.open(&error)) {
        std::fprintf(stderr, "cannot reopen the database: %s\n", qPrintable(error));
        return 1;
    }
    const TelemetryTotals totals = store.queries()->totals();
    std::printf(
        "Read back from %s (%.1f MiB): %lld spans (expected %lld), %lld logs (expected %lld)\n",
        qPrintable(settings.databasePath),
        QFileInfo(settings.databasePath).size() / (1024.0 * 1024.0),
        static_cast<long long>(totals.spans), static_cast<long long>(expectedSpans),
        static_cast<long long>(totals.logRecords), static_cast<long long>(expectedLogs));
    const bool lossless = totals.spans == expectedSpans && totals.logRecords == expectedLogs;
    std::printf("%s\n", lossless ? "No acknowledged item was lost."
                                 : "MISMATCH between acknowledged and stored items!");
    return lossless && exitCode == 0 ? 0 : 1;
}
