// kansoku_import_bench: how fast `kansoku import` reads files. Writes synthetic Collector-style
// files (length-delimited OTLP protobuf, OTLP JSON lines, and their .zst / .gz copies) of
// --size-mb each, then imports every file twice: into a sink that only counts (parse-only: read,
// decompress, detect, decode) and into a real TelemetryStore on a temporary file (end-to-end,
// until close() has committed everything). Prints MB/s of content and items/s for both, so a
// store-bound import shows as the gap between the two.
#include "core/ingest_counters.h"
#include "synthetic_telemetry_files.h"
#include "telemetry_file_importer.h"
#include "telemetry_store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <atomic>
#include <cstdio>
#include <ctime>

using namespace kansoku;

namespace {

class CountingSink : public TelemetrySink
{
public:
    OfferResult offer(TelemetryBatchPtr batch) override
    {
        m_items.fetch_add(std::int64_t(batch->itemCount()), std::memory_order_relaxed);
        return OfferResult::Accepted;
    }
    std::int64_t items() const { return m_items.load(); }

private:
    std::atomic<std::int64_t> m_items{0};
};

struct Measurement
{
    double seconds = 0;
    double importerCpuSeconds = 0; // CPU time of the importing thread: the rest is waiting
    std::int64_t items = 0;
    bool ok = false;
};

double threadCpuSeconds()
{
    timespec time{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
    return double(time.tv_sec) + double(time.tv_nsec) / 1e9;
}

Measurement importInto(std::shared_ptr<TelemetrySink> sink, const std::string &path)
{
    TelemetryFileImporter importer(std::move(sink), std::make_shared<IngestCounters>());
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = threadCpuSeconds();
    const FileImportResult result = importer.importFile(path);
    Measurement measurement;
    measurement.seconds = double(timer.nsecsElapsed()) / 1e9;
    measurement.importerCpuSeconds = threadCpuSeconds() - cpuStart;
    measurement.items = result.spans + result.dataPoints + result.logRecords;
    measurement.ok = result.outcome == FileImportResult::Outcome::Imported;
    for (const ImportProblem &problem : result.problems)
        std::fprintf(stderr, "  problem: %s\n", problem.toString().c_str());
    return measurement;
}

double mb(std::int64_t bytes)
{
    return double(bytes) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Benchmarks kansoku's file import."));
    parser.addHelpOption();
    const QCommandLineOption sizeOption(
        QStringLiteral("size-mb"),
        QStringLiteral("Content size of each generated file in MB (default 64; 1000 for the 1 GB "
                       "run)."),
        QStringLiteral("mb"), QStringLiteral("64"));
    const QCommandLineOption dirOption(
        QStringLiteral("dir"),
        QStringLiteral("Directory for the generated files and databases (default: a temporary "
                       "directory, removed afterwards)."),
        QStringLiteral("path"));
    const QCommandLineOption parseOnlyOption(QStringLiteral("parse-only"),
                                             QStringLiteral("Skip the end-to-end store runs."));
    parser.addOptions({sizeOption, dirOption, parseOnlyOption});
    parser.process(app);

    bool ok = false;
    const std::int64_t sizeMb = parser.value(sizeOption).toLongLong(&ok);
    if (!ok || sizeMb < 1) {
        std::fprintf(stderr, "--size-mb: a whole number of MB, 1 or more\n");
        return 2;
    }
    QTemporaryDir temporary;
    const QString directory = parser.isSet(dirOption) ? parser.value(dirOption) : temporary.path();

    std::printf("generating %lld MB per file in %s ...\n", static_cast<long long>(sizeMb),
                directory.toLocal8Bit().constData());
    std::fflush(stdout);
    QElapsedTimer generation;
    generation.start();
    const std::vector<bench::SyntheticFile> files
        = bench::SyntheticTelemetryFiles().write(directory.toStdString(), sizeMb * 1000 * 1000);
    std::printf("generated in %.1f s\n\n", double(generation.elapsed()) / 1000.0);
    std::printf("%-22s %9s %9s %10s | %10s %12s | %10s %12s %9s\n", "file", "disk MB", "content",
                "items", "parse MB/s", "parse item/s", "store MB/s", "store item/s", "busy %");

    int status = 0;
    for (const bench::SyntheticFile &file : files) {
        const Measurement parse = importInto(std::make_shared<CountingSink>(), file.path);
        if (!parse.ok || parse.items != file.items) {
            std::fprintf(stderr, "%s: parse-only import incomplete (%lld of %lld items)\n",
                         file.label.c_str(), static_cast<long long>(parse.items),
                         static_cast<long long>(file.items));
            status = 1;
        }
        Measurement store;
        if (!parser.isSet(parseOnlyOption)) {
            StorageOptions options;
            options.databasePath = directory + QStringLiteral("/bench-")
                                   + QString::number(&file - files.data())
                                   + QStringLiteral(".kansoku");
            auto telemetryStore = std::make_shared<TelemetryStore>(options);
            QString error;
            if (!telemetryStore->open(&error)) {
                std::fprintf(stderr, "cannot open the store: %s\n",
                             error.toLocal8Bit().constData());
                return 1;
            }
            QElapsedTimer timer;
            timer.start();
            store = importInto(telemetryStore, file.path);
            telemetryStore->close(); // the import counts as done once everything is committed
            store.seconds = double(timer.nsecsElapsed()) / 1e9;
            const TelemetryTotals totals = telemetryStore->queries()->totals();
            if (totals.spans + totals.logRecords + totals.dataPoints != file.items) {
                std::fprintf(
                    stderr, "%s: the store holds %lld items, expected %lld\n", file.label.c_str(),
                    static_cast<long long>(totals.spans + totals.logRecords + totals.dataPoints),
                    static_cast<long long>(file.items));
                status = 1;
            }
            telemetryStore.reset(); // its read connections too, so SQLite drops -wal and -shm
            for (const char *suffix : {"", "-wal", "-shm"})
                QFile::remove(options.databasePath + QLatin1String(suffix));
        }
        std::printf("%-22s %9.1f %9.1f %10lld | %10.1f %12.0f | %10.1f %12.0f %9.0f\n",
                    file.label.c_str(), mb(file.fileBytes), mb(file.contentBytes),
                    static_cast<long long>(file.items), mb(file.contentBytes) / parse.seconds,
                    double(parse.items) / parse.seconds,
                    store.seconds > 0 ? mb(file.contentBytes) / store.seconds : 0.0,
                    store.seconds > 0 ? double(file.items) / store.seconds : 0.0,
                    store.seconds > 0 ? 100.0 * store.importerCpuSeconds / store.seconds : 0.0);
        std::fflush(stdout);
    }
    std::printf("\nMB/s are of decompressed content (disk MB/s for .zst/.gz = MB/s x disk/content);"
                " store runs end when the store has committed everything. busy %%: CPU time of the "
                "importing thread during the store run; the rest of the time it waited for the "
                "store's queue.\n");
    return status;
}
