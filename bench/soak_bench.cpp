// kansoku_soak_bench: the long-run benchmark. Starts the Kansoku window (on the current DISPLAY,
// following live data as it does by default) on a new session with a size cap small enough that
// retention prunes during the run, and `--stats-log` writing a CSV line every few seconds; feeds it
// the JS SDK demo workload (tests/interop/demo_workload.mjs: a shop of three services, about 5
// spans and 2 logs per request, plus metrics) at a steady rate for --duration; then stops both,
// prints each figure's median over the first and last part of the run and its maximum (flat
// curves: the two medians agree), and renders the CSV to a PNG with the app's ChartView.
// --plot-only CSV renders and summarizes an existing CSV. Prints figures; asserts nothing.
#include "analysis/duration_sample.h"
#include "chart_view.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QVBoxLayout>
#include <algorithm>
#include <cstdio>
#include <map>
#include <signal.h>
#include <sys/prctl.h>

using namespace kansoku;

namespace {

struct StatsTable
{
    QStringList columns;
    std::vector<std::vector<double>> rows;

    int column(const QString &name) const { return int(columns.indexOf(name)); }
};

StatsTable readStats(const QString &path)
{
    StatsTable table;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return table;
    QTextStream stream(&file);
    while (!stream.atEnd()) {
        const QStringList fields = stream.readLine().split(QLatin1Char(','));
        if (table.columns.isEmpty()) {
            table.columns = fields;
            continue;
        }
        if (fields.size() != table.columns.size())
            continue; // a line cut by a kill
        std::vector<double> row;
        for (const QString &field : fields)
            row.push_back(field.toDouble());
        table.rows.push_back(std::move(row));
    }
    return table;
}

QString lastLine(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    return QString::fromUtf8(lines.constLast());
}

// What the summary and the plot show of a column: its name in the CSV, a label, and the factor
// from the CSV's unit to the shown one.
struct Figure
{
    const char *column;
    const char *label;
    double scale;
};

constexpr Figure figures[] = {
    {"rss_kib", "RSS (MiB)", 1.0 / 1024},
    {"rss_anon_kib", "RSS, anonymous: heap and stacks (MiB)", 1.0 / 1024},
    {"loop_late_p50_us", "event loop lateness p50 (ms)", 1e-3},
    {"loop_late_p99_us", "event loop lateness p99 (ms)", 1e-3},
    {"loop_late_max_us", "event loop lateness max (ms)", 1e-3},
    {"refresh_p50_us", "refresh latency p50 (ms)", 1e-3},
    {"refresh_p99_us", "refresh latency p99 (ms)", 1e-3},
    {"refreshes", "refreshes per line", 1},
    {"db_kib", "session file (MiB)", 1.0 / 1024},
    {"wal_kib", "WAL file (MiB)", 1.0 / 1024},
    {"received_per_s", "received items/s", 1},
    {"stored_per_s", "stored items/s", 1},
    {"queued", "queued items", 1},
};

// Median of a column over the rows whose elapsed_s lies in [from, to], scaled; values are kept
// in thousandths so DurationSample's integer quantiles keep three decimals.
double median(const StatsTable &table, int column, double from, double to, double scale)
{
    const int elapsed = table.column(QStringLiteral("elapsed_s"));
    DurationSample sample;
    for (const auto &row : table.rows) {
        if (row[std::size_t(elapsed)] >= from && row[std::size_t(elapsed)] <= to)
            sample.add(std::int64_t(row[std::size_t(column)] * scale * 1000));
    }
    return sample.medianNs() / 1000.0;
}

void printSummary(const StatsTable &table)
{
    const int elapsed = table.column(QStringLiteral("elapsed_s"));
    if (table.rows.empty() || elapsed < 0) {
        std::printf("No statistics lines.\n");
        return;
    }
    const double end = table.rows.back()[std::size_t(elapsed)];
    // First and last 10 minutes; a short run compares its first and last thirds.
    const double window = std::min(600.0, end / 3);
    std::printf("\n%zu lines over %.0f s; medians of the first and last %.0f s, and the maximum:\n",
                table.rows.size(), end, window);
    std::printf("  %-32s %12s %12s %12s\n", "figure", "first", "last", "max");
    for (const Figure &figure : figures) {
        const int column = table.column(QString::fromLatin1(figure.column));
        if (column < 0)
            continue;
        double maximum = 0;
        for (const auto &row : table.rows)
            maximum = std::max(maximum, row[std::size_t(column)] * figure.scale);
        std::printf("  %-32s %12.1f %12.1f %12.1f\n", figure.label,
                    median(table, column, 0, window, figure.scale),
                    median(table, column, end - window, end, figure.scale), maximum);
    }
    const int spans = table.column(QStringLiteral("spans"));
    const int pruned = table.column(QStringLiteral("pruned_spans"));
    if (spans >= 0 && pruned >= 0)
        std::printf("  at the end: %.0f spans stored, %.0f pruned\n",
                    table.rows.back()[std::size_t(spans)], table.rows.back()[std::size_t(pruned)]);
}

// Children get SIGTERM when the bench dies (killed, Ctrl+C), so neither the window nor the
// workload outlives it. Linux only, like this bench.
void endWithParent(QProcess &process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
}

ChartSeries seriesOf(const StatsTable &table, const Figure &figure)
{
    ChartSeries series;
    series.name = QString::fromLatin1(figure.label);
    const int elapsed = table.column(QStringLiteral("elapsed_s"));
    const int column = table.column(QString::fromLatin1(figure.column));
    for (const auto &row : table.rows) {
        // The time axis shows clock times: elapsed seconds after midnight UTC read as h:mm:ss.
        series.timesNs.push_back(std::int64_t(row[std::size_t(elapsed)] * 1e9));
        series.values.push_back(row[std::size_t(column)] * figure.scale);
    }
    return series;
}

// Four charts stacked: memory, latencies, files, rates.
bool renderPlot(const StatsTable &table, const QString &pngPath)
{
    const int elapsed = table.column(QStringLiteral("elapsed_s"));
    if (table.rows.empty() || elapsed < 0)
        return false;
    const std::map<QString, Figure> byColumn = [] {
        std::map<QString, Figure> map;
        for (const Figure &figure : figures)
            map.emplace(QString::fromLatin1(figure.column), figure);
        return map;
    }();
    const std::vector<std::pair<QString, QStringList>> panels{
        {QStringLiteral("Memory (MiB)"),
         {QStringLiteral("rss_kib"), QStringLiteral("rss_anon_kib")}},
        {QStringLiteral("Latency (ms)"),
         {QStringLiteral("loop_late_p99_us"), QStringLiteral("refresh_p50_us"),
          QStringLiteral("refresh_p99_us")}},
        {QStringLiteral("Files (MiB)"), {QStringLiteral("db_kib"), QStringLiteral("wal_kib")}},
        {QStringLiteral("Items/s"),
         {QStringLiteral("received_per_s"), QStringLiteral("stored_per_s")}},
    };
    QWidget page;
    page.resize(1400, 1400);
    auto *layout = new QVBoxLayout(&page);
    layout->addWidget(new QLabel(QStringLiteral("Kansoku soak run: %1 (time axis: elapsed h:mm)")
                                     .arg(QFileInfo(pngPath).completeBaseName())));
    const TimeRange range{0, std::int64_t(table.rows.back()[std::size_t(elapsed)] * 1e9)};
    for (const auto &[title, columns] : panels) {
        auto *chart = new ChartView;
        std::vector<ChartSeries> series;
        for (const QString &column : columns) {
            if (table.column(column) >= 0)
                series.push_back(seriesOf(table, byColumn.at(column)));
        }
        chart->setValueAxisLabel(title);
        chart->setLegendVisible(true); // shown where a panel has more than one line
        chart->setSeries(std::move(series));
        chart->setTimeRange(range);
        layout->addWidget(chart, 1);
    }
    page.show();
    // Let the queued replots and the layout happen before grabbing.
    for (int i = 0; i < 20; ++i) {
        QCoreApplication::processEvents();
        QThread::msleep(20);
    }
    return page.grab().save(pngPath);
}

} // namespace

int main(int argc, char *argv[])
{
    // The plot's time axis shows local time; in UTC, elapsed seconds read as h:mm:ss.
    qputenv("TZ", "UTC");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Kansoku soak benchmark"));
    parser.addHelpOption();
    const QCommandLineOption kansokuOption(
        QStringLiteral("kansoku"), QStringLiteral("kansoku executable."), QStringLiteral("path"),
        QStringLiteral(KANSOKU_EXECUTABLE));
    const QCommandLineOption workloadOption(
        QStringLiteral("workload"),
        QStringLiteral("The demo workload script (its npm packages installed: npm ci in its "
                       "directory)."),
        QStringLiteral("path"), QStringLiteral(KANSOKU_DEMO_WORKLOAD));
    const QCommandLineOption durationOption(QStringLiteral("duration"),
                                            QStringLiteral("Seconds of load (default 3600)."),
                                            QStringLiteral("seconds"), QStringLiteral("3600"));
    const QCommandLineOption rateOption(
        QStringLiteral("requests-per-second"),
        QStringLiteral("Simulated shop requests per second (default 400: ~2,000 spans/s)."),
        QStringLiteral("count"), QStringLiteral("400"));
    const QCommandLineOption capOption(QStringLiteral("max-db-mib"),
                                       QStringLiteral("The session's size cap (default 256)."),
                                       QStringLiteral("mib"), QStringLiteral("256"));
    const QCommandLineOption intervalOption(
        QStringLiteral("interval"),
        QStringLiteral("Seconds between statistics lines (default 10)."), QStringLiteral("seconds"),
        QStringLiteral("10"));
    const QCommandLineOption csvOption(QStringLiteral("csv"),
                                       QStringLiteral("Statistics CSV (default soak.csv)."),
                                       QStringLiteral("path"), QStringLiteral("soak.csv"));
    const QCommandLineOption pngOption(
        QStringLiteral("png"), QStringLiteral("Plot of the CSV (default: the CSV's name, .png)."),
        QStringLiteral("path"));
    const QCommandLineOption dbOption(QStringLiteral("db"),
                                      QStringLiteral("Session file (default: a temporary file)."),
                                      QStringLiteral("path"));
    const QCommandLineOption plotOnlyOption(QStringLiteral("plot-only"),
                                            QStringLiteral("Only summarize and plot the CSV."));
    parser.addOptions({kansokuOption, workloadOption, durationOption, rateOption, capOption,
                       intervalOption, csvOption, pngOption, dbOption, plotOnlyOption});
    parser.process(app);

    const QString csvPath = QFileInfo(parser.value(csvOption)).absoluteFilePath();
    const QString pngPath = parser.isSet(pngOption)
                                ? parser.value(pngOption)
                                : QFileInfo(csvPath).absoluteDir().filePath(
                                    QFileInfo(csvPath).completeBaseName() + QStringLiteral(".png"));
    int exitCode = 0;
    if (!parser.isSet(plotOnlyOption)) {
        const int durationSeconds = std::max(1, parser.value(durationOption).toInt());
        const int intervalSeconds = std::max(1, parser.value(intervalOption).toInt());
        QTemporaryDir temporaryDir;
        const QString databasePath = parser.isSet(dbOption)
                                         ? parser.value(dbOption)
                                         : temporaryDir.filePath(QStringLiteral("soak.kansoku"));
        QFile::remove(csvPath); // --stats-log appends
        const quint16 grpcPort = 24317;
        const quint16 httpPort = 24318;

        QProcess kansoku;
        kansoku.setProcessChannelMode(QProcess::ForwardedChannels);
        endWithParent(kansoku);
        kansoku.start(parser.value(kansokuOption),
                      {QStringLiteral("--db"), databasePath, QStringLiteral("--grpc-port"),
                       QString::number(grpcPort), QStringLiteral("--http-port"),
                       QString::number(httpPort), QStringLiteral("--max-db-mib"),
                       parser.value(capOption), QStringLiteral("--stats-log"), csvPath,
                       QStringLiteral("--stats-interval"), QString::number(intervalSeconds)});
        if (!kansoku.waitForStarted()) {
            std::fprintf(stderr, "cannot start kansoku: %s\n", qPrintable(kansoku.errorString()));
            return 1;
        }
        // The log's header is written once the window's runtime has started.
        QElapsedTimer clock;
        clock.start();
        while (!QFileInfo::exists(csvPath) && clock.elapsed() < 60000
               && kansoku.state() == QProcess::Running)
            kansoku.waitForFinished(200);
        if (!QFileInfo::exists(csvPath)) {
            std::fprintf(stderr, "kansoku did not start its statistics log %s\n",
                         qPrintable(csvPath));
            kansoku.kill();
            return 1;
        }

        QProcess workload;
        workload.setProcessChannelMode(QProcess::ForwardedChannels);
        endWithParent(workload);
        workload.start(QStringLiteral("node"),
                       {parser.value(workloadOption), QStringLiteral("--endpoint"),
                        QStringLiteral("http://127.0.0.1:%1").arg(httpPort),
                        QStringLiteral("--history-minutes"), QStringLiteral("0"),
                        QStringLiteral("--live-seconds"), QString::number(durationSeconds),
                        QStringLiteral("--live-requests-per-second"), parser.value(rateOption)});
        if (!workload.waitForStarted()) {
            std::fprintf(stderr, "cannot start node: %s\n", qPrintable(workload.errorString()));
            kansoku.terminate();
            kansoku.waitForFinished(120000);
            return 1;
        }
        std::printf("Soak: %d s at %s requests/s, cap %s MiB, session %s, statistics in %s\n",
                    durationSeconds, qPrintable(parser.value(rateOption)),
                    qPrintable(parser.value(capOption)), qPrintable(databasePath),
                    qPrintable(csvPath));
        std::fflush(stdout);
        // Progress: the newest statistics line once a minute. Both children are polled each
        // second: a QProcess notices its child's end only while it is waited on.
        const qint64 deadlineMs = (qint64(durationSeconds) + 120) * 1000;
        QElapsedTimer sinceProgress;
        sinceProgress.start();
        while (!workload.waitForFinished(1000) && clock.elapsed() < deadlineMs) {
            if (kansoku.waitForFinished(0) || kansoku.state() != QProcess::Running) {
                std::fprintf(stderr, "kansoku ended during the run after %lld s (%s, status %d)\n",
                             clock.elapsed() / 1000,
                             kansoku.exitStatus() == QProcess::CrashExit ? "crashed" : "exited",
                             kansoku.exitCode());
                exitCode = 1;
                break;
            }
            if (sinceProgress.elapsed() >= 60000) {
                sinceProgress.restart();
                std::printf("  %s\n", qPrintable(lastLine(csvPath)));
                std::fflush(stdout);
            }
        }
        if (workload.state() == QProcess::Running) {
            workload.terminate();
            workload.waitForFinished(30000);
        }
        // Two more lines after the load, then a clean stop (SIGTERM: drain, commit).
        if (kansoku.state() == QProcess::Running)
            QThread::sleep(2 * intervalSeconds);
        kansoku.terminate();
        if ((kansoku.state() == QProcess::Running && !kansoku.waitForFinished(180000))
            || kansoku.exitStatus() != QProcess::NormalExit || kansoku.exitCode() != 0) {
            std::fprintf(stderr, "kansoku did not stop cleanly\n");
            exitCode = 1;
        }
    }

    const StatsTable table = readStats(csvPath);
    printSummary(table);
    if (renderPlot(table, pngPath))
        std::printf("Plot: %s\n", qPrintable(pngPath));
    else
        std::fprintf(stderr, "no plot: %s holds no statistics lines\n", qPrintable(csvPath));
    return exitCode;
}
