#include "core/ingest_counters.h"

#include <QTest>
#include <thread>
#include <vector>

using namespace kansoku;

class TestIngestCounters : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsSignalsAndTransportsApart();
    void concurrentWritersLoseNothing();
};

void TestIngestCounters::keepsSignalsAndTransportsApart()
{
    IngestCounters counters;
    counters.addReceived(TelemetrySignal::Traces, IngestTransport::Grpc, 10);
    counters.addReceived(TelemetrySignal::Traces, IngestTransport::Http, 5);
    counters.addRejected(TelemetrySignal::Logs, IngestTransport::Http, 2);
    counters.addMalformed(TelemetrySignal::Metrics, IngestTransport::Grpc);
    counters.addRefused(TelemetrySignal::Metrics, IngestTransport::Http, 7);
    counters.addUnauthorized(TelemetrySignal::Logs, IngestTransport::Grpc);
    counters.addUnauthorized(TelemetrySignal::Logs, IngestTransport::Grpc);
    counters.addUnauthorized(TelemetrySignal::Traces, IngestTransport::Http);
    counters.addPaused(TelemetrySignal::Metrics, IngestTransport::Grpc);
    counters.addPaused(TelemetrySignal::Metrics, IngestTransport::Http);
    counters.addPaused(TelemetrySignal::Logs, IngestTransport::Http);

    const IngestCountersSnapshot snapshot = counters.snapshot();
    QCOMPARE(snapshot.at(TelemetrySignal::Traces, IngestTransport::Grpc).received, 10);
    QCOMPARE(snapshot.at(TelemetrySignal::Traces, IngestTransport::Http).received, 5);
    QCOMPARE(snapshot.total(TelemetrySignal::Traces).received, 15);
    QCOMPARE(snapshot.at(TelemetrySignal::Logs, IngestTransport::Http).rejected, 2);
    QCOMPARE(snapshot.at(TelemetrySignal::Metrics, IngestTransport::Grpc).malformed, 1);
    QCOMPARE(snapshot.total(TelemetrySignal::Metrics).refused, 7);
    QCOMPARE(snapshot.at(TelemetrySignal::Logs, IngestTransport::Grpc).unauthorized, 2);
    QCOMPARE(snapshot.at(TelemetrySignal::Logs, IngestTransport::Http).unauthorized, 0);
    QCOMPARE(snapshot.total(TelemetrySignal::Traces).unauthorized, 1);
    QCOMPARE(snapshot.at(TelemetrySignal::Metrics, IngestTransport::Grpc).paused, 1);
    QCOMPARE(snapshot.total(TelemetrySignal::Metrics).paused, 2);
    QCOMPARE(snapshot.total(TelemetrySignal::Traces).paused, 0);
    const IngestCounts all = snapshot.total();
    QCOMPARE(all.received, 15);
    QCOMPARE(all.rejected, 2);
    QCOMPARE(all.malformed, 1);
    QCOMPARE(all.refused, 7);
    QCOMPARE(all.unauthorized, 3);
    QCOMPARE(all.paused, 3);
}

void TestIngestCounters::concurrentWritersLoseNothing()
{
    IngestCounters counters;
    std::vector<std::thread> writers;
    for (int i = 0; i < 4; ++i) {
        writers.emplace_back([&counters] {
            for (int n = 0; n < 10000; ++n)
                counters.addReceived(TelemetrySignal::Logs, IngestTransport::Grpc, 1);
        });
    }
    for (std::thread &writer : writers)
        writer.join();
    QCOMPARE(counters.snapshot().total(TelemetrySignal::Logs).received, 40000);
}

QTEST_GUILESS_MAIN(TestIngestCounters)
#include "tst_ingest_counters.moc"
