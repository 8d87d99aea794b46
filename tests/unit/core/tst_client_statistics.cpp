#include "core/client_statistics.h"
#include "core/resource.h"

#include <QTest>
#include <thread>
#include <vector>

using namespace kansoku;

namespace {

ClientService service(const std::string &name, std::int64_t items)
{
    ClientService result;
    result.serviceName = name;
    result.items = items;
    return result;
}

ClientRequest request(const std::string &peer, std::vector<ClientService> services)
{
    ClientRequest result;
    result.peerHost = peer;
    result.transport = IngestTransport::Grpc;
    result.encoding = "protobuf";
    result.compression = "none";
    result.services = std::move(services);
    return result;
}

} // namespace

class TestClientStatistics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsServiceAndSdkFromTheResource();
    void countsEachServiceOfARequest();
    void undecodedRequestCountsForThePeerWithoutService();
    void latestTransportAndRejectionWin();
    void evictsTheLeastRecentlySeenSender();
    void concurrentWritersLoseNothing();
};

void TestClientStatistics::readsServiceAndSdkFromTheResource()
{
    Resource resource;
    resource.attributes = {{"service.name", AnyValue::fromString("checkout")},
                           {"telemetry.sdk.language", AnyValue::fromString("python")},
                           {"telemetry.sdk.name", AnyValue::fromString("opentelemetry")},
                           {"telemetry.sdk.version", AnyValue::fromString("1.27.0")}};
    const ClientService read = ClientService::fromResource(resource, 4);
    QCOMPARE(read.serviceName, std::string("checkout"));
    QCOMPARE(read.sdkLanguage, std::string("python"));
    QCOMPARE(read.sdkName, std::string("opentelemetry"));
    QCOMPARE(read.sdkVersion, std::string("1.27.0"));
    QCOMPARE(read.items, 4);

    const ClientService bare = ClientService::fromResource(Resource(), 1);
    QCOMPARE(bare.serviceName, std::string("unknown_service"));
    QVERIFY(bare.sdkLanguage.empty());
}

void TestClientStatistics::countsEachServiceOfARequest()
{
    ClientStatistics statistics;
    statistics.record(request("10.0.0.1", {service("a", 3), service("b", 5)}), 1000);
    statistics.record(request("10.0.0.1", {service("a", 2)}), 2000);
    statistics.record(request("10.0.0.2", {service("a", 7)}), 3000);

    const std::vector<ClientActivity> rows = statistics.snapshot();
    QCOMPARE(rows.size(), std::size_t(3));
    QCOMPARE(rows[0].peerHost, std::string("10.0.0.1"));
    QCOMPARE(rows[0].serviceName, std::string("a"));
    QCOMPARE(rows[0].requests, 2);
    QCOMPARE(rows[0].items, 5);
    QCOMPARE(rows[0].lastSeenMs, 2000);
    QCOMPARE(rows[1].serviceName, std::string("b"));
    QCOMPARE(rows[1].requests, 1);
    QCOMPARE(rows[1].items, 5);
    QCOMPARE(rows[1].lastSeenMs, 1000);
    QCOMPARE(rows[2].peerHost, std::string("10.0.0.2"));
    QCOMPARE(rows[2].items, 7);
    QCOMPARE(rows[2].rejections, 0);
}

void TestClientStatistics::undecodedRequestCountsForThePeerWithoutService()
{
    ClientStatistics statistics;
    ClientRequest broken = request("10.0.0.1", {});
    broken.rejected = true;
    broken.reason = "truncated message";
    statistics.record(broken, 5);
    const std::vector<ClientActivity> rows = statistics.snapshot();
    QCOMPARE(rows.size(), std::size_t(1));
    QVERIFY(rows[0].serviceName.empty());
    QCOMPARE(rows[0].requests, 1);
    QCOMPARE(rows[0].items, 0);
    QCOMPARE(rows[0].rejections, 1);
    QCOMPARE(rows[0].lastRejection, std::string("truncated message"));
}

void TestClientStatistics::latestTransportAndRejectionWin()
{
    ClientStatistics statistics;
    ClientService sdk = service("a", 1);
    sdk.sdkLanguage = "go";
    ClientRequest first = request("h", {sdk});
    first.rejected = true;
    first.reason = "first";
    statistics.record(first, 1);
    ClientRequest second = request("h", {service("a", 1)});
    second.transport = IngestTransport::Http;
    second.encoding = "json";
    second.compression = "gzip";
    second.rejected = true;
    second.reason = "second";
    statistics.record(second, 2);
    statistics.record(request("h", {service("a", 1)}), 3);

    const ClientActivity row = statistics.snapshot().at(0);
    QCOMPARE(row.transport, IngestTransport::Grpc);
    QCOMPARE(row.encoding, std::string("protobuf"));
    QCOMPARE(row.compression, std::string("none"));
    QCOMPARE(row.sdkLanguage, std::string("go")); // kept: later requests named no SDK
    QCOMPARE(row.requests, 3);
    QCOMPARE(row.items, 3);
    QCOMPARE(row.rejections, 2);
    QCOMPARE(row.lastRejection, std::string("second"));
    QCOMPARE(row.lastSeenMs, 3);
}

void TestClientStatistics::evictsTheLeastRecentlySeenSender()
{
    ClientStatistics statistics(2);
    statistics.record(request("h", {service("a", 1)}), 1);
    statistics.record(request("h", {service("b", 1)}), 2);
    statistics.record(request("h", {service("a", 1)}), 3); // b is now the least recently seen
    statistics.record(request("h", {service("c", 1)}), 4);
    const std::vector<ClientActivity> rows = statistics.snapshot();
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(rows[0].serviceName, std::string("a"));
    QCOMPARE(rows[0].requests, 2);
    QCOMPARE(rows[1].serviceName, std::string("c"));
}

void TestClientStatistics::concurrentWritersLoseNothing()
{
    ClientStatistics statistics;
    constexpr int threadCount = 4;
    constexpr int requestsPerThread = 2000;
    std::vector<std::thread> threads;
    for (int t = 0; t < threadCount; ++t) {
        threads.emplace_back([&statistics, t] {
            for (int i = 0; i < requestsPerThread; ++i)
                statistics.record(request("h", {service(t % 2 ? "s1" : "s0", 2)}), i);
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    const std::vector<ClientActivity> rows = statistics.snapshot();
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(rows[0].requests + rows[1].requests, threadCount * requestsPerThread);
    QCOMPARE(rows[0].items + rows[1].items, 2 * threadCount * requestsPerThread);
}

QTEST_GUILESS_MAIN(TestClientStatistics)
#include "tst_client_statistics.moc"
