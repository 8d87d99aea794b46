// Opening a big trace the way the traces pane does: read it from a real session file (its spans
// interleaved with other traffic, as when it arrived live), then show it in a TraceInspector and
// paint the first frame. Prints the figures per step, wall and CPU time (of the whole process: the
// tree is built on a pool thread); run with QT_QPA_PLATFORM=offscreen.
#include "cpu_figures.h"
#include "support/synthetic_trace.h"
#include "telemetry_store.h"
#include "trace_inspector.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <thread>

using namespace kansoku;

namespace {

// Turns a stored trace back into the batches an exporter would send, keyed by resource.
std::vector<TelemetryBatchPtr> batchesOf(const Trace &trace, std::size_t spansPerBatch)
{
    std::vector<TelemetryBatchPtr> batches;
    for (std::size_t first = 0; first < trace.spans.size(); first += spansPerBatch) {
        auto batch = std::make_shared<TelemetryBatch>();
        const std::size_t last = std::min(trace.spans.size(), first + spansPerBatch);
        for (std::size_t i = first; i < last; ++i) {
            const TraceSpan &stored = trace.spans[i];
            const Resource &resource = trace.resources[std::size_t(stored.resourceIndex)];
            auto it = std::find_if(batch->resourceSpans.begin(), batch->resourceSpans.end(),
                                   [&](const ResourceSpans &r) { return r.resource == resource; });
            if (it == batch->resourceSpans.end()) {
                batch->resourceSpans.push_back({resource, {}, {ScopeSpans{}}});
                it = std::prev(batch->resourceSpans.end());
                it->scopeSpans.front().scope = trace.scopes[std::size_t(stored.scopeIndex)];
            }
            it->scopeSpans.front().spans.push_back(stored.span);
        }
        batches.push_back(std::move(batch));
    }
    return batches;
}

void offer(TelemetryStore &store, const TelemetryBatchPtr &batch)
{
    while (store.offer(batch) != OfferResult::Accepted)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

double cpuMsSince(std::int64_t startNs)
{
    return double(bench::processCpuNs() - startNs) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int bigSpans = argc > 1 ? std::atoi(argv[1]) : 100000;
    constexpr int backgroundTraces = 4000;
    constexpr int backgroundSpansEach = 100;

    QTemporaryDir directory;
    StorageOptions options;
    options.databasePath = directory.filePath(QStringLiteral("open.kansoku"));
    SyntheticTraceOptions bigOptions;
    bigOptions.spanCount = bigSpans;
    bigOptions.seed = 7;
    const std::shared_ptr<const Trace> big = makeSyntheticTrace(bigOptions);
    {
        TelemetryStore store(options);
        QString error;
        if (!store.open(&error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        // The big trace arrives in 500-span batches between batches of ordinary traffic, so its
        // rows are spread over the file as they would be after a live session.
        const std::vector<TelemetryBatchPtr> bigBatches = batchesOf(*big, 500);
        std::size_t next = 0;
        for (int i = 0; i < backgroundTraces; ++i) {
            SyntheticTraceOptions small;
            small.spanCount = backgroundSpansEach;
            small.seed = std::uint32_t(1000 + i);
            small.withOrphan = false;
            offer(store, batchesOf(*makeSyntheticTrace(small), backgroundSpansEach).front());
            if (i % (backgroundTraces / int(bigBatches.size()) + 1) == 0
                && next < bigBatches.size())
                offer(store, bigBatches[next++]);
        }
        while (next < bigBatches.size())
            offer(store, bigBatches[next++]);
        store.close();
    }

    TelemetryStore store(options);
    QString error;
    store.open(&error);
    const auto queries = store.queries();
    std::printf("session: %lld spans in %lld traces; the big trace has %d spans\n",
                static_cast<long long>(queries->totals().spans),
                static_cast<long long>(queries->totals().traces), bigSpans);

    TraceInspector view;
    view.resize(1920, 1080);
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        std::int64_t cpuStartNs = bench::processCpuNs();
        std::optional<Trace> loaded = queries->trace(big->traceId);
        const double readMs = msSince(timer);
        const double readCpuMs = cpuMsSince(cpuStartNs);
        if (!loaded || loaded->spans.size() != big->spans.size()) {
            std::fprintf(stderr, "trace read back incompletely\n");
            return 1;
        }
        timer.restart();
        cpuStartNs = bench::processCpuNs();
        view.setTrace(std::make_shared<const Trace>(std::move(*loaded)));
        while (view.isBuilding())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        const double showMs = msSince(timer);
        const double showCpuMs = cpuMsSince(cpuStartNs);
        timer.restart();
        cpuStartNs = bench::processCpuNs();
        QImage frame(view.size(), QImage::Format_ARGB32_Premultiplied);
        view.render(&frame);
        const double paintMs = msSince(timer);
        const double paintCpuMs = cpuMsSince(cpuStartNs);
        std::printf("%s: read %.1f ms + show (tree, geometry) %.1f ms + first paint %.1f ms = "
                    "%.1f ms; CPU %.1f + %.1f + %.1f = %.1f ms\n",
                    run == 0 ? "first open (file cache warm from writing)" : "open again", readMs,
                    showMs, paintMs, readMs + showMs + paintMs, readCpuMs, showCpuMs, paintCpuMs,
                    readCpuMs + showCpuMs + paintCpuMs);
        view.setTrace(nullptr);
    }
    store.close();
    return 0;
}
