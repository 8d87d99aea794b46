#include "service_palette.h"
#include "support/trace_test_builder.h"
#include "trace_minimap.h"

#include <QApplication>
#include <QPainter>
#include <QTest>

using namespace kansoku;
using kansoku::test::TraceTestBuilder;

class TestTraceMinimap : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void mapLinesUpWithTheBars();
    void pressMapsToWholeTraceTime();
    void paintsSpansAndShadesOutsideTheWindow();
    void boxesAreBuiltOncePerWidth();
    void withoutTreeNothingIsPressedOrPainted();

private:
    QImage paint(const TimeScale &window);

    std::shared_ptr<SpanTree> m_tree;
    TraceMinimap m_minimap;
};

namespace {

constexpr int StripWidth = 600;
constexpr int CaptionWidth = 200;
constexpr int BarLeft = 214;
constexpr int BarWidth = 372;

} // namespace

// root [0,1000) on "frontend": a [100,300) with a1 [150,250); b [400,900); c [920,990).
void TestTraceMinimap::init()
{
    m_tree = std::make_shared<SpanTree>(TraceTestBuilder()
                                            .span(1, 0, 0, 1000, 0, "root")
                                            .span(2, 1, 100, 300, 1, "a")
                                            .span(3, 2, 150, 250, 2, "a1")
                                            .span(4, 1, 400, 900, 1, "b", true)
                                            .span(5, 1, 920, 990, 2, "c")
                                            .build());
    m_minimap = TraceMinimap();
    m_minimap.setTree(m_tree);
    m_minimap.setGeometry(StripWidth, CaptionWidth, BarLeft, BarWidth);
}

QImage TestTraceMinimap::paint(const TimeScale &window)
{
    QImage image(StripWidth, TraceMinimap::Height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::black);
    QPainter painter(&image);
    m_minimap.paint(painter, QApplication::palette(), QApplication::font(), window);
    return image;
}

void TestTraceMinimap::mapLinesUpWithTheBars()
{
    const QRect map = m_minimap.mapRect();
    QCOMPARE(map.left(), BarLeft);
    QCOMPARE(map.width(), BarWidth);
    QVERIFY(map.top() > 0);
    QVERIFY(map.bottom() < TraceMinimap::Height - 1);
    // Presses count over the strip's whole height above the bars, not beside them.
    QVERIFY(m_minimap.acceptsPress(QPoint(BarLeft, 0)));
    QVERIFY(m_minimap.acceptsPress(QPoint(BarLeft + BarWidth - 1, TraceMinimap::Height - 1)));
    QVERIFY(!m_minimap.acceptsPress(QPoint(BarLeft - 1, map.center().y())));
    QVERIFY(!m_minimap.acceptsPress(QPoint(BarLeft + BarWidth, map.center().y())));
    QVERIFY(!m_minimap.acceptsPress(QPoint(BarLeft, TraceMinimap::Height)));
    QVERIFY(!m_minimap.toolTipAt(map.center()).isEmpty());
    QVERIFY(m_minimap.toolTipAt(QPoint(BarLeft - 1, map.center().y())).isEmpty());
}

void TestTraceMinimap::pressMapsToWholeTraceTime()
{
    const QRect map = m_minimap.mapRect();
    QCOMPARE(m_minimap.timeAt(map.left()), m_tree->startTimeNs());
    QVERIFY(std::llabs(m_minimap.timeAt(map.left() + map.width() * 3 / 4)
                       - (m_tree->startTimeNs() + 750))
            <= 3);
    QCOMPARE(m_minimap.timeAt(map.left() + map.width()), m_tree->endTimeNs());
    // A moved bar area moves the map with it.
    m_minimap.setGeometry(StripWidth, CaptionWidth, BarLeft + 100, BarWidth - 100);
    QCOMPARE(m_minimap.timeAt(BarLeft + 100), m_tree->startTimeNs());
}

void TestTraceMinimap::paintsSpansAndShadesOutsideTheWindow()
{
    const QRect map = m_minimap.mapRect();
    // Three lanes (depths 0-2); the root fills the top one end to end.
    const int rootY = map.top() + map.height() / 6;
    const QColor root = ServicePalette::color("frontend");
    const auto xAt = [&](std::int64_t offsetNs) {
        return map.left() + int(map.width() * offsetNs / 1000);
    };

    TimeScale window(m_tree->startTimeNs(), m_tree->endTimeNs(), BarWidth);
    const QImage whole = paint(window);
    for (std::int64_t offset : {50, 250, 500, 750, 950})
        QCOMPARE(QColor(whole.pixel(xAt(offset), rootY)), root);

    // Zoomed to [500, 750): the rest of the trace is shaded, the window is not.
    window.setView(m_tree->startTimeNs() + 500, 250);
    const QImage zoomed = paint(window);
    QCOMPARE(QColor(zoomed.pixel(xAt(625), rootY)), root);
    for (std::int64_t offset : {50, 250, 950}) {
        const QColor shaded = zoomed.pixel(xAt(offset), rootY);
        QVERIFY2(shaded != root, qPrintable(QString::number(offset)));
        QCOMPARE(shaded, QColor(zoomed.pixel(xAt(50), rootY)));
    }
    // "b" [400, 900) on "backend" in the second lane, beside the visible window's outline.
    const int childY = map.top() + map.height() / 2;
    QCOMPARE(QColor(zoomed.pixel(xAt(625), childY)), ServicePalette::color("backend"));
    // The caption area is painted too (not left black).
    QVERIFY(QColor(zoomed.pixel(5, 5)) != QColor(Qt::black));
}

void TestTraceMinimap::boxesAreBuiltOncePerWidth()
{
    const TimeScale window(m_tree->startTimeNs(), m_tree->endTimeNs(), BarWidth);
    QCOMPARE(m_minimap.boxBuildCount(), 0);
    paint(window);
    paint(window);
    QCOMPARE(m_minimap.boxBuildCount(), 1);
    m_minimap.setGeometry(StripWidth, CaptionWidth, BarLeft, BarWidth - 50);
    paint(window);
    QCOMPARE(m_minimap.boxBuildCount(), 2);
    m_minimap.setTree(m_tree);
    QCOMPARE(m_minimap.boxBuildCount(), 0);
}

void TestTraceMinimap::withoutTreeNothingIsPressedOrPainted()
{
    m_minimap.setTree(nullptr);
    QVERIFY(!m_minimap.acceptsPress(m_minimap.mapRect().center()));
    QVERIFY(m_minimap.toolTipAt(m_minimap.mapRect().center()).isEmpty());
    const QImage image = paint(TimeScale());
    QCOMPARE(QColor(image.pixel(m_minimap.mapRect().center())), QColor(Qt::black));
}

QTEST_MAIN(TestTraceMinimap)
#include "tst_trace_minimap.moc"
