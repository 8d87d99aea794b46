#include "span_details_view.h"
#include "support/trace_test_builder.h"
#include "view/span_details_model.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace kansoku;
using kansoku::test::spanId;
using kansoku::test::TraceTestBuilder;

class TestSpanDetailsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsSummaryAndSections();
    void longValuesElidedButCopyable();
    void clearDisablesButtons();
};

static std::shared_ptr<const Trace> traceWithLongValue()
{
    TraceTestBuilder builder;
    builder.span(1, 0, 0, 2500000, 1, "POST /pay", true);
    builder.last().status.message = "card declined";
    builder.last().attributes = {{"payload", AnyValue::fromString(std::string(400, 'x'))}};
    return builder.build();
}

void TestSpanDetailsView::showsSummaryAndSections()
{
    SpanDetailsView view;
    view.resize(420, 600);
    view.show();
    view.setSpan(traceWithLongValue(), 0, 1200000);
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("spanTitle"))->text(),
             QStringLiteral("POST /pay"));
    const QString summary = view.findChild<QLabel *>(QStringLiteral("spanSummary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("backend")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("card declined")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("2.5 ms")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("self 1.2 ms")), qPrintable(summary));
    QTreeView *tree = view.treeView();
    QVERIFY(tree->isExpanded(view.model()->sectionIndex(QStringLiteral("Attributes"))));
    QVERIFY(!tree->isExpanded(view.model()->sectionIndex(QStringLiteral("Resource"))));
    QVERIFY(view.findChild<QPushButton *>(QStringLiteral("spanLogsButton"))->isEnabled());
}

void TestSpanDetailsView::longValuesElidedButCopyable()
{
    SpanDetailsView view;
    view.resize(420, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setSpan(traceWithLongValue(), 0, 0);
    const QModelIndex value = view.model()->index(
        0, SpanDetailsModel::ValueColumn, view.model()->sectionIndex(QStringLiteral("Attributes")));
    QTreeView *tree = view.treeView();
    // The 400-character value does not fit its column: the view elides it.
    QVERIFY(tree->visualRect(value).width()
            < tree->fontMetrics().horizontalAdvance(value.data().toString()));
    tree->setCurrentIndex(value);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QString(400, QLatin1Char('x')));
}

void TestSpanDetailsView::clearDisablesButtons()
{
    SpanDetailsView view;
    view.setSpan(traceWithLongValue(), 0, 0);
    view.setSpan(nullptr, 0, 0);
    QCOMPARE(view.model()->rowCount(), 0);
    QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("spanLogsButton"))->isEnabled());
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("spanTitle"))->text(),
             QStringLiteral("No span selected"));
}

QTEST_MAIN(TestSpanDetailsView)
#include "tst_span_details_view.moc"
