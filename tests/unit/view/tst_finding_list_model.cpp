// FindingListModel: the columns' text, tooltips and alignment, the default (analyzer) order and
// every column's sort with ties in analyzer order, the detector and service filters and their
// counts, persistent indexes through sorts, and the same problem found again in a new analysis.
// QAbstractItemModelTester watches every change.
#include "support/english_plurals.h"
#include "view/finding_list_model.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>
#include <set>

using namespace kansoku;

namespace {

constexpr std::int64_t msNs = 1'000'000;

Finding makeFinding(FindingKind kind, FindingSeverity severity, const std::string &service,
                    const std::string &operation, const std::string &statement,
                    std::int64_t occurrences, std::int64_t affected, std::int64_t endpointTraces,
                    double costMsPerRequest, std::int64_t totalMs)
{
    Finding finding;
    finding.kind = kind;
    finding.severity = severity;
    finding.service = service;
    finding.operation = operation;
    finding.statement = statement;
    finding.title = operation + " — " + findingKindId(kind) + " " + statement;
    finding.occurrences = occurrences;
    finding.affectedTraces = affected;
    finding.endpointTraces = endpointTraces;
    finding.costNsPerRequest = costMsPerRequest * msNs;
    finding.totalCostNs = totalMs * msNs;
    finding.latencyShare = 0.25;
    finding.fixHint = "Load the items in one query.";
    return finding;
}

// Worst first, as FindingsAnalyzer hands them out: severity, then total cost.
std::vector<Finding> analysis()
{
    return {
        // 0
        makeFinding(FindingKind::NPlusOne, FindingSeverity::High, "cart", "GET /cart",
                    "SELECT * FROM items WHERE id = ?", 500, 10, 10, 52, 520),
        // 1
        makeFinding(FindingKind::SlowQuery, FindingSeverity::High, "orders", "GET /orders",
                    "SELECT * FROM orders", 40, 40, 80, 120, 4800 / 10),
        // 2
        makeFinding(FindingKind::ErrorHotspot, FindingSeverity::Medium, "cart", "POST /cart", "", 7,
                    7, 700, 30, 210),
        // 3: the same total cost as 4; the analyzer put it first
        makeFinding(FindingKind::NPlusOne, FindingSeverity::Low, "orders", "GET /orders",
                    "SELECT * FROM lines WHERE order_id = ?", 60, 6, 80, 10, 60),
        // 4
        makeFinding(FindingKind::RedundantCall, FindingSeverity::Low, "cart", "GET /cart",
                    "GET /prices/{id}", 12, 6, 0, 10, 60),
    };
}

std::shared_ptr<const std::vector<Finding>> shared(std::vector<Finding> findings)
{
    return std::make_shared<const std::vector<Finding>>(std::move(findings));
}

// The analyzer indexes of the rows, in row order (titles are unique in analysis()).
std::vector<int> order(const FindingListModel &model)
{
    const std::vector<Finding> all = analysis();
    std::vector<int> indexes;
    for (int row = 0; row < model.rowCount(); ++row) {
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (all[i].title == model.finding(row).title)
                indexes.push_back(int(i));
        }
    }
    return indexes;
}

QString text(const FindingListModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

Q_DECLARE_METATYPE(std::vector<int>)

class TestFindingListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void columnsShowTheFinding();
    void costlessFindingShowsADash();
    void tracesColumn_data();
    void tracesColumn();
    void countToolTipsOfOneAreSingular_data();
    void countToolTipsOfOneAreSingular();
    void defaultOrderIsTheAnalyzers();
    void sortByColumn_data();
    void sortByColumn();
    void numericColumnsSortLargestFirstOnFirstClick();
    void persistentIndexesFollowTheSort();
    void filtersByDetectorAndService();
    void newAnalysisKeepsFiltersAndSort();
    void sameProblemIsFoundAgain();
    void namesForEveryKind();
};

// The English plural forms ("1 trace", "2 traces"), as the app installs them.
void TestFindingListModel::initTestCase()
{
    QVERIFY(kansoku::test::installEnglishPlurals(QStringLiteral(KANSOKU_ENGLISH_PLURALS_QM)));
}

void TestFindingListModel::columnsShowTheFinding()
{
    FindingListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setFindings(shared(analysis()));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(FindingListModel::ColumnCount));

    QCOMPARE(text(model, 0, FindingListModel::SeverityColumn), QStringLiteral("High"));
    QCOMPARE(text(model, 0, FindingListModel::TitleColumn),
             QStringLiteral("GET /cart — n_plus_one SELECT * FROM items WHERE id = ?"));
    QCOMPARE(text(model, 0, FindingListModel::ServiceColumn), QStringLiteral("cart"));
    QCOMPARE(text(model, 0, FindingListModel::OperationColumn), QStringLiteral("GET /cart"));
    QCOMPARE(text(model, 0, FindingListModel::DetectorColumn), QStringLiteral("N+1"));
    QCOMPARE(text(model, 0, FindingListModel::OccurrencesColumn), QLocale().toString(500));
    QCOMPARE(text(model, 0, FindingListModel::TracesColumn), QStringLiteral("10 · 100%"));
    QCOMPARE(text(model, 0, FindingListModel::CostPerRequestColumn), QStringLiteral("52 ms"));
    QCOMPARE(text(model, 0, FindingListModel::TotalCostColumn), QStringLiteral("520 ms"));

    const QModelIndex severity = model.index(0, FindingListModel::SeverityColumn);
    QCOMPARE(severity.data(Qt::DecorationRole).value<QColor>(),
             FindingListModel::severityColor(FindingSeverity::High));
    QCOMPARE(severity.data(FindingListModel::SeverityRole).toInt(), int(FindingSeverity::High));
    QCOMPARE(severity.data(FindingListModel::KindRole).toInt(), int(FindingKind::NPlusOne));
    QCOMPARE(model.index(0, FindingListModel::TotalCostColumn)
                 .data(Qt::TextAlignmentRole)
                 .value<Qt::Alignment>(),
             Qt::AlignRight | Qt::AlignVCenter);
    QCOMPARE(model.index(0, FindingListModel::TitleColumn)
                 .data(Qt::TextAlignmentRole)
                 .value<Qt::Alignment>(),
             Qt::AlignLeft | Qt::AlignVCenter);

    // Tooltips carry what the cell abbreviates.
    const QString titleTip
        = model.index(0, FindingListModel::TitleColumn).data(Qt::ToolTipRole).toString();
    QVERIFY(titleTip.contains(QStringLiteral("Load the items in one query.")));
    QVERIFY(titleTip.contains(QStringLiteral("WHERE id = ?")));
    QCOMPARE(model.index(1, FindingListModel::TracesColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("40 of the 80 traces of GET /orders show it (50%)"));
    QCOMPARE(
        model.index(0, FindingListModel::CostPerRequestColumn).data(Qt::ToolTipRole).toString(),
        QStringLiteral("About 52 ms per affected request, 25% of its latency"));
    QCOMPARE(model.index(0, FindingListModel::DetectorColumn).data(Qt::ToolTipRole).toString(),
             FindingListModel::kindDescription(FindingKind::NPlusOne));
    QCOMPARE(model.headerData(FindingListModel::CostPerRequestColumn, Qt::Horizontal).toString(),
             QStringLiteral("Per request"));
    QVERIFY(!model.index(5, 0).isValid());
}

void TestFindingListModel::tracesColumn_data()
{
    QTest::addColumn<qint64>("affected");
    QTest::addColumn<qint64>("endpointTraces");
    QTest::addColumn<QString>("expected");
    QTest::newRow("all") << qint64(10) << qint64(10) << QStringLiteral("10 · 100%");
    QTest::newRow("half") << qint64(40) << qint64(80) << QStringLiteral("40 · 50%");
    QTest::newRow("under one percent") << qint64(1) << qint64(300) << QStringLiteral("1 · <1%");
    QTest::newRow("rounds up") << qint64(1) << qint64(150) << QStringLiteral("1 · 1%");
    QTest::newRow("endpoint unknown") << qint64(6) << qint64(0) << QStringLiteral("6");
}

void TestFindingListModel::costlessFindingShowsADash()
{
    FindingListModel model;
    Finding spike = makeFinding(FindingKind::TrafficSpike, FindingSeverity::Info, "shop", "GET /",
                                "", 60, 60, 135, 0, 0);
    model.setFindings(shared({spike}));
    QCOMPARE(text(model, 0, FindingListModel::CostPerRequestColumn), QStringLiteral("—"));
    QCOMPARE(text(model, 0, FindingListModel::TotalCostColumn), QStringLiteral("—"));
}

void TestFindingListModel::tracesColumn()
{
    QFETCH(qint64, affected);
    QFETCH(qint64, endpointTraces);
    QFETCH(QString, expected);
    FindingListModel model;
    model.setFindings(shared({makeFinding(FindingKind::SlowQuery, FindingSeverity::Low, "s", "op",
                                          "q", 1, affected, endpointTraces, 1, 1)}));
    QCOMPARE(text(model, 0, FindingListModel::TracesColumn), expected);
}

void TestFindingListModel::countToolTipsOfOneAreSingular_data()
{
    QTest::addColumn<qint64>("count");
    QTest::addColumn<qint64>("endpointTraces");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");
    const int occurrences = FindingListModel::OccurrencesColumn;
    const int traces = FindingListModel::TracesColumn;
    const int total = FindingListModel::TotalCostColumn;
    QTest::newRow("happened once")
        << qint64(1) << qint64(0) << occurrences << QStringLiteral("Happened 1 time");
    QTest::newRow("happened twice")
        << qint64(2) << qint64(0) << occurrences << QStringLiteral("Happened 2 times");
    QTest::newRow("one trace") << qint64(1) << qint64(0) << traces
                               << QStringLiteral("1 trace shows it");
    QTest::newRow("two traces") << qint64(2) << qint64(0) << traces
                                << QStringLiteral("2 traces show it");
    QTest::newRow("one of many") << qint64(1) << qint64(80) << traces
                                 << QStringLiteral("1 of the 80 traces of op shows it (1%)");
    QTest::newRow("two of many") << qint64(2) << qint64(80) << traces
                                 << QStringLiteral("2 of the 80 traces of op show it (3%)");
    QTest::newRow("the only one") << qint64(1) << qint64(1) << traces
                                  << QStringLiteral("The one trace of op shows it");
    QTest::newRow("cost of one trace")
        << qint64(1) << qint64(0) << total << QStringLiteral("10 ms over the 1 affected trace");
    QTest::newRow("cost of two traces")
        << qint64(2) << qint64(0) << total << QStringLiteral("10 ms over all 2 affected traces");
}

// Every count in a tooltip reads singular for one: "1 trace shows it", not "1 traces show it".
void TestFindingListModel::countToolTipsOfOneAreSingular()
{
    QFETCH(qint64, count);
    QFETCH(qint64, endpointTraces);
    QFETCH(int, column);
    QFETCH(QString, expected);
    FindingListModel model;
    model.setFindings(shared({makeFinding(FindingKind::SlowQuery, FindingSeverity::Low, "s", "op",
                                          "q", count, count, endpointTraces, 1, 10)}));
    QCOMPARE(model.index(0, column).data(Qt::ToolTipRole).toString(), expected);
}

void TestFindingListModel::defaultOrderIsTheAnalyzers()
{
    FindingListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFindings(shared(analysis()));
    QCOMPARE(model.sortColumn(), -1);
    QCOMPARE(order(model), (std::vector<int>{0, 1, 2, 3, 4}));
    // Severity, worst first, is the same order: equal severities keep the analyzer's order.
    model.sort(FindingListModel::SeverityColumn, Qt::DescendingOrder);
    QCOMPARE(order(model), (std::vector<int>{0, 1, 2, 3, 4}));
    model.sort(FindingListModel::SeverityColumn, Qt::AscendingOrder);
    QCOMPARE(order(model), (std::vector<int>{3, 4, 2, 0, 1}));
    // Column -1 goes back to the analyzer's order.
    model.sort(-1);
    QCOMPARE(order(model), (std::vector<int>{0, 1, 2, 3, 4}));
}

void TestFindingListModel::sortByColumn_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::addColumn<std::vector<int>>("expected");
    const int asc = Qt::AscendingOrder;
    const int desc = Qt::DescendingOrder;
    QTest::newRow("occurrences, largest first")
        << int(FindingListModel::OccurrencesColumn) << desc << std::vector<int>{0, 3, 1, 4, 2};
    QTest::newRow("occurrences, smallest first")
        << int(FindingListModel::OccurrencesColumn) << asc << std::vector<int>{2, 4, 1, 3, 0};
    // 3 and 4 both affect 6 traces: analyzer order in either direction.
    QTest::newRow("traces, largest first")
        << int(FindingListModel::TracesColumn) << desc << std::vector<int>{1, 0, 2, 3, 4};
    QTest::newRow("traces, smallest first")
        << int(FindingListModel::TracesColumn) << asc << std::vector<int>{3, 4, 2, 0, 1};
    QTest::newRow("cost per request, largest first")
        << int(FindingListModel::CostPerRequestColumn) << desc << std::vector<int>{1, 0, 2, 3, 4};
    QTest::newRow("total cost, largest first")
        << int(FindingListModel::TotalCostColumn) << desc << std::vector<int>{0, 1, 2, 3, 4};
    QTest::newRow("total cost, smallest first")
        << int(FindingListModel::TotalCostColumn) << asc << std::vector<int>{3, 4, 2, 1, 0};
    QTest::newRow("service") << int(FindingListModel::ServiceColumn) << asc
                             << std::vector<int>{0, 2, 4, 1, 3};
    QTest::newRow("service, descending")
        << int(FindingListModel::ServiceColumn) << desc << std::vector<int>{1, 3, 0, 2, 4};
    QTest::newRow("detector") << int(FindingListModel::DetectorColumn) << asc
                              << std::vector<int>{2, 0, 3, 4, 1};
    QTest::newRow("operation") << int(FindingListModel::OperationColumn) << asc
                               << std::vector<int>{0, 4, 1, 3, 2};
}

void TestFindingListModel::sortByColumn()
{
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(std::vector<int>, expected);
    FindingListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFindings(shared(analysis()));
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    model.sort(column, Qt::SortOrder(order));
    QCOMPARE(layout.count(), 1);
    QCOMPARE(::order(model), expected);
    QCOMPARE(model.sortColumn(), column);
    QCOMPARE(int(model.sortOrder()), order);
}

void TestFindingListModel::numericColumnsSortLargestFirstOnFirstClick()
{
    // QHeaderView starts a section's sort with its InitialSortOrderRole.
    FindingListModel model;
    for (int column : {FindingListModel::SeverityColumn, FindingListModel::OccurrencesColumn,
                       FindingListModel::TracesColumn, FindingListModel::CostPerRequestColumn,
                       FindingListModel::TotalCostColumn})
        QCOMPARE(model.headerData(column, Qt::Horizontal, Qt::InitialSortOrderRole).toInt(),
                 int(Qt::DescendingOrder));
    for (int column : {FindingListModel::TitleColumn, FindingListModel::ServiceColumn,
                       FindingListModel::OperationColumn, FindingListModel::DetectorColumn})
        QCOMPARE(model.headerData(column, Qt::Horizontal, Qt::InitialSortOrderRole).toInt(),
                 int(Qt::AscendingOrder));
}

void TestFindingListModel::persistentIndexesFollowTheSort()
{
    FindingListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFindings(shared(analysis()));
    const QPersistentModelIndex errors(model.index(2, FindingListModel::TitleColumn));
    model.sort(FindingListModel::OccurrencesColumn, Qt::AscendingOrder);
    QVERIFY(errors.isValid());
    QCOMPARE(errors.row(), 0);
    QCOMPARE(errors.column(), int(FindingListModel::TitleColumn));
    QCOMPARE(model.finding(errors.row()).kind, FindingKind::ErrorHotspot);
}

void TestFindingListModel::filtersByDetectorAndService()
{
    FindingListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFindings(shared(analysis()));
    QCOMPARE(model.totalCount(), 5);
    QCOMPARE(model.countFor(std::nullopt), 5);
    QCOMPARE(model.countFor(FindingKind::NPlusOne), 2);
    QCOMPARE(model.countFor(FindingKind::LockWait), 0);

    model.setKindFilter(FindingKind::NPlusOne);
    QCOMPARE(order(model), (std::vector<int>{0, 3}));
    // Counts are what the detector filter offers: they ignore it.
    QCOMPARE(model.countFor(std::nullopt), 5);

    model.setServiceFilter(QStringLiteral("orders"));
    QCOMPARE(order(model), (std::vector<int>{3}));
    QCOMPARE(model.countFor(std::nullopt), 2);
    QCOMPARE(model.countFor(FindingKind::NPlusOne), 1);
    QCOMPARE(model.countFor(FindingKind::SlowQuery), 1);
    QCOMPARE(model.totalCount(), 5);

    model.setKindFilter(std::nullopt);
    QCOMPARE(order(model), (std::vector<int>{1, 3}));
    model.setServiceFilter(QStringLiteral("nobody"));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.countFor(std::nullopt), 0);
    model.setServiceFilter(QString());
    QCOMPARE(model.rowCount(), 5);

    // An unchanged filter is no reset.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setServiceFilter(QString());
    model.setKindFilter(std::nullopt);
    QCOMPARE(reset.count(), 0);
}

void TestFindingListModel::newAnalysisKeepsFiltersAndSort()
{
    FindingListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFindings(shared(analysis()));
    model.setServiceFilter(QStringLiteral("cart"));
    model.sort(FindingListModel::OccurrencesColumn, Qt::DescendingOrder);
    QCOMPARE(order(model), (std::vector<int>{0, 4, 2}));

    std::vector<Finding> next = analysis();
    next[4].occurrences = 1000; // the redundant call got worse
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setFindings(shared(next));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(order(model), (std::vector<int>{4, 0, 2}));
    QCOMPARE(model.sortColumn(), int(FindingListModel::OccurrencesColumn));
    QCOMPARE(model.serviceFilter(), QStringLiteral("cart"));

    model.setFindings(nullptr);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalCount(), 0);
}

void TestFindingListModel::sameProblemIsFoundAgain()
{
    FindingListModel model;
    model.setFindings(shared(analysis()));
    const Finding seen = model.finding(3);
    // A later analysis: other figures, another position.
    std::vector<Finding> next = analysis();
    std::swap(next[0], next[3]);
    next[0].occurrences = 90;
    next[0].title = "GET /orders runs it 15× per request";
    model.setFindings(shared(next));
    QCOMPARE(model.rowOfSameProblem(seen), 0);
    QCOMPARE(model.finding(0).occurrences, std::int64_t(90));
    // Another statement is another problem.
    Finding other = seen;
    other.statement = "SELECT 1";
    QCOMPARE(model.rowOfSameProblem(other), -1);
    // Filtered out: not shown, so no row.
    model.setKindFilter(FindingKind::SlowQuery);
    QCOMPARE(model.rowOfSameProblem(seen), -1);
}

void TestFindingListModel::namesForEveryKind()
{
    std::set<QString> names;
    for (FindingKind kind : allFindingKinds()) {
        names.insert(FindingListModel::kindName(kind));
        QVERIFY(!FindingListModel::kindDescription(kind).isEmpty());
    }
    QCOMPARE(names.size(), allFindingKinds().size());
    std::set<QRgb> colours;
    for (FindingSeverity severity : {FindingSeverity::Info, FindingSeverity::Low,
                                     FindingSeverity::Medium, FindingSeverity::High}) {
        QVERIFY(!FindingListModel::severityName(severity).isEmpty());
        colours.insert(FindingListModel::severityColor(severity).rgb());
    }
    QCOMPARE(colours.size(), std::size_t(4));
}

QTEST_GUILESS_MAIN(TestFindingListModel)
#include "tst_finding_list_model.moc"
