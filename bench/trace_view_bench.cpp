// Prints figures for the trace view on synthetic traces: span tree build (and its repeated-sibling
// groups, also on an N+1-shaped trace), waterfall/overview/flame geometry, and paint frame times
// rendering the waterfall into a 1920×1080 QImage (offscreen).
// `--png DIR` also saves screenshots of the whole TraceInspector. Figures, not asserts.
#include "analysis/flame_graph_layout.h"
#include "analysis/overview_geometry.h"
#include "analysis/span_tree.h"
#include "analysis/waterfall_geometry.h"
#include "flame_graph_view.h"
#include "support/synthetic_trace.h"
#include "support/trace_test_builder.h"
#include "trace_inspector.h"
#include "trace_waterfall_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QTabWidget>
#include <QWheelEvent>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace kansoku;

namespace {

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

struct Stats
{
    double median = 0;
    double p95 = 0;
    double max = 0;
};

Stats stats(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    const auto at = [&samples](double q) {
        return samples[std::min(samples.size() - 1, std::size_t(q * double(samples.size())))];
    };
    return {at(0.5), at(0.95), samples.back()};
}

double renderFrame(TraceWaterfallView &view, QImage &image)
{
    QElapsedTimer timer;
    timer.start();
    image.fill(Qt::white);
    view.viewport()->render(&image);
    return msSince(timer);
}

void printStats(const char *label, const Stats &s)
{
    std::printf("  %-44s median %7.2f ms  p95 %7.2f ms  max %7.2f ms\n", label, s.median, s.p95,
                s.max);
}

// An N+1 at scale: requests of one GET each running the same SELECT `calls` times.
std::shared_ptr<const Trace> nPlusOneTrace(int requests, int calls)
{
    test::TraceTestBuilder builder;
    const std::int64_t requestNs = std::int64_t(calls) * 100000 + 50000;
    builder.span(1, 0, 0, requests * requestNs, 0, "batch");
    std::uint64_t id = 10;
    for (int r = 0; r < requests; ++r) {
        const std::uint64_t request = id++;
        const std::int64_t start = r * requestNs;
        builder.span(request, 1, start, start + requestNs - 10000, 1, "GET /item");
        for (int q = 0; q < calls; ++q)
            builder.span(id++, request, start + q * 100000, start + q * 100000 + 80000, 2,
                         "SELECT items");
    }
    return builder.build();
}

void benchmarkGroups()
{
    std::printf("\n== N+1 shaped: 1,000 requests x 99 SELECTs (100,001 spans) ==\n");
    const auto trace = nPlusOneTrace(1000, 99);
    std::vector<double> builds;
    std::shared_ptr<SpanTree> tree;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        tree = std::make_shared<SpanTree>(trace);
        builds.push_back(msSince(timer));
    }
    std::printf("  %-44s %8.1f ms (median of 5; %d groups, %d rows)\n",
                "span tree build with groups", stats(builds).median, tree->groups().count(),
                tree->rowCount());
    QElapsedTimer timer;
    timer.start();
    tree->expandAll();
    std::printf("  %-44s %8.1f ms (%d rows)\n", "expand all groups", msSince(timer),
                tree->rowCount());
    timer.restart();
    tree->collapseToDepth(1);
    std::printf("  %-44s %8.1f ms (%d rows)\n", "fold them back (collapse to depth 1)",
                msSince(timer), tree->rowCount());
    const TimeScale full(tree->startTimeNs(), tree->endTimeNs(), 1920 - 360);
    timer.restart();
    const auto items = WaterfallGeometry::build(*tree, 0, 42, full, 24);
    std::printf("  %-44s %8.1f ms (%zu items; builds the group's lane)\n",
                "first geometry of the folded rows", msSince(timer), items.size());
}

void benchmark(int spanCount)
{
    std::printf("\n== %d spans ==\n", spanCount);
    QElapsedTimer timer;
    timer.start();
    auto trace = makeSyntheticTrace({spanCount, 11});
    std::printf("  %-44s %8.1f ms\n", "generate synthetic trace", msSince(timer));

    std::vector<double> builds;
    std::shared_ptr<SpanTree> tree;
    for (int i = 0; i < 5; ++i) {
        timer.restart();
        tree = std::make_shared<SpanTree>(trace);
        builds.push_back(msSince(timer));
    }
    std::printf("  %-44s %8.1f ms (median of 5; depth %d)\n", "span tree build",
                stats(builds).median, tree->maxDepth() + 1);
    std::vector<double> groupBuilds;
    int groupCount = 0;
    for (int i = 0; i < 5; ++i) {
        timer.restart();
        groupCount = SiblingGroups(tree->nodes(), *trace).count();
        groupBuilds.push_back(msSince(timer));
    }
    std::printf("  %-44s %8.1f ms (median of 5; %d groups; %d rows at first)\n",
                "  of which repeated-sibling groups", stats(groupBuilds).median, groupCount,
                tree->rowCount());

    timer.restart();
    const OverviewGeometry overview(*tree, 10);
    std::printf("  %-44s %8.1f ms\n", "overview lanes build (sort per depth)", msSince(timer));

    const TimeScale full(tree->startTimeNs(), tree->endTimeNs(), 1920 - 360);
    std::vector<double> overviewTimes;
    std::size_t overviewBoxes = 0;
    for (int i = 0; i < 20; ++i) {
        timer.restart();
        overviewBoxes = overview.build(full, 30).size();
        overviewTimes.push_back(msSince(timer));
    }
    std::printf("  %-44s %8.3f ms (%zu boxes for %d spans)\n",
                "overview geometry, all spans folded", stats(overviewTimes).median, overviewBoxes,
                spanCount);

    std::vector<double> waterfallTimes;
    for (int i = 0; i < 20; ++i) {
        timer.restart();
        WaterfallGeometry::build(*tree, i * 40, i * 40 + 42, full, 24);
        waterfallTimes.push_back(msSince(timer));
    }
    std::printf("  %-44s %8.3f ms\n", "waterfall geometry, 42 visible rows",
                stats(waterfallTimes).median);

    timer.restart();
    tree->setCollapsed(0, true);
    const double collapseMs = msSince(timer);
    timer.restart();
    const auto collapsed = WaterfallGeometry::build(*tree, 0, 42, full, 24);
    std::printf("  %-44s %8.1f ms + first geometry %.1f ms (%zu items)\n",
                "collapse root (rows + descendant lane)", collapseMs, msSince(timer),
                collapsed.size());
    timer.restart();
    WaterfallGeometry::build(*tree, 0, 42, full, 24);
    std::printf("  %-44s %8.3f ms\n", "collapsed root geometry, cached lane", msSince(timer));
    tree->expandAll();

    auto sharedTree = std::shared_ptr<const SpanTree>(tree);
    FlameGraphLayout flame(sharedTree);
    std::vector<double> flameTimes;
    std::size_t flameBoxes = 0;
    for (int i = 0; i < 10; ++i) {
        timer.restart();
        flameBoxes = flame.build(1560, 22).size();
        flameTimes.push_back(msSince(timer));
    }
    std::printf("  %-44s %8.3f ms (%zu boxes)\n", "flame graph layout, whole trace",
                stats(flameTimes).median, flameBoxes);

    // Paint: the real widget, rendered into a 1920×1080 image.
    TraceWaterfallView view;
    view.resize(1920, 1080);
    view.setTree(tree);
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    renderFrame(view, image); // warm-up: font caches
    std::vector<double> frames;
    for (int i = 0; i < 30; ++i) {
        view.viewport()->update();
        frames.push_back(renderFrame(view, image));
    }
    printStats("paint full view (cached geometry)", stats(frames));

    view.resetZoom();
    std::vector<double> zoomFrames;
    for (int i = 0; i < 30; ++i) {
        const TimeScale before = view.timeScale();
        QWheelEvent wheel(QPointF(1200, 500), view.viewport()->mapToGlobal(QPointF(1200, 500)),
                          QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ControlModifier,
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.viewport(), &wheel);
        if (before == view.timeScale())
            view.resetZoom();
        zoomFrames.push_back(renderFrame(view, image));
    }
    printStats("paint while zooming (Ctrl+wheel, 30 steps)", stats(zoomFrames));

    std::vector<double> scrollFrames;
    QScrollBar *bar = view.verticalScrollBar();
    for (int i = 0; i < 200; ++i) {
        bar->setValue((i * 997 * 24) % std::max(1, bar->maximum()));
        scrollFrames.push_back(renderFrame(view, image));
    }
    printStats("paint while scrolling rows (200 frames)", stats(scrollFrames));

    view.resetZoom();
    QWheelEvent zoomIn(QPointF(1000, 500), view.viewport()->mapToGlobal(QPointF(1000, 500)),
                       QPoint(), QPoint(0, 120 * 12), Qt::NoButton, Qt::ControlModifier,
                       Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &zoomIn);
    std::vector<double> panFrames;
    for (int i = 0; i < 200; ++i) {
        QWheelEvent pan(QPointF(1000, 500), view.viewport()->mapToGlobal(QPointF(1000, 500)),
                        QPoint(), QPoint(0, i % 40 < 20 ? -30 : 30), Qt::NoButton,
                        Qt::ShiftModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.viewport(), &pan);
        panFrames.push_back(renderFrame(view, image));
    }
    printStats("paint while panning zoomed in (200 frames)", stats(panFrames));
    std::printf("  %-44s %d\n", "waterfall geometry rebuilds during the run",
                view.geometryBuildCount());

    FlameGraphView flameView;
    flameView.resize(1920, 1080);
    flameView.setTree(sharedTree);
    QImage flameImage(flameView.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> flameFrames;
    for (int i = 0; i < 10; ++i) {
        timer.restart();
        flameImage.fill(Qt::white);
        flameView.viewport()->render(&flameImage);
        flameFrames.push_back(msSince(timer));
    }
    printStats("paint flame graph", stats(flameFrames));
}

void saveScreenshots(const QString &directory)
{
    auto trace = makeSyntheticTrace({140, 5});
    TraceInspector view;
    view.resize(1600, 900);
    view.setTrace(trace);
    view.show();
    // The first error span with events (in row order) makes a telling detail panel; one
    // collapsed subtree elsewhere shows the folded summary of hidden spans.
    const std::shared_ptr<SpanTree> &tree = view.waterfallView()->tree();
    int selected = -1;
    for (int n = 0; n < tree->nodeCount() && selected < 0; ++n) {
        if (tree->node(n).isError && !tree->span(n).events.empty())
            selected = n;
    }
    for (int n = 1; n < tree->nodeCount(); ++n) {
        const bool holdsSelection = selected > n && selected < tree->node(n).subtreeEnd;
        if (tree->node(n).childCount > 2 && !holdsSelection && n != selected) {
            view.waterfallView()->setCollapsed(n, true);
            break;
        }
    }
    if (selected >= 0)
        view.selectSpan(tree->span(selected).spanId);
    view.grab().save(directory + QStringLiteral("/trace_view_waterfall.png"));
    view.findChild<QTabWidget *>()->setCurrentIndex(1);
    view.flameGraphView()->setFocusNode(1);
    view.grab().save(directory + QStringLiteral("/trace_view_flame.png"));
    std::printf("screenshots saved in %s\n", qPrintable(directory));
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    const qsizetype png = args.indexOf(QStringLiteral("--png"));
    if (png >= 0 && png + 1 < args.size()) {
        saveScreenshots(args[png + 1]);
        return 0;
    }
    std::printf("Kansoku trace view benchmark (1920x1080, software raster, offscreen)\n");
    benchmark(100000);
    benchmarkGroups();
    benchmark(1000000);
    return 0;
}
