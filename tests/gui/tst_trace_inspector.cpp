#include "flame_graph_view.h"
#include "span_details_view.h"
#include "support/synthetic_trace.h"
#include "support/trace_test_builder.h"
#include "trace_inspector.h"
#include "trace_waterfall_view.h"
#include "view/span_details_model.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace kansoku;
using kansoku::test::spanId;
using kansoku::test::TraceTestBuilder;

class TestTraceInspector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyStateWithoutTrace();
    void headerShowsTraceFacts();
    void clickBarEmitsSpanSelected();
    void selectSpanExpandsCollapsedAncestors();
    void clickLinkEmitsLinkActivated();
    void logsButtonsEmitIds();
    void flameClickSelectsInWaterfall();
    void hugeTraceBuildsInBackground();
    void highlightedSpansMarkWaterfallRows();
    void highlightWaitsForTheBackgroundBuild();
    void criticalPathButtonMarksTheWaterfall();
};

static std::shared_ptr<const Trace> sampleTrace()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000, 0, "GET /checkout")
        .span(2, 1, 100, 400, 1, "PlaceOrder")
        .span(3, 2, 150, 300, 2, "SELECT stock", true)
        .span(4, 1, 500, 900, 1, "Charge")
        .span(5, 99, 600, 700, 2, "late callback"); // orphan
    SpanLink link;
    link.traceId.bytes[15] = 0x77;
    link.spanId = spanId(0x55);
    builder.last().links.push_back(link);
    return builder.build();
}

static QString labelText(TraceInspector &view, const char *name)
{
    auto *label = view.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

void TestTraceInspector::emptyStateWithoutTrace()
{
    TraceInspector view;
    view.show();
    auto *stack = view.findChild<QStackedWidget *>();
    auto *empty = view.findChild<QLabel *>(QStringLiteral("emptyStateLabel"));
    QCOMPARE(stack->currentWidget(), empty);
    QCOMPARE(empty->text(), QStringLiteral("Select a trace…"));
    view.setTrace(sampleTrace());
    QVERIFY(stack->currentWidget() != empty);
    view.setTrace(nullptr);
    QCOMPARE(stack->currentWidget(), empty);
    QVERIFY(view.selectedSpanId().isZero());
}

void TestTraceInspector::headerShowsTraceFacts()
{
    TraceInspector view;
    view.setTrace(sampleTrace());
    QVERIFY(labelText(view, "traceTitle").contains(QStringLiteral("frontend")));
    QVERIFY(labelText(view, "traceTitle").contains(QStringLiteral("GET /checkout")));
    QCOMPARE(labelText(view, "traceIdLabel"), QStringLiteral("ab000000000000000000000000000000"));
    const QString facts = labelText(view, "traceFacts");
    QVERIFY2(facts.contains(QStringLiteral("5 spans")), qPrintable(facts));
    QVERIFY2(facts.contains(QStringLiteral("3 services")), qPrintable(facts));
    QVERIFY2(facts.contains(QStringLiteral("1 error")), qPrintable(facts));
    QVERIFY2(facts.contains(QStringLiteral("1 orphan span")), qPrintable(facts));
    QVERIFY2(facts.contains(QStringLiteral("1 µs")), qPrintable(facts)); // 1000 ns duration
    // The root is selected from the start, so the details are never blank.
    QCOMPARE(view.selectedSpanId(), spanId(1));
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("spanTitle"))->text(),
             QStringLiteral("GET /checkout"));
}

void TestTraceInspector::clickBarEmitsSpanSelected()
{
    TraceInspector view;
    view.resize(1400, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTrace(sampleTrace());
    QSignalSpy selected(&view, &TraceInspector::spanSelected);
    TraceWaterfallView *waterfall = view.waterfallView();
    const int charge = waterfall->tree()->nodeForSpan(spanId(4));
    QTest::mouseClick(waterfall->viewport(), Qt::LeftButton, {},
                      waterfall->barRect(charge).center().toPoint());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).value<TraceId>(), view.trace()->traceId);
    QCOMPARE(selected.at(0).at(1).value<SpanId>(), spanId(4));
    QCOMPARE(view.selectedSpanId(), spanId(4));
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("spanTitle"))->text(),
             QStringLiteral("Charge"));
}

void TestTraceInspector::selectSpanExpandsCollapsedAncestors()
{
    TraceInspector view;
    view.resize(1400, 700);
    view.show();
    view.setTrace(sampleTrace());
    TraceWaterfallView *waterfall = view.waterfallView();
    waterfall->setCollapsed(0, true);
    const int select = waterfall->tree()->nodeForSpan(spanId(3));
    QCOMPARE(waterfall->tree()->rowOfNode(select), -1);
    QSignalSpy selected(&view, &TraceInspector::spanSelected);
    view.selectSpan(spanId(3));
    QCOMPARE(view.selectedSpanId(), spanId(3));
    QCOMPARE(waterfall->tree()->rowOfNode(select), 2);
    QVERIFY(!waterfall->barRect(select).isEmpty());
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("spanTitle"))->text(),
             QStringLiteral("SELECT stock"));
    QCOMPARE(selected.count(), 0);
    view.selectSpan(spanId(12345)); // unknown: selection unchanged
    QCOMPARE(view.selectedSpanId(), spanId(3));
}

void TestTraceInspector::clickLinkEmitsLinkActivated()
{
    TraceInspector view;
    view.resize(1400, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTrace(sampleTrace());
    view.selectSpan(spanId(5));
    QSignalSpy links(&view, &TraceInspector::linkActivated);
    QTreeView *tree = view.detailsView()->treeView();
    SpanDetailsModel *model = view.detailsView()->model();
    const QModelIndex linkIndex = model->index(0, SpanDetailsModel::ValueColumn,
                                               model->sectionIndex(QStringLiteral("Links")));
    QVERIFY(linkIndex.isValid());
    tree->scrollTo(linkIndex);
    const QRect rect = tree->visualRect(linkIndex);
    QVERIFY(!rect.isEmpty());
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(links.count(), 1);
    TraceId expectedTrace;
    expectedTrace.bytes[15] = 0x77;
    QCOMPARE(links.at(0).at(0).value<TraceId>(), expectedTrace);
    QCOMPARE(links.at(0).at(1).value<SpanId>(), spanId(0x55));
}

void TestTraceInspector::logsButtonsEmitIds()
{
    TraceInspector view;
    view.show();
    view.setTrace(sampleTrace());
    view.selectSpan(spanId(2));
    QSignalSpy spanLogs(&view, &TraceInspector::logsOfSpanRequested);
    QSignalSpy traceLogs(&view, &TraceInspector::logsOfTraceRequested);
    QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("spanLogsButton")),
                      Qt::LeftButton);
    QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("traceLogsButton")),
                      Qt::LeftButton);
    QCOMPARE(spanLogs.count(), 1);
    QCOMPARE(spanLogs.at(0).at(0).value<TraceId>(), view.trace()->traceId);
    QCOMPARE(spanLogs.at(0).at(1).value<SpanId>(), spanId(2));
    QCOMPARE(traceLogs.count(), 1);
    QCOMPARE(traceLogs.at(0).at(0).value<TraceId>(), view.trace()->traceId);
}

void TestTraceInspector::flameClickSelectsInWaterfall()
{
    TraceInspector view;
    view.resize(1400, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTrace(sampleTrace());
    view.findChild<QTabWidget *>()->setCurrentIndex(1);
    FlameGraphView *flame = view.flameGraphView();
    QSignalSpy selected(&view, &TraceInspector::spanSelected);
    const int placeOrder = view.waterfallView()->tree()->nodeForSpan(spanId(2));
    QTest::mouseClick(flame->viewport(), Qt::LeftButton, {},
                      flame->boxRect(placeOrder).center().toPoint());
    QCOMPARE(flame->focusNode(), placeOrder);
    QCOMPARE(flame->breadcrumbText(), QStringLiteral("All spans › GET /checkout › PlaceOrder"));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(view.waterfallView()->selectedNode(), placeOrder);
    QCOMPARE(view.selectedSpanId(), spanId(2));
}

void TestTraceInspector::hugeTraceBuildsInBackground()
{
    TraceInspector view;
    QSignalSpy ready(&view, &TraceInspector::treeReady);
    const auto trace = makeSyntheticTrace({int(TraceInspector::BackgroundBuildThreshold) + 10, 9});
    view.setTrace(trace);
    QVERIFY(view.isBuilding());
    const SpanId wanted = trace->spans[1000].span.spanId;
    view.selectSpan(wanted); // remembered until the tree arrives
    QCOMPARE(view.selectedSpanId(), wanted);
    // A newer trace makes the pending build stale; its answer must be dropped.
    const auto second = makeSyntheticTrace({int(TraceInspector::BackgroundBuildThreshold) + 20, 4});
    view.setTrace(second);
    view.selectSpan(second->spans[42].span.spanId);
    QVERIFY(ready.wait(30000));
    QCOMPARE(ready.count(), 1);
    QVERIFY(!view.isBuilding());
    QCOMPARE(view.waterfallView()->tree()->nodeCount(), int(second->spans.size()));
    QCOMPARE(view.selectedSpanId(), second->spans[42].span.spanId);
}

void TestTraceInspector::highlightedSpansMarkWaterfallRows()
{
    TraceInspector view;
    view.resize(1400, 700);
    view.show();
    view.setTrace(sampleTrace());
    TraceWaterfallView *waterfall = view.waterfallView();
    const std::shared_ptr<SpanTree> tree = waterfall->tree();
    waterfall->setCollapsed(0, true);
    const int stock = tree->nodeForSpan(spanId(3));
    const int charge = tree->nodeForSpan(spanId(4));
    QCOMPARE(tree->rowOfNode(stock), -1);
    // Ids the trace does not hold are ignored.
    view.setHighlightedSpans({spanId(4), spanId(3), spanId(12345)});
    QCOMPARE(view.highlightedSpans().size(), std::size_t(3));
    QCOMPARE(waterfall->highlightedNodes(),
             (std::vector<int>{std::min(stock, charge), std::max(stock, charge)}));
    QVERIFY(tree->rowOfNode(stock) >= 0);
    // A new trace starts without them.
    view.setTrace(sampleTrace());
    QVERIFY(view.highlightedSpans().empty());
    QVERIFY(view.waterfallView()->highlightedNodes().empty());
}

void TestTraceInspector::highlightWaitsForTheBackgroundBuild()
{
    TraceInspector view;
    QSignalSpy ready(&view, &TraceInspector::treeReady);
    const auto trace = makeSyntheticTrace({int(TraceInspector::BackgroundBuildThreshold) + 10, 9});
    view.setTrace(trace);
    QVERIFY(view.isBuilding());
    const SpanId first = trace->spans[1000].span.spanId;
    const SpanId second = trace->spans[2000].span.spanId;
    view.setHighlightedSpans({first, second});
    view.selectSpan(first);
    QVERIFY(ready.wait(30000));
    const std::shared_ptr<SpanTree> tree = view.waterfallView()->tree();
    std::vector<int> expected{tree->nodeForSpan(first), tree->nodeForSpan(second)};
    std::sort(expected.begin(), expected.end());
    QCOMPARE(view.waterfallView()->highlightedNodes(), expected);
    QCOMPARE(view.selectedSpanId(), first);
}

void TestTraceInspector::criticalPathButtonMarksTheWaterfall()
{
    TraceInspector view;
    view.resize(1000, 600);
    view.show();
    view.setTrace(sampleTrace());
    auto *button = view.findChild<QToolButton *>(QStringLiteral("criticalPathButton"));
    QVERIFY(button);
    QVERIFY(button->isCheckable());
    QVERIFY(!view.waterfallView()->isCriticalPathShown());
    button->click();
    QVERIFY(view.waterfallView()->isCriticalPathShown());
    QVERIFY(!view.waterfallView()->criticalPathByNode().empty());
    button->click();
    QVERIFY(!view.waterfallView()->isCriticalPathShown());
}

QTEST_MAIN(TestTraceInspector)
#include "tst_trace_inspector.moc"
