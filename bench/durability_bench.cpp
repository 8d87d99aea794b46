// kansoku_durability_bench: what a crash during sustained ingest loses. Each round starts
// `kansoku --headless` on a fresh session, sends pre-encoded trace requests (512 spans each) as
// fast as they are acknowledged, kills the process with SIGKILL after a random 2–5 s, then opens
// the file: is it intact, and which acknowledged requests are missing (one request is stored in
// one transaction or not at all, so its first trace id tells)? Prints, per round and as medians
// and ranges, the acknowledged rate, the acknowledged spans lost, those as milliseconds of
// ingest at that rate, and how long before the kill the oldest lost request was acknowledged.
// Prints figures; asserts nothing.
#include "bench_request_factory.h"
#include "grpc_load_client.h"
#include "headless_kansoku_process.h"
#include "http_load_client.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QTemporaryDir>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <random>
#include <sqlite3.h>
#include <thread>
#include <unordered_set>

using namespace kansoku::bench;
using Clock = std::chrono::steady_clock;

namespace {

struct Acknowledged
{
    std::uint64_t sequence = 0;
    Clock::time_point at;
};

struct RoundResult
{
    double sendingSeconds = 0;
    std::int64_t acknowledgedRequests = 0;
    std::int64_t lostRequests = 0;
    double oldestLostAgeMs = 0; // how long before the kill the oldest lost request was acked
    bool intact = false;
    QString error;
};

// The trace ids in the session at path, after SQLite has recovered its write-ahead log.
bool readTraceIds(const QString &path, std::unordered_set<std::string> *ids, bool *intact,
                  QString *error)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr)
        != SQLITE_OK) {
        *error
            = QStringLiteral("cannot open %1: %2").arg(path, QString::fromUtf8(sqlite3_errmsg(db)));
        sqlite3_close(db);
        return false;
    }
    sqlite3_stmt *check = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr);
    *intact = sqlite3_step(check) == SQLITE_ROW
              && std::string_view(reinterpret_cast<const char *>(sqlite3_column_text(check, 0)))
                     == "ok";
    sqlite3_finalize(check);
    sqlite3_stmt *select = nullptr;
    sqlite3_prepare_v2(db, "SELECT trace_id FROM traces", -1, &select, nullptr);
    while (sqlite3_step(select) == SQLITE_ROW) {
        ids->emplace(static_cast<const char *>(sqlite3_column_blob(select, 0)),
                     std::size_t(sqlite3_column_bytes(select, 0)));
    }
    sqlite3_finalize(select);
    sqlite3_close(db);
    return true;
}

RoundResult runRound(const QString &program, const RequestTemplate &request,
                     const QString &transport, int concurrency, double killAfterSeconds,
                     std::atomic<std::uint64_t> &sequence)
{
    RoundResult result;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("durability.kansoku"));
    const quint16 grpcPort = 14337;
    const quint16 httpPort = 14338;
    HeadlessKansokuProcess kansoku;
    if (!kansoku.start(program, path, grpcPort, httpPort, &result.error))
        return result;

    std::atomic<bool> stopping{false};
    std::mutex acknowledgedMutex;
    std::vector<Acknowledged> acknowledged;
    std::vector<std::thread> senders;
    for (int thread = 0; thread < concurrency; ++thread) {
        senders.emplace_back([&] {
            std::unique_ptr<LoadClient> client;
            if (transport == QLatin1String("grpc"))
                client = std::make_unique<GrpcLoadClient>("127.0.0.1:" + std::to_string(grpcPort));
            else
                client = std::make_unique<HttpLoadClient>("127.0.0.1", httpPort);
            while (!stopping.load()) {
                const std::uint64_t number = sequence.fetch_add(1);
                if (client->send("/v1/traces", request.instantiate(number))
                    == SendOutcome::Accepted) {
                    const std::lock_guard lock(acknowledgedMutex);
                    acknowledged.push_back({number, Clock::now()});
                }
            }
        });
    }
    const Clock::time_point start = Clock::now();
    while (Clock::now() - start < std::chrono::duration<double>(killAfterSeconds))
        kansoku.poll(100); // keeps its output pipe drained
    kansoku.kill();
    const Clock::time_point killedAt = Clock::now();
    stopping.store(true);
    for (std::thread &sender : senders)
        sender.join();
    result.sendingSeconds = std::chrono::duration<double>(killedAt - start).count();

    std::unordered_set<std::string> stored;
    if (!readTraceIds(path, &stored, &result.intact, &result.error))
        return result;
    result.acknowledgedRequests = std::int64_t(acknowledged.size());
    for (const Acknowledged &ack : acknowledged) {
        if (stored.count(request.firstTraceId(ack.sequence)) != 0)
            continue;
        ++result.lostRequests;
        result.oldestLostAgeMs
            = std::max(result.oldestLostAgeMs,
                       std::chrono::duration<double, std::milli>(killedAt - ack.at).count());
    }
    return result;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("What kill -9 during ingest loses"));
    parser.addHelpOption();
    const QCommandLineOption kansokuOption(
        QStringLiteral("kansoku"), QStringLiteral("kansoku executable."), QStringLiteral("path"),
        QStringLiteral(KANSOKU_EXECUTABLE));
    const QCommandLineOption killsOption(QStringLiteral("kills"), QStringLiteral("Rounds."),
                                         QStringLiteral("count"), QStringLiteral("10"));
    const QCommandLineOption transportOption(QStringLiteral("transport"),
                                             QStringLiteral("grpc or http."),
                                             QStringLiteral("transport"), QStringLiteral("http"));
    const QCommandLineOption concurrencyOption(QStringLiteral("concurrency"),
                                               QStringLiteral("Sender threads."),
                                               QStringLiteral("count"), QStringLiteral("4"));
    parser.addOptions({kansokuOption, killsOption, transportOption, concurrencyOption});
    parser.process(app);
    const QString program = parser.value(kansokuOption);
    const int kills = std::max(1, parser.value(killsOption).toInt());
    const QString transport = parser.value(transportOption);
    const int concurrency = std::max(1, parser.value(concurrencyOption).toInt());

    BenchRequestFactory factory(7);
    const RequestTemplate request = factory.traceRequest(512);
    std::atomic<std::uint64_t> sequence{std::uint64_t(QDateTime::currentMSecsSinceEpoch()) << 20};
    std::mt19937 random(12345);
    std::uniform_real_distribution<double> killAfter(2.0, 5.0);

    std::printf("%s, %s, %d senders, requests of 512 spans, SIGKILL after 2-5 s\n",
                qPrintable(program), qPrintable(transport), concurrency);
    std::printf("round  seconds  acked spans/s  lost spans  lost ms of ingest  oldest lost ack  "
                "file\n");
    std::vector<double> rates;
    std::vector<double> lostMs;
    std::vector<double> oldestLost;
    for (int round = 1; round <= kills; ++round) {
        const RoundResult result
            = runRound(program, request, transport, concurrency, killAfter(random), sequence);
        if (!result.error.isEmpty()) {
            std::fprintf(stderr, "round %d: %s\n", round, qPrintable(result.error));
            return 1;
        }
        const double spansPerSecond = double(result.acknowledgedRequests)
                                      * double(request.itemCount()) / result.sendingSeconds;
        const double lostSpans = double(result.lostRequests) * double(request.itemCount());
        const double lostMilliseconds
            = spansPerSecond > 0 ? lostSpans / spansPerSecond * 1000.0 : 0;
        std::printf("%5d  %7.1f  %13.0f  %10.0f  %17.0f  %12.0f ms  %s\n", round,
                    result.sendingSeconds, spansPerSecond, lostSpans, lostMilliseconds,
                    result.oldestLostAgeMs, result.intact ? "intact" : "DAMAGED");
        rates.push_back(spansPerSecond);
        lostMs.push_back(lostMilliseconds);
        oldestLost.push_back(result.oldestLostAgeMs);
    }
    const auto range = [](const std::vector<double> &values) {
        const auto [low, high] = std::minmax_element(values.begin(), values.end());
        return std::pair{*low, *high};
    };
    std::printf("\nmedian (range) over %d kills: acked %.0f spans/s (%.0f-%.0f); lost %.0f ms of "
                "ingest (%.0f-%.0f); oldest lost ack %.0f ms before the kill (%.0f-%.0f)\n",
                kills, median(rates), range(rates).first, range(rates).second, median(lostMs),
                range(lostMs).first, range(lostMs).second, median(oldestLost),
                range(oldestLost).first, range(oldestLost).second);
    return 0;
}
