// The Service map pane and its view, offscreen over an in-memory store: the view draws the nodes
// and edges of a built map and explains them on hover; clicks and the keyboard filter the panes
// to a service; the pane follows the shared range and service and defers its work while hidden.
#include "analysis/service_map_builder.h"
#include "screenshot_checks.h"
#include "service_map_pane.h"
#include "service_map_view.h"
#include "service_palette.h"
#include "support/analysis_trace_builder.h"
#include "support/empty_telemetry_queries.h"
#include "support/trace_test_builder.h"
#include "trace_inspector.h"
#include "trace_waterfall_view.h"
#include "ui_language.h"
#include "view/workbench_state.h"

#include <QDir>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <mutex>

using namespace kansoku;
using kansoku::test::AnalysisTraceBuilder;

namespace {

constexpr std::int64_t ms = 1'000'000;

// frontend -> checkout (HTTP) -> postgresql/orders, which reports nothing itself.
AnalysisTrace shopTrace(std::uint64_t number)
{
    AnalysisTraceBuilder builder(number);
    const int root = builder.server("frontend", "GET /cart", 0, 100 * ms);
    const int client = builder.http(root, "GET", "http://checkout:8080/cart", 10 * ms, 90 * ms);
    const int server = builder.server("checkout", "GET /cart", 15 * ms, 85 * ms, client);
    const int query = builder.db(server, "postgresql", "SELECT 1", 20 * ms, 30 * ms);
    builder.attribute(query, "db.namespace", "orders");
    return builder.build();
}

AnalysisTrace adminTrace(std::uint64_t number)
{
    AnalysisTraceBuilder builder(number);
    const int root = builder.server("admin", "GET /report", 0, 10 * ms);
    builder.db(root, "mysql", "SELECT 1", 1 * ms, 2 * ms);
    return builder.build();
}

// forEachAnalysisTrace over a list, recording the ranges asked for (from the worker thread).
class ListQueries : public kansoku::test::EmptyTelemetryQueries
{
public:
    explicit ListQueries(std::vector<AnalysisTrace> traces)
        : m_traces(std::move(traces))
    {}
    std::vector<TimeRange> ranges() const
    {
        std::lock_guard lock(m_mutex);
        return m_ranges;
    }
    void
    forEachAnalysisTrace(const TimeRange &range,
                         const std::function<bool(const AnalysisTrace &)> &visit) const override
    {
        {
            std::lock_guard lock(m_mutex);
            m_ranges.push_back(range);
        }
        for (const AnalysisTrace &trace : m_traces) {
            if (!visit(trace))
                return;
        }
    }

private:
    std::vector<AnalysisTrace> m_traces;
    mutable std::mutex m_mutex;
    mutable std::vector<TimeRange> m_ranges;
};

std::shared_ptr<const ServiceMap> shopMap()
{
    ServiceMapBuilder builder(10'000 * ms);
    for (std::uint64_t i = 1; i <= 5; ++i)
        builder.addTrace(shopTrace(i));
    return std::make_shared<const ServiceMap>(builder.build());
}

// A shop of six services (one fed through Kafka), two databases and a payment provider, some
// calls failing: what the screenshot shows.
std::shared_ptr<const ServiceMap> shopOfManyServices()
{
    ServiceMapBuilder builder(60'000 * ms);
    for (std::uint64_t i = 1; i <= 40; ++i) {
        AnalysisTraceBuilder trace(i);
        const int root = trace.server("web-frontend", "GET /checkout", 0, 300 * ms);
        const int toCart = trace.http(root, "GET", "http://cart:8080/cart", 5 * ms, 60 * ms);
        const int cart = trace.server("cart", "GET /cart", 6 * ms, 58 * ms, toCart);
        trace.db(cart, "redis", "GET cart:1", 10 * ms, 12 * ms);
        const int toCheckout
            = trace.http(root, "POST", "http://checkout:8080/orders", 70 * ms, 290 * ms);
        const int checkout
            = trace.server("checkout", "POST /orders", 72 * ms, 288 * ms, toCheckout);
        const int query
            = trace.db(checkout, "postgresql", "INSERT INTO orders VALUES (1)", 80 * ms, 95 * ms);
        trace.attribute(query, "db.namespace", "shop");
        const int toStock
            = trace.http(checkout, "GET", "http://inventory:8080/stock", 100 * ms, 140 * ms);
        const int stock = trace.server("inventory", "GET /stock", 101 * ms, 139 * ms, toStock);
        const int stockQuery
            = trace.db(stock, "postgresql", "SELECT * FROM stock WHERE id = 1", 105 * ms, 135 * ms);
        trace.attribute(stockQuery, "db.namespace", "shop");
        const int toPay
            = trace.http(checkout, "POST", "http://payments:8080/pay", 150 * ms, 280 * ms);
        const int pay = trace.server("payments", "POST /pay", 151 * ms, 279 * ms, toPay);
        const int stripe
            = trace.http(pay, "POST", "https://api.stripe.com/v1/charges", 160 * ms, 270 * ms);
        if (i % 8 == 0)
            trace.error(stripe, "TimeoutError").error(pay, "TimeoutError");
        const int publish
            = trace.add(checkout, "orders publish", SpanKind::Producer, 282 * ms, 284 * ms);
        trace.attribute(publish, "messaging.system", "kafka");
        trace.attribute(publish, "messaging.destination.name", "orders");
        const int consume
            = trace.add(publish, "orders process", SpanKind::Consumer, 290 * ms, 299 * ms);
        trace.span(consume).service = "email";
        builder.addTrace(trace.build());
    }
    return std::make_shared<const ServiceMap>(builder.build());
}

// Shows view at size with map drawn; false when the window never showed.
bool showMap(ServiceMapView &view, std::shared_ptr<const ServiceMap> map, QSize size)
{
    view.resize(size);
    view.setMap(std::move(map));
    view.show();
    return QTest::qWaitForWindowExposed(&view);
}

} // namespace

class TestServiceMapPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The English plural forms ("1 call", "5 calls"), as the app installs them.
    void initTestCase() { QVERIFY(UiLanguage::apply(UiLanguage::Choice::English)); }

    void viewDrawsAndExplainsTheMap()
    {
        ServiceMapView view;
        view.resize(900, 400);
        const QImage blank = view.grab().toImage();
        QVERIFY(showMap(view, shopMap(), QSize(900, 400)));
        const ServiceMap &map = *view.map();
        QCOMPARE(view.geometry().nodeRects.size(), std::size_t(3));
        QCOMPARE(view.geometry().edgeLines.size(), std::size_t(2));
        QVERIFY(kansoku::test::distinctColours(view.grab().toImage(), view.rect(), 2)
                > kansoku::test::distinctColours(blank, blank.rect(), 2) + 20);

        // Entry left, database right, all inside the widget.
        const int frontend = map.nodeIndex("frontend");
        const int database = map.nodeIndex("postgresql/orders", ServiceNodeKind::Database);
        QVERIFY(view.nodePosition(frontend).x() < view.nodePosition(database).x());
        for (std::size_t i = 0; i < map.nodes.size(); ++i)
            QVERIFY(view.rect().contains(view.nodePosition(int(i))));

        QVERIFY(view.toolTipAt(view.nodePosition(database)).contains(QStringLiteral("database")));
        const int edge = map.edgeIndex(frontend, map.nodeIndex("checkout"));
        const QString edgeTip = view.toolTipAt(view.edgePosition(edge));
        QVERIFY2(edgeTip.startsWith(QStringLiteral("frontend → checkout")), qPrintable(edgeTip));
        QVERIFY2(edgeTip.contains(QStringLiteral("5 calls (0.5/s)")), qPrintable(edgeTip));
        QVERIFY(view.toolTipAt(QPoint(2, 2)).isEmpty());
    }

    void oneOfEachReadsSingular()
    {
        ServiceMapBuilder builder(10'000 * ms);
        builder.addTrace(shopTrace(1));
        ServiceMapView view;
        QVERIFY(
            showMap(view, std::make_shared<const ServiceMap>(builder.build()), QSize(900, 400)));
        const ServiceMap &map = *view.map();
        const int frontend = map.nodeIndex("frontend");
        const int checkout = map.nodeIndex("checkout");
        const int database = map.nodeIndex("postgresql/orders", ServiceNodeKind::Database);
        const QString edgeTip
            = view.toolTipAt(view.edgePosition(map.edgeIndex(frontend, checkout)));
        QVERIFY2(edgeTip.contains(QStringLiteral("\n1 call")) && !edgeTip.contains(u"1 calls"),
                 qPrintable(edgeTip));
        const QString serviceTip = view.toolTipAt(view.nodePosition(checkout));
        QVERIFY2(serviceTip.contains(QStringLiteral("2 spans, 1 request served")),
                 qPrintable(serviceTip));
        const QString databaseTip = view.toolTipAt(view.nodePosition(database));
        QVERIFY2(databaseTip.contains(QStringLiteral("\n1 call; it reports no spans itself")),
                 qPrintable(databaseTip));

        WorkbenchState state;
        ServiceMapPane pane(
            &state, std::make_shared<ListQueries>(std::vector<AnalysisTrace>{shopTrace(1)}));
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_COMPARE(pane.completedBuilds(), 1);
        QVERIFY2(pane.statusText().startsWith(
                     QStringLiteral("2 services, 1 other, 2 calls from 1 trace · ")),
                 qPrintable(pane.statusText()));
    }

    void screenshotOfAShop()
    {
        // A map the size of a small system, saved for a look: no overlaps, all inside, red where
        // the payment provider fails.
        ServiceMapView view;
        QVERIFY(showMap(view, shopOfManyServices(), QSize(1500, 520)));
        const ServiceMap &map = *view.map();
        QCOMPARE(map.nodes.size(), std::size_t(9)); // six services, two databases, Stripe
        for (std::size_t i = 0; i < map.nodes.size(); ++i)
            QVERIFY2(view.rect().contains(view.nodePosition(int(i))), map.nodes[i].name.c_str());
        const QImage shot = view.grab().toImage();
        QVERIFY(shot.save(QDir(QStringLiteral(QT_TESTCASE_BUILDDIR))
                              .filePath(QStringLiteral("service_map.png"))));
        const int failing = map.edgeIndex(
            map.nodeIndex("payments"), map.nodeIndex("api.stripe.com", ServiceNodeKind::External));
        QVERIFY(failing >= 0);
        QCOMPARE(map.edges[std::size_t(failing)].failedCallCount, 5);
        const QPoint middle = view.edgePosition(failing);
        QVERIFY(kansoku::test::pixelsNear(shot, QRect(middle - QPoint(60, 12), QSize(120, 24)),
                                          ServicePalette::errorColor(), 40)
                > 10);
    }

    void clicksAndKeysActivateItems()
    {
        ServiceMapView view;
        QVERIFY(showMap(view, shopMap(), QSize(900, 400)));
        QSignalSpy nodes(&view, &ServiceMapView::nodeActivated);
        QSignalSpy edges(&view, &ServiceMapView::edgeActivated);
        const int checkout = view.map()->nodeIndex("checkout");
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.nodePosition(checkout));
        QCOMPARE(nodes.size(), 1);
        QCOMPARE(nodes.at(0).at(0).toInt(), checkout);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.edgePosition(1));
        QCOMPARE(edges.size(), 1);
        QCOMPARE(edges.at(0).at(0).toInt(), 1);
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(2, 2)); // nothing there
        QCOMPARE(nodes.size() + edges.size(), 2);

        // Keyboard: the arrows walk nodes then edges, Enter activates.
        view.setFocus();
        const int items = int(view.map()->nodes.size() + view.map()->edges.size());
        for (int i = 0; i < items; ++i) {
            if (view.focusedItem() == 0)
                break;
            QTest::keyClick(&view, Qt::Key_Right);
        }
        QCOMPARE(view.focusedItem(), 0);
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(nodes.size(), 2);
        QCOMPARE(nodes.at(1).at(0).toInt(), 0);
        QTest::keyClick(&view, Qt::Key_Left); // wraps to the last edge
        QTest::keyClick(&view, Qt::Key_Space);
        QCOMPARE(edges.size(), 2);
        QCOMPARE(edges.at(1).at(0).toInt(), int(view.map()->edges.size()) - 1);
    }

    void clickingFiltersEveryPane()
    {
        WorkbenchState state;
        auto queries = std::make_shared<ListQueries>(
            std::vector<AnalysisTrace>{shopTrace(1), shopTrace(2), adminTrace(3)});
        ServiceMapPane pane(&state, queries);
        pane.resize(1000, 500);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_COMPARE(pane.completedBuilds(), 1);
        QCOMPARE(pane.map()->traceCount, 3);
        ServiceMapView *view = pane.view();

        // A service: the panes show only it; clicked again, every service.
        const int checkout = pane.map()->nodeIndex("checkout");
        QTest::mouseClick(view, Qt::LeftButton, {}, view->nodePosition(checkout));
        QCOMPARE(state.service(), QStringLiteral("checkout"));
        // The map follows the filter: only traces through checkout.
        QTRY_COMPARE(pane.completedBuilds(), 2);
        QCOMPARE(pane.map()->traceCount, 2);
        QCOMPARE(pane.map()->nodeIndex("admin"), -1);
        QVERIFY2(pane.statusText().startsWith(
                     QStringLiteral("2 services, 1 other, 2 calls from 2 traces through checkout")),
                 qPrintable(pane.statusText()));
        QTest::mouseClick(view, Qt::LeftButton, {},
                          view->nodePosition(pane.map()->nodeIndex("checkout")));
        QCOMPARE(state.service(), QString());
        QTRY_COMPARE(pane.completedBuilds(), 3);
        QCOMPARE(pane.map()->traceCount, 3);

        // A call into a database filters to its caller, which holds the spans of those calls.
        const ServiceMap &map = *pane.map();
        const int toOrders
            = map.edgeIndex(map.nodeIndex("checkout"),
                            map.nodeIndex("postgresql/orders", ServiceNodeKind::Database));
        QTest::mouseClick(view, Qt::LeftButton, {}, view->edgePosition(toOrders));
        QCOMPARE(state.service(), QStringLiteral("checkout"));
        QTRY_COMPARE(pane.completedBuilds(), 4);
        // A call between services filters to the callee.
        state.setService({});
        QTRY_COMPARE(pane.completedBuilds(), 5);
        const int toCheckout = pane.map()->edgeIndex(pane.map()->nodeIndex("frontend"),
                                                     pane.map()->nodeIndex("checkout"));
        QTest::mouseClick(view, Qt::LeftButton, {}, view->edgePosition(toCheckout));
        QCOMPARE(state.service(), QStringLiteral("checkout"));
        // A database node filters to the service that calls it most. (The click's build and
        // this change's are one: changes within one event-loop turn build once.)
        state.setService({});
        QTRY_COMPARE(pane.completedBuilds(), 6);
        pane.activateNode(pane.map()->nodeIndex("mysql", ServiceNodeKind::Database));
        QCOMPARE(state.service(), QStringLiteral("admin"));
    }

    void followsTheSharedRange()
    {
        WorkbenchState state;
        state.setDataBounds(
            TimeRange{AnalysisTraceBuilder::Base, AnalysisTraceBuilder::Base + 10'000 * ms});
        auto queries = std::make_shared<ListQueries>(std::vector<AnalysisTrace>{shopTrace(1)});
        ServiceMapPane pane(&state, queries);
        pane.resize(800, 400);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_COMPARE(pane.completedBuilds(), 1);
        QVERIFY(pane.map()->hasRate); // over the data's 10 s

        const TimeRange custom{AnalysisTraceBuilder::Base, AnalysisTraceBuilder::Base + 2'000 * ms};
        state.setCustomRange(custom);
        QTRY_COMPARE(pane.completedBuilds(), 2);
        QCOMPARE(queries->ranges().back(), custom);
        // 1 call over the 2 s now shown.
        QCOMPARE(pane.map()->edges.front().callsPerSecond, 0.5);

        // Live data rebuilds at the live pace.
        pane.setLiveIntervalMs(10);
        state.noteTelemetryCommitted();
        QTRY_COMPARE(pane.completedBuilds(), 3);
    }

    void hiddenPaneWaitsUntilShown()
    {
        WorkbenchState state;
        auto queries = std::make_shared<ListQueries>(std::vector<AnalysisTrace>{shopTrace(1)});
        ServiceMapPane pane(&state, queries);
        state.setCustomRange(TimeRange{0, 1'000});
        QTest::qWait(50);
        QVERIFY(queries->ranges().empty());
        QCOMPARE(pane.completedBuilds(), 0);
        pane.show();
        QTRY_COMPARE(pane.completedBuilds(), 1);
        QCOMPARE(queries->ranges().size(), std::size_t(1));
    }

    void traceInspectorGraphsItsTrace()
    {
        // frontend -> backend -> postgresql/items, as a trace is stored.
        kansoku::test::TraceTestBuilder builder;
        builder.span(1, 0, 0, 100, 0, "GET /").last().kind = SpanKind::Server;
        builder.span(2, 1, 10, 90, 0, "GET").last().kind = SpanKind::Client;
        builder.span(3, 2, 20, 80, 1, "GET /items").last().kind = SpanKind::Server;
        builder.span(4, 3, 30, 40, 1, "SELECT").last().kind = SpanKind::Client;
        builder.last().attributes = {{"db.system.name", AnyValue::fromString("postgresql")},
                                     {"db.namespace", AnyValue::fromString("items")}};
        TraceInspector inspector;
        inspector.resize(1000, 600);
        inspector.show();
        QVERIFY(QTest::qWaitForWindowExposed(&inspector));
        inspector.setTrace(builder.build());
        ServiceMapView *services = inspector.servicesView();
        QTest::qWait(20);
        QVERIFY(!services->map()); // built only when the tab shows
        inspector.showServices();
        QTRY_VERIFY(services->map());
        QTRY_VERIFY(services->isVisible());
        const ServiceMap &map = *services->map();
        QCOMPARE(map.nodes.size(), std::size_t(3));
        QCOMPARE(map.edges.size(), std::size_t(2));
        QVERIFY(
            services->toolTipAt(services->edgePosition(0)).contains(QStringLiteral("1 call\n")));

        // A service: its first span, in the waterfall.
        QTest::mouseClick(services, Qt::LeftButton, {},
                          services->nodePosition(map.nodeIndex("backend")));
        QCOMPARE(inspector.selectedSpanId(), kansoku::test::spanId(3));
        QVERIFY(inspector.waterfallView()->isVisible());

        // Another trace: the graph is built again when it shows.
        inspector.setTrace(builder.build());
        QVERIFY(!services->map());
    }

    void emptyRangeSaysSo()
    {
        WorkbenchState state;
        auto queries = std::make_shared<ListQueries>(std::vector<AnalysisTrace>{});
        ServiceMapPane pane(&state, queries);
        pane.show();
        QTRY_COMPARE(pane.completedBuilds(), 1);
        auto *empty = pane.findChild<QLabel *>(QStringLiteral("serviceMapEmptyState"));
        QVERIFY(empty && empty->isVisible());
        QVERIFY(empty->text().contains(QStringLiteral("No traces")));
    }
};

QTEST_MAIN(TestServiceMapPane)
#include "tst_service_map_pane.moc"
