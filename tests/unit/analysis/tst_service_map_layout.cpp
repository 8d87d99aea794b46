// ServiceMapLayout: columns by call depth (entries left, databases and hosts right), no overlaps,
// the same picture for the same map, cycles, pairs calling each other, and hit-testing.
#include "analysis/service_map_layout.h"

#include <QTest>

using namespace kansoku;

namespace {

ServiceMap mapOf(const std::vector<std::pair<std::string, ServiceNodeKind>> &nodes,
                 const std::vector<std::pair<int, int>> &edges, const std::vector<int> &entries)
{
    ServiceMap map;
    for (const auto &[name, kind] : nodes) {
        ServiceMapNode node;
        node.name = name;
        node.kind = kind;
        map.nodes.push_back(node);
    }
    for (int entry : entries)
        map.nodes[std::size_t(entry)].isEntry = true;
    for (const auto &[caller, callee] : edges) {
        ServiceMapEdge edge;
        edge.caller = caller;
        edge.callee = callee;
        edge.callCount = 1;
        map.edges.push_back(edge);
    }
    return map;
}

constexpr auto Service = ServiceNodeKind::Service;
constexpr auto Database = ServiceNodeKind::Database;
constexpr auto External = ServiceNodeKind::External;

// frontend(0) -> checkout(1) -> payments(2) -> stripe(5); checkout -> postgres(3);
// frontend -> redis(4); payments -> postgres.
ServiceMap shop()
{
    return mapOf({{"frontend", Service},
                  {"checkout", Service},
                  {"payments", Service},
                  {"postgresql/orders", Database},
                  {"redis", Database},
                  {"api.stripe.com", External}},
                 {{0, 1}, {1, 2}, {2, 5}, {1, 3}, {0, 4}, {2, 3}}, {0});
}

void verifyNoOverlaps(const ServiceMapGeometry &geometry)
{
    for (std::size_t i = 0; i < geometry.nodeRects.size(); ++i) {
        QVERIFY(geometry.nodeRects[i].left() >= 0 && geometry.nodeRects[i].top() >= 0);
        QVERIFY(geometry.nodeRects[i].right() <= geometry.size.width() + 1e-9);
        QVERIFY(geometry.nodeRects[i].bottom() <= geometry.size.height() + 1e-9);
        for (std::size_t j = i + 1; j < geometry.nodeRects.size(); ++j)
            QVERIFY2(!geometry.nodeRects[i].intersects(geometry.nodeRects[j]),
                     qPrintable(QStringLiteral("nodes %1 and %2 overlap").arg(i).arg(j)));
    }
}

} // namespace

class TestServiceMapLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void columnsFollowCallDepth()
    {
        const ServiceMapGeometry geometry = ServiceMapLayout::layOut(shop());
        QCOMPARE(geometry.nodeColumns, (std::vector<int>{0, 1, 2, 3, 3, 3}));
        // Left to right on screen in that order.
        QVERIFY(geometry.nodeRects[0].right() < geometry.nodeRects[1].left());
        QVERIFY(geometry.nodeRects[1].right() < geometry.nodeRects[2].left());
        QVERIFY(geometry.nodeRects[2].right() < geometry.nodeRects[5].left());
        // The databases and Stripe share the last column, one above the other.
        QCOMPARE(geometry.nodeRects[3].left(), geometry.nodeRects[4].left());
        QCOMPARE(geometry.nodeRects[3].left(), geometry.nodeRects[5].left());
        verifyNoOverlaps(geometry);
    }

    void edgesRunBetweenTheirNodesBorders()
    {
        const ServiceMap map = shop();
        const ServiceMapGeometry geometry = ServiceMapLayout::layOut(map);
        QCOMPARE(geometry.edgeLines.size(), map.edges.size());
        for (std::size_t i = 0; i < map.edges.size(); ++i) {
            const QLineF &line = geometry.edgeLines[i];
            const QRectF from = geometry.nodeRects[std::size_t(map.edges[i].caller)];
            const QRectF to = geometry.nodeRects[std::size_t(map.edges[i].callee)];
            QVERIFY(from.adjusted(-0.01, -0.01, 0.01, 0.01).contains(line.p1()));
            QVERIFY(to.adjusted(-0.01, -0.01, 0.01, 0.01).contains(line.p2()));
            QVERIFY(!from.adjusted(1, 1, -1, -1).contains(line.p1())); // on the border
        }
    }

    void sameMapSamePicture()
    {
        const ServiceMapGeometry a = ServiceMapLayout::layOut(shop());
        const ServiceMapGeometry b = ServiceMapLayout::layOut(shop());
        QCOMPARE(a.nodeRects, b.nodeRects);
        QCOMPARE(a.edgeLines, b.edgeLines);
        QCOMPARE(a.size, b.size);
    }

    void manyNodesInOneColumnDoNotOverlap()
    {
        std::vector<std::pair<std::string, ServiceNodeKind>> nodes{{"gateway", Service}};
        std::vector<std::pair<int, int>> edges;
        for (int i = 1; i <= 12; ++i) {
            nodes.emplace_back("service-" + std::to_string(i), Service);
            edges.emplace_back(0, i);
        }
        const ServiceMapGeometry geometry = ServiceMapLayout::layOut(mapOf(nodes, edges, {0}));
        verifyNoOverlaps(geometry);
        // The single entry sits level with the middle of its callees.
        QCOMPARE(geometry.nodeRects[0].center().y(), geometry.size.height() / 2);
    }

    void aCycleEndsAndKeepsTheEntryLeft()
    {
        // api(0) -> worker(1) -> callback(2) -> api
        const ServiceMap map = mapOf({{"api", Service}, {"worker", Service}, {"callback", Service}},
                                     {{0, 1}, {1, 2}, {2, 0}}, {0});
        const ServiceMapGeometry geometry = ServiceMapLayout::layOut(map);
        QCOMPARE(geometry.nodeColumns, (std::vector<int>{0, 1, 2}));
        verifyNoOverlaps(geometry);
    }

    void aPairCallingEachOtherGetsTwoLines()
    {
        const ServiceMap map = mapOf({{"a", Service}, {"b", Service}}, {{0, 1}, {1, 0}}, {0});
        const ServiceMapGeometry geometry = ServiceMapLayout::layOut(map);
        QVERIFY(geometry.edgeLines[0].p1() != geometry.edgeLines[1].p2());
        QVERIFY(std::abs(geometry.edgeLines[0].p1().y() - geometry.edgeLines[1].p2().y()) > 5);
    }

    void hitTesting()
    {
        // Edges that skip a column are straight lines and may run along each other (the shop's
        // checkout -> payments and checkout -> postgresql): then the nearest, or the later, wins.
        // Here no two edges share a stretch, so each edge's middle is its own.
        const ServiceMap map = mapOf(
            {{"api", Service}, {"cart", Service}, {"users", Service}, {"postgresql", Database}},
            {{0, 1}, {0, 2}, {1, 3}}, {0});
        const ServiceMapGeometry geometry = ServiceMapLayout::layOut(map);
        QCOMPARE(ServiceMapLayout::nodeAt(geometry, geometry.nodeRects[2].center()), 2);
        QCOMPARE(geometry.edgeLines.size(), std::size_t(3));
        QCOMPARE(ServiceMapLayout::nodeAt(geometry, QPointF(-10, -10)), -1);
        for (std::size_t i = 0; i < geometry.edgeLines.size(); ++i) {
            const QPointF middle = geometry.edgeLines[i].pointAt(0.5);
            QCOMPARE(ServiceMapLayout::edgeAt(geometry, middle + QPointF(0, 2), 4), int(i));
        }
        QCOMPARE(ServiceMapLayout::edgeAt(geometry, QPointF(-100, -100), 4), -1);
    }

    void emptyMap()
    {
        const ServiceMapGeometry geometry = ServiceMapLayout::layOut(ServiceMap{});
        QVERIFY(geometry.nodeRects.empty());
        QCOMPARE(ServiceMapLayout::nodeAt(geometry, QPointF(0, 0)), -1);
    }
};

QTEST_GUILESS_MAIN(TestServiceMapLayout)
#include "tst_service_map_layout.moc"
