#include "flame_graph_view.h"
#include "span_details_view.h"
#include "support/span_tree_rows.h"
#include "support/synthetic_trace.h"
#include "support/trace_test_builder.h"
#include "trace_inspector.h"
#include "trace_waterfall_view.h"
#include "ui_language.h"
#include "view/span_details_model.h"

#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

using namespace kansoku;
using kansoku::test::spanId;
using kansoku::test::TraceTestBuilder;

class TestTraceInspector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
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
    void criticalPathLineSharesTimeByService();
    void collapseToCriticalPathFoldsTheRest();
    void findDimsOtherRowsAndStepsThroughMatches();
    void findFiltersByServiceAndKind();
    void findKeysAndInvalidText();
    void findKeepsItsTextForTheNextTrace();
    void findKeepsAGroupWithAMatchBright();
    void findFadesFlameGraphFramesAndStepsThere();
    void reloadKeepsFoldingSelectionAndScroll();
    void reloadKeepsASelectedGroupRowFolded();
    void reloadOpensAGroupFormedOfShownRows();
    void anotherTraceStartsAfresh();
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

// sampleTrace with kinds: the root a server, PlaceOrder internal, the SELECT and Charge clients.
static std::shared_ptr<const Trace> kindedTrace()
{
    auto trace = std::make_shared<Trace>(*sampleTrace());
    const SpanKind kinds[] = {SpanKind::Server, SpanKind::Internal, SpanKind::Client,
                              SpanKind::Client, SpanKind::Consumer};
    for (std::size_t i = 0; i < trace->spans.size(); ++i)
        trace->spans[i].span.kind = kinds[i];
    return trace;
}

// Types into the find bar and waits for the worker's answer.
static bool findText(TraceInspector &view, const QString &text)
{
    QSignalSpy finished(&view, &TraceInspector::findFinished);
    view.findEdit()->setText(text);
    return finished.wait(5000);
}

static bool chooseIn(TraceInspector &view, QComboBox *box, const QString &text)
{
    const int index = box->findText(text);
    if (index < 0)
        return false;
    QSignalSpy finished(&view, &TraceInspector::findFinished);
    box->setCurrentIndex(index);
    Q_EMIT box->activated(index); // what a user's choice emits
    return finished.count() > 0 || finished.wait(5000);
}

static QString labelText(TraceInspector &view, const char *name)
{
    auto *label = view.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

// The English plural forms ("1 span", "5 spans"), as the app installs them.
void TestTraceInspector::initTestCase()
{
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English));
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
    // A lone span of the one service reads singular.
    TraceTestBuilder lone;
    lone.span(1, 0, 0, 1000, 0, "GET /health");
    auto loneTrace = std::make_shared<Trace>(*lone.build());
    loneTrace->resources.resize(1);
    TraceInspector single;
    single.setTrace(loneTrace);
    const QString one = labelText(single, "traceFacts");
    QVERIFY2(one.contains(QStringLiteral(" · 1 span · 1 service · depth 1")), qPrintable(one));
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
    QCOMPARE(labelText(view, "emptyStateLabel"),
             QStringLiteral("Laying out %1 spans…")
                 .arg(QLocale().toString(qlonglong(second->spans.size()))));
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
    // The same trace again (a live reload) keeps them; another trace starts without them.
    view.setTrace(sampleTrace());
    QCOMPARE(view.highlightedSpans().size(), std::size_t(3));
    QCOMPARE(view.waterfallView()->highlightedNodes().size(), std::size_t(2));
    auto other = std::make_shared<Trace>(*sampleTrace());
    other->traceId.bytes[15] = 0x42;
    view.setTrace(other);
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

void TestTraceInspector::criticalPathLineSharesTimeByService()
{
    TraceInspector view;
    view.resize(1400, 600);
    view.show();
    view.setTrace(sampleTrace());
    QVERIFY(view.criticalPathText().isEmpty());
    view.findChild<QToolButton *>(QStringLiteral("criticalPathButton"))->click();
    // The path: root [0,100) PlaceOrder [100,150) SELECT [150,300) PlaceOrder [300,400)
    // root [400,500) Charge [500,900) root [900,1000): backend 550 of 1000 ns, frontend 300,
    // db 150; the orphan's service gets nothing of it.
    const QString text = view.criticalPathText();
    QVERIFY2(text.contains(QStringLiteral("backend <b>550 ns</b> (55%)")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("frontend <b>300 ns</b> (30%)")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("db <b>150 ns</b> (15%)")), qPrintable(text));
    QVERIFY(text.indexOf(QStringLiteral("backend")) < text.indexOf(QStringLiteral("frontend")));
    QVERIFY(text.indexOf(QStringLiteral("frontend")) < text.indexOf(QStringLiteral("db")));
    // The next trace gets its own line while the button stays on; off hides it.
    TraceTestBuilder other;
    other.span(1, 0, 0, 10, 2, "only");
    view.setTrace(other.build());
    QVERIFY2(view.criticalPathText().contains(QStringLiteral("db <b>10 ns</b> (100%)")),
             qPrintable(view.criticalPathText()));
    view.findChild<QToolButton *>(QStringLiteral("criticalPathButton"))->click();
    QVERIFY(view.criticalPathText().isEmpty());
}

// GET /checkout [0,1000): 6 overlapping SELECTs (a group; the last with a fetch), Auth → token,
// Charge → Bank (ends last), Log → 30 nested steps. The path: root, Charge, Bank, then Auth and
// token (Auth ends before Charge starts); the SELECTs and Log are off it.
static std::shared_ptr<const Trace> checkoutTrace()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000, 0, "GET /checkout");
    for (int i = 0; i < 6; ++i)
        builder.span(std::uint64_t(10 + i), 1, 50 + 10 * i, 150 + 10 * i, 2, "SELECT items");
    builder.span(20, 15, 120, 190, 2, "fetch")
        .span(2, 1, 20, 300, 1, "Auth")
        .span(3, 2, 30, 100, 1, "token")
        .span(4, 1, 320, 990, 1, "Charge")
        .span(5, 4, 330, 980, 2, "Bank")
        .span(6, 1, 400, 700, 1, "Log");
    for (int i = 0; i < 30; ++i)
        builder.span(std::uint64_t(100 + i), i == 0 ? 6 : std::uint64_t(99 + i), 410 + i, 690 - i,
                     1, "step");
    return builder.build();
}

void TestTraceInspector::collapseToCriticalPathFoldsTheRest()
{
    TraceInspector view;
    view.resize(1400, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTrace(checkoutTrace());
    TraceWaterfallView *waterfall = view.waterfallView();
    std::shared_ptr<SpanTree> tree = waterfall->tree();
    const auto node = [&tree](std::uint64_t span) {
        return tree->nodeForSpan(spanId(span));
    };
    // The user opened everything, folded Charge over Bank, selected the deepest step, scrolled
    // to the bottom and went to the flame graph.
    waterfall->expandAll();
    waterfall->setCollapsed(node(4), true);
    view.selectSpan(spanId(129));
    waterfall->verticalScrollBar()->setValue(waterfall->verticalScrollBar()->maximum());
    QVERIFY(waterfall->verticalScrollBar()->value() > 0);
    view.findChild<QTabWidget *>()->setCurrentWidget(view.flameGraphView());
    auto *button = view.findChild<QToolButton *>(QStringLiteral("criticalPathButton"));
    QVERIFY(!button->isChecked());
    // The button's menu offers it, and so does the waterfall's context menu, below its own.
    QVERIFY(button->menu()->actions().contains(view.collapseToCriticalPathAction()));
    QStringList contextMenu;
    QTimer::singleShot(0, &view, [&contextMenu]() {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (const QAction *action : menu->actions())
            contextMenu << (action->isSeparator() ? QStringLiteral("-") : action->text());
        menu->close();
    });
    QContextMenuEvent menuKey(QContextMenuEvent::Keyboard, QPoint(10, 10),
                              waterfall->viewport()->mapToGlobal(QPoint(10, 10)));
    QApplication::sendEvent(waterfall->viewport(), &menuKey);
    QCOMPARE(contextMenu,
             (QStringList{QStringLiteral("Expand subtree"), QStringLiteral("-"),
                          QStringLiteral("Expand all"), QStringLiteral("Collapse all"),
                          QStringLiteral("-"), QStringLiteral("Collapse to the critical path")}));

    QApplication::setActiveWindow(&view);
    view.flameGraphView()->setFocus();
    QTest::keyClick(view.flameGraphView(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(view.findChild<QTabWidget *>()->currentWidget(), waterfall);
    QVERIFY(button->isChecked());
    QVERIFY(waterfall->isCriticalPathShown());
    QVERIFY(!view.criticalPathText().isEmpty());
    // Every span of the path a row (Bank again), the SELECTs one folded row, Log folded.
    QCOMPARE(
        kansoku::test::spanTreeRows(*tree),
        (QStringList{QStringLiteral("GET /checkout"), QStringLiteral("Auth"),
                     QStringLiteral("token"), QStringLiteral("SELECT items ×"),
                     QStringLiteral("Charge"), QStringLiteral("Bank"), QStringLiteral("Log")}));
    QVERIFY(tree->isCollapsed(node(6)));
    // The selection hidden under Log moved to Log's row; the view is back at the root.
    QCOMPARE(view.selectedSpanId(), spanId(6));
    QCOMPARE(waterfall->verticalScrollBar()->value(), 0);
}

void TestTraceInspector::findDimsOtherRowsAndStepsThroughMatches()
{
    TraceInspector view;
    view.resize(1400, 600);
    view.show();
    view.setTrace(sampleTrace());
    TraceWaterfallView *waterfall = view.waterfallView();
    const std::shared_ptr<SpanTree> tree = waterfall->tree();
    const int root = tree->nodeForSpan(spanId(1));
    const int placeOrder = tree->nodeForSpan(spanId(2));
    const int stock = tree->nodeForSpan(spanId(3));
    const int charge = tree->nodeForSpan(spanId(4));
    QVERIFY(!waterfall->isSearchActive());
    QVERIFY(!waterfall->isDimmed(root));

    // Typing jumps to the first match after the selection (the root) and dims the rest.
    QSignalSpy selected(&view, &TraceInspector::spanSelected);
    QVERIFY(findText(view, QStringLiteral("order")));
    QCOMPARE(view.findMatches(), std::vector<int>{placeOrder});
    QCOMPARE(view.selectedSpanId(), spanId(2));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(view.findStatusText(), QStringLiteral("1 of 1"));
    QVERIFY(waterfall->isDimmed(root));
    QVERIFY(!waterfall->isDimmed(placeOrder));

    // Two matches: next and previous walk them in tree order and wrap around.
    QVERIFY(findText(view, QStringLiteral("backend")));
    QCOMPARE(view.findMatches(), (std::vector<int>{placeOrder, charge}));
    QCOMPARE(view.findStatusText(), QStringLiteral("1 of 2"));
    view.findNext();
    QCOMPARE(view.selectedSpanId(), spanId(4));
    QCOMPARE(view.findStatusText(), QStringLiteral("2 of 2"));
    view.findNext();
    QCOMPARE(view.selectedSpanId(), spanId(2));
    view.findPrevious();
    QCOMPARE(view.selectedSpanId(), spanId(4));
    // Selecting a span that is no match says how many there are.
    view.selectSpan(spanId(1));
    QCOMPARE(view.findStatusText(), QStringLiteral("2 matches"));

    // A collapsed row that hides a match stays bright; its match expands when stepped to.
    QVERIFY(findText(view, QStringLiteral("stock")));
    QCOMPARE(view.findMatches(), std::vector<int>{stock});
    view.selectSpan(spanId(1));
    QCOMPARE(view.findStatusText(), QStringLiteral("1 match"));
    waterfall->setCollapsed(placeOrder, true);
    QCOMPARE(tree->rowOfNode(stock), -1);
    QVERIFY(!waterfall->isDimmed(placeOrder));
    QVERIFY(waterfall->isDimmed(charge));
    view.selectSpan(spanId(1));
    view.findNext();
    QVERIFY(tree->rowOfNode(stock) >= 0);

    QVERIFY(findText(view, QStringLiteral("no such span")));
    QVERIFY(view.findMatches().empty());
    QCOMPARE(view.findStatusText(), QStringLiteral("No match"));
    QVERIFY(waterfall->isDimmed(root));
    QVERIFY(!view.findChild<QToolButton *>(QStringLiteral("traceFindNext"))->isEnabled());

    QVERIFY(findText(view, QString()));
    QVERIFY(!waterfall->isSearchActive());
    QVERIFY(!waterfall->isDimmed(root));
    QVERIFY(view.findStatusText().isEmpty());
}

void TestTraceInspector::findFiltersByServiceAndKind()
{
    TraceInspector view;
    view.resize(1400, 600);
    view.show();
    view.setTrace(kindedTrace());
    const std::shared_ptr<SpanTree> tree = view.waterfallView()->tree();
    QComboBox *services = view.findServiceBox();
    QComboBox *kinds = view.findKindBox();
    QCOMPARE(services->count(), 4); // all, then backend, db, frontend by name
    QCOMPARE(services->itemText(1), QStringLiteral("backend"));
    // Only the kinds the trace has, in protocol order.
    QStringList kindTexts;
    for (int i = 0; i < kinds->count(); ++i)
        kindTexts << kinds->itemText(i);
    QCOMPARE(kindTexts, (QStringList{QStringLiteral("All kinds"), QStringLiteral("Internal"),
                                     QStringLiteral("Server"), QStringLiteral("Client"),
                                     QStringLiteral("Consumer")}));

    QVERIFY(chooseIn(view, kinds, QStringLiteral("Client")));
    QCOMPARE(view.findMatches(),
             (std::vector<int>{tree->nodeForSpan(spanId(3)), tree->nodeForSpan(spanId(4))}));
    // A filter alone does not move the selection.
    QCOMPARE(view.selectedSpanId(), spanId(1));
    QVERIFY(chooseIn(view, services, QStringLiteral("db")));
    QCOMPARE(view.findMatches(), std::vector<int>{tree->nodeForSpan(spanId(3))});
    // Words narrow the filters further.
    QVERIFY(findText(view, QStringLiteral("charge")));
    QVERIFY(view.findMatches().empty());
    QVERIFY(findText(view, QString()));
    QVERIFY(chooseIn(view, kinds, QStringLiteral("All kinds")));
    QVERIFY(chooseIn(view, services, QStringLiteral("All services")));
    QVERIFY(!view.waterfallView()->isSearchActive());
}

void TestTraceInspector::findKeysAndInvalidText()
{
    TraceInspector view;
    view.resize(1400, 600);
    view.show();
    view.setTrace(sampleTrace());
    QLineEdit *edit = view.findEdit();
    // The keys go where the user types: the field, focused, in the active window.
    QApplication::setActiveWindow(&view);
    edit->setFocus();
    // Enter before the typing pause searches at once and goes to the first match.
    QSignalSpy finished(&view, &TraceInspector::findFinished);
    QTest::keyClicks(edit, QStringLiteral("backend"));
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(finished.wait(5000));
    QCOMPARE(view.selectedSpanId(), spanId(2));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(view.selectedSpanId(), spanId(4));
    QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(view.selectedSpanId(), spanId(2));
    QTest::keyClick(edit, Qt::Key_Enter, Qt::KeypadModifier);
    QCOMPARE(view.selectedSpanId(), spanId(4));
    QTest::keyClick(edit, Qt::Key_Enter, Qt::KeypadModifier | Qt::ShiftModifier);
    QCOMPARE(view.selectedSpanId(), spanId(2));
    // F3 and Shift+F3 step from anywhere in the inspector, Ctrl+F comes back to the text.
    view.waterfallView()->setFocus();
    QTest::keyClick(view.waterfallView(), Qt::Key_F3);
    QCOMPARE(view.selectedSpanId(), spanId(4));
    QTest::keyClick(view.waterfallView(), Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(view.selectedSpanId(), spanId(2));
    QTest::keyClick(view.waterfallView(), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(edit->hasFocus());
    QCOMPARE(edit->selectedText(), QStringLiteral("backend"));
    QTest::keyClick(edit, Qt::Key_Escape);
    QVERIFY(edit->text().isEmpty());
    // Emptied, the field leaves Escape to the window.
    const auto *clearAction = edit->findChild<QAction *>(QStringLiteral("traceFindClear"));
    QVERIFY(clearAction);
    QVERIFY(!clearAction->isEnabled());
    QVERIFY(!view.waterfallView()->isSearchActive());

    // An unclosed quote says why instead of searching.
    QVERIFY(findText(view, QStringLiteral("\"SELECT")));
    QVERIFY(!view.waterfallView()->isSearchActive());
    QVERIFY(view.findStatusText().contains(QStringLiteral("quote")));
    QVERIFY(findText(view, QStringLiteral("\"SELECT stock\"")));
    QCOMPARE(view.findMatches().size(), std::size_t(1));
}

void TestTraceInspector::findKeepsItsTextForTheNextTrace()
{
    TraceInspector view;
    view.resize(1400, 600);
    view.show();
    view.setTrace(sampleTrace());
    QVERIFY(chooseIn(view, view.findServiceBox(), QStringLiteral("backend")));
    QCOMPARE(view.findMatches().size(), std::size_t(2));
    QSignalSpy finished(&view, &TraceInspector::findFinished);
    TraceTestBuilder other;
    other.span(1, 0, 0, 100, 1, "GET /a").span(2, 1, 10, 20, 2, "SELECT 1");
    view.setTrace(other.build());
    QVERIFY(finished.count() > 0 || finished.wait(5000));
    // backend is in the new trace too, so the filter stays and finds its span.
    QCOMPARE(view.findServiceBox()->currentText(), QStringLiteral("backend"));
    QCOMPARE(view.findMatches(), std::vector<int>{0});
    // A trace without the service falls back to all services.
    TraceTestBuilder third;
    third.span(1, 0, 0, 100, 0, "GET /b");
    auto renamed = std::make_shared<Trace>(*third.build());
    for (Resource &resource : renamed->resources)
        resource.attributes = {{"service.name", AnyValue::fromString("billing")}};
    view.setTrace(renamed);
    QCOMPARE(view.findServiceBox()->currentIndex(), 0);
    QVERIFY(!view.waterfallView()->isSearchActive());
}

void TestTraceInspector::findKeepsAGroupWithAMatchBright()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 100, 0, "GET /orders");
    for (int i = 0; i < 6; ++i)
        builder.span(std::uint64_t(10 + i), 1, 10 + i * 10, 15 + i * 10, 2, "SELECT items");
    builder.span(30, 1, 80, 90, 1, "render");
    TraceInspector view;
    view.resize(1400, 600);
    view.show();
    view.setTrace(builder.build());
    TraceWaterfallView *waterfall = view.waterfallView();
    const std::shared_ptr<SpanTree> tree = waterfall->tree();
    QCOMPARE(tree->groups().count(), 1);
    QVERIFY(tree->isGroupCollapsed(0));
    const int groupRow = tree->rowOfGroup(0);
    QVERIFY(groupRow >= 0);

    QVERIFY(findText(view, QStringLiteral("render")));
    QVERIFY(waterfall->isGroupDimmed(0));
    QVERIFY(waterfall->isRowDimmed(groupRow));
    QVERIFY(!waterfall->isRowDimmed(tree->rowOfNode(tree->nodeForSpan(spanId(30)))));

    // The fourth SELECT (span id …0d): going to it unfolds the group; the group's row and that
    // member stay bright, its siblings fade.
    QVERIFY(findText(view, QStringLiteral("000000000000000d")));
    QCOMPARE(view.selectedSpanId(), spanId(13));
    QVERIFY(!tree->isGroupCollapsed(0));
    QVERIFY(!waterfall->isRowDimmed(tree->rowOfGroup(0)));
    QVERIFY(!waterfall->isDimmed(tree->nodeForSpan(spanId(13))));
    QVERIFY(waterfall->isDimmed(tree->nodeForSpan(spanId(12))));
    // Folded again, the row still stands for the match.
    waterfall->setGroupCollapsed(0, true);
    QVERIFY(!waterfall->isRowDimmed(tree->rowOfGroup(0)));
}

void TestTraceInspector::findFadesFlameGraphFramesAndStepsThere()
{
    TraceInspector view;
    view.resize(1400, 600);
    view.show();
    view.setTrace(sampleTrace());
    const std::shared_ptr<SpanTree> tree = view.waterfallView()->tree();
    const int root = tree->nodeForSpan(spanId(1));
    const int placeOrder = tree->nodeForSpan(spanId(2));
    const int stock = tree->nodeForSpan(spanId(3));
    const int charge = tree->nodeForSpan(spanId(4));
    FlameGraphView *flame = view.flameGraphView();
    view.findChild<QTabWidget *>()->setCurrentWidget(flame);
    // Zoomed into Charge: PlaceOrder's SELECT is out of sight.
    flame->setFocusNode(charge);
    QVERIFY(flame->boxRect(stock).isEmpty());

    QVERIFY(findText(view, QStringLiteral("backend"))); // PlaceOrder and Charge
    QVERIFY(flame->isSearchActive());
    QVERIFY(flame->isDimmed(root));
    QVERIFY(flame->isDimmed(stock));
    QVERIFY(!flame->isDimmed(placeOrder));
    QVERIFY(!flame->isDimmed(charge));
    // The same matches as the waterfall's, and the same fading.
    QCOMPARE(flame->isDimmed(root), view.waterfallView()->isDimmed(root));

    // Typing went to the first match, PlaceOrder, outside Charge: the flame graph zoomed out to
    // its parent. Zoomed into Charge again, stepping to the SELECT shows it the same way.
    QCOMPARE(view.selectedSpanId(), spanId(2));
    QCOMPARE(flame->focusNode(), root);
    flame->setFocusNode(charge);
    QVERIFY(findText(view, QStringLiteral("stock")));
    QCOMPARE(view.selectedSpanId(), spanId(3));
    QCOMPARE(flame->selectedNode(), stock);
    QVERIFY(!flame->boxRect(stock).isEmpty());
    QCOMPARE(flame->focusNode(), placeOrder);

    QVERIFY(findText(view, QString()));
    QVERIFY(!flame->isSearchActive());
    QVERIFY(!flame->isDimmed(root));
}

// GET /orders → 6 × SELECT items (a group), Checkout → (Reserve → Lock), 30 nested steps. `more`
// adds a seventh SELECT that starts first, a span under Reserve and a span at the end.
static std::shared_ptr<const Trace> growingTrace(bool more)
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000, 0, "GET /orders");
    for (int i = 0; i < 6; ++i)
        builder.span(std::uint64_t(10 + i), 1, 100 + i * 20, 110 + i * 20, 2, "SELECT items");
    builder.span(2, 1, 300, 600, 1, "Checkout")
        .span(3, 2, 310, 500, 1, "Reserve")
        .span(4, 3, 320, 400, 2, "Lock");
    // A chain of 30 nested calls: rows to scroll through, none of them repeated siblings.
    for (int i = 0; i < 30; ++i)
        builder.span(std::uint64_t(100 + i), i == 0 ? 1 : std::uint64_t(99 + i), 610 + i, 940 - i,
                     1, "step");
    if (more) {
        builder.span(9, 1, 50, 60, 2, "SELECT items")
            .span(5, 3, 410, 450, 2, "Unlock")
            .span(7, 1, 950, 990, 0, "late");
    }
    return builder.build();
}

void TestTraceInspector::reloadKeepsFoldingSelectionAndScroll()
{
    TraceInspector view;
    view.resize(1400, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTrace(growingTrace(false));
    TraceWaterfallView *waterfall = view.waterfallView();
    std::shared_ptr<SpanTree> tree = waterfall->tree();
    // A finding picks out Lock; the user opens the SELECTs, folds Reserve over Lock, zooms,
    // selects the fourth SELECT and scrolls.
    view.setHighlightedSpans({spanId(4)});
    waterfall->setGroupCollapsed(0, false);
    waterfall->setCollapsed(tree->nodeForSpan(spanId(3)), true);
    waterfall->setTimeWindow(TraceTestBuilder::Base + 100, 400);
    view.selectSpan(spanId(13));
    waterfall->verticalScrollBar()->setValue(3 * TraceWaterfallView::RowHeight + 5);
    const int rowsBefore = tree->rowCount();
    QCOMPARE(tree->span(tree->visibleRows()[3]).spanId, spanId(11));

    QSignalSpy selected(&view, &TraceInspector::spanSelected);
    view.setTrace(growingTrace(true));
    view.setHighlightedSpans({spanId(4)}); // as TracesPane does after every load
    tree = waterfall->tree();
    QCOMPARE(waterfall->highlightedNodes(), std::vector<int>{tree->nodeForSpan(spanId(4))});
    QCOMPARE(tree->nodeCount(), 43);
    QCOMPARE(tree->groups().count(), 1);
    QVERIFY(!tree->isGroupCollapsed(0));                      // the group stays open…
    QCOMPARE(tree->groups().group(0).memberCount, 7);         // …with the new call in it
    QVERIFY(tree->isCollapsed(tree->nodeForSpan(spanId(3)))); // Reserve stays folded
    QCOMPARE(tree->rowOfNode(tree->nodeForSpan(spanId(5))), -1);
    QCOMPARE(tree->rowCount(), rowsBefore + 2); // the new SELECT and "late"
    QCOMPARE(view.selectedSpanId(), spanId(13));
    QCOMPARE(waterfall->selectedGroup(), -1);
    QCOMPARE(selected.count(), 0); // kept, not chosen by the user
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("spanTitle"))->text(),
             QStringLiteral("SELECT items"));
    // The same row at the top (one row lower now: the new SELECT came before it).
    QCOMPARE(waterfall->verticalScrollBar()->value(), 4 * TraceWaterfallView::RowHeight + 5);
    QCOMPARE(waterfall->timeScale().viewStartNs(), TraceTestBuilder::Base + 100);
    QCOMPARE(waterfall->timeScale().viewDurationNs(), std::int64_t(400));
}

void TestTraceInspector::reloadKeepsASelectedGroupRowFolded()
{
    TraceInspector view;
    view.resize(1400, 500);
    view.show();
    view.setTrace(growingTrace(false));
    TraceWaterfallView *waterfall = view.waterfallView();
    waterfall->setSelectedGroup(0);
    view.flameGraphView()->setFocusNode(waterfall->tree()->nodeForSpan(spanId(2)));
    view.setTrace(growingTrace(true));
    const std::shared_ptr<SpanTree> tree = waterfall->tree();
    QVERIFY(tree->isGroupCollapsed(0));
    QCOMPARE(waterfall->selectedGroup(), 0);
    // The row stands for its first member, now the SELECT that arrived late but started first.
    QCOMPARE(view.selectedSpanId(), spanId(9));
    QCOMPARE(view.flameGraphView()->focusNode(), tree->nodeForSpan(spanId(2)));
    QCOMPARE(waterfall->verticalScrollBar()->value(), 0);
    QVERIFY(waterfall->timeScale().showsAll());
    QCOMPARE(waterfall->timeScale().viewEndNs(), tree->endTimeNs());
}

// GET /order → 3 × SELECT … WHERE id = ? (below the grouping threshold), Notify → 2 sends, Audit.
// `more` brings 3 SELECTs, 3 sends and 5 writes under Audit: each forms a group of its own.
static std::shared_ptr<const Trace> callsFormingGroups(bool more)
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 1000, 0, "GET /order")
        .span(2, 1, 500, 600, 1, "Notify")
        .span(3, 1, 700, 900, 1, "Audit");
    const char *select = "SELECT * FROM items WHERE id = ?";
    for (int i = 0; i < 3; ++i)
        builder.span(std::uint64_t(10 + i), 1, 100 + i * 20, 110 + i * 20, 2, select);
    builder.span(20, 2, 510, 520, 2, "send").span(21, 2, 530, 540, 2, "send");
    if (more) {
        for (int i = 0; i < 3; ++i)
            builder.span(std::uint64_t(13 + i), 1, 300 + i * 20, 310 + i * 20, 2, select)
                .span(std::uint64_t(22 + i), 2, 550 + i * 10, 555 + i * 10, 2, "send");
        for (int i = 0; i < 5; ++i)
            builder.span(std::uint64_t(30 + i), 3, 710 + i * 20, 720 + i * 20, 2, "write");
    }
    return builder.build();
}

void TestTraceInspector::reloadOpensAGroupFormedOfShownRows()
{
    TraceInspector view;
    view.resize(1400, 500);
    view.show();
    view.setTrace(callsFormingGroups(false));
    TraceWaterfallView *waterfall = view.waterfallView();
    std::shared_ptr<SpanTree> tree = waterfall->tree();
    QCOMPARE(tree->groups().count(), 0);
    // The user sees the SELECTs' rows, has selected Audit and folded Notify over its sends.
    view.selectSpan(spanId(3));
    waterfall->setCollapsed(tree->nodeForSpan(spanId(2)), true);

    view.setTrace(callsFormingGroups(true));
    tree = waterfall->tree();
    QCOMPARE(tree->groups().count(), 3);
    const auto groupOf = [&tree](std::uint64_t span) {
        return tree->groups().groupOfNode(tree->nodeForSpan(spanId(span)));
    };
    // The six SELECTs group, open: the three seen before keep their rows.
    QCOMPARE(tree->groups().group(groupOf(10)).memberCount, 6);
    QVERIFY(!tree->isGroupCollapsed(groupOf(10)));
    for (std::uint64_t span : {10, 11, 12})
        QVERIFY(tree->rowOfNode(tree->nodeForSpan(spanId(span))) >= 0);
    QCOMPARE(view.selectedSpanId(), spanId(3));
    QCOMPARE(waterfall->selectedGroup(), -1);
    // The sends were hidden under Notify and the writes are all new: folded, as at first open.
    QVERIFY(tree->isGroupCollapsed(groupOf(20)));
    QVERIFY(tree->isGroupCollapsed(groupOf(30)));

    // The same trace opened afresh folds every group.
    TraceInspector fresh;
    fresh.setTrace(callsFormingGroups(true));
    for (int g = 0; g < fresh.waterfallView()->tree()->groups().count(); ++g)
        QVERIFY(fresh.waterfallView()->tree()->isGroupCollapsed(g));
}

void TestTraceInspector::anotherTraceStartsAfresh()
{
    TraceInspector view;
    view.resize(1400, 500);
    view.show();
    view.setTrace(growingTrace(false));
    TraceWaterfallView *waterfall = view.waterfallView();
    waterfall->setGroupCollapsed(0, false);
    view.selectSpan(spanId(13));
    auto other = std::make_shared<Trace>(*growingTrace(true));
    other->traceId.bytes[15] = 0x42;
    view.setTrace(other);
    QVERIFY(waterfall->tree()->isGroupCollapsed(0));
    QCOMPARE(view.selectedSpanId(), spanId(1)); // the root, as for any trace opened
}

QTEST_MAIN(TestTraceInspector)
#include "tst_trace_inspector.moc"
