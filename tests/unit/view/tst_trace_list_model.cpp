#include "analysis/trace_scatter_series.h"
#include "support/empty_telemetry_queries.h"
#include "view/trace_list_model.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <tuple>

using namespace kansoku;

namespace {

constexpr std::int64_t baseNs = 1700000000000000000;
constexpr std::int64_t msNs = 1000000;

TraceId traceNumber(int number)
{
    TraceId id;
    id.bytes[0] = 0xab;
    id.bytes[14] = static_cast<std::uint8_t>(number >> 8);
    id.bytes[15] = static_cast<std::uint8_t>(number);
    return id;
}

int numberOf(const TraceId &id)
{
    return id.bytes[14] << 8 | id.bytes[15];
}

// Sorts by one field, ties by trace id in the same direction (as the store does).
template<typename Field>
void sortBy(std::vector<TraceSummary> &traces, Field TraceSummary::*field, bool descending)
{
    std::sort(traces.begin(), traces.end(), [&](const TraceSummary &a, const TraceSummary &b) {
        const auto key = [&](const TraceSummary &t) {
            return std::tie(t.*field, t.traceId);
        };
        return descending ? key(b) < key(a) : key(a) < key(b);
    });
}

// Trace n starts n seconds after base and lasts (n * 7 % 50 + 1) ms; every fifth has errors.
TraceSummary summaryNumber(int number)
{
    TraceSummary summary;
    summary.traceId = traceNumber(number);
    summary.startTimeNs = baseNs + number * 1000 * msNs;
    summary.durationNs = (number * 7 % 50 + 1) * msNs;
    summary.rootService = number % 2 ? "frontend" : "backend";
    summary.rootName = "GET /item/" + std::to_string(number % 3);
    summary.spanCount = number % 10 + 1;
    summary.errorCount = number % 5 == 0 ? 2 : 0;
    summary.services = {"backend", "frontend"};
    return summary;
}

// The store's trace query semantics over an in-memory list: filters, the four sort orders,
// offset/limit; the other queries answer nothing. Records every query so tests can check what
// the model asked for.
class FakeTraceQueries : public kansoku::test::EmptyTelemetryQueries
{
public:
    void setTraces(std::vector<TraceSummary> traces)
    {
        std::lock_guard lock(m_mutex);
        m_traces = std::move(traces);
    }
    // While held, queries block on the worker: the model is reliably still loading.
    void hold(bool held)
    {
        {
            std::lock_guard lock(m_mutex);
            m_held = held;
        }
        m_released.notify_all();
    }
    std::vector<TraceQuery> queries() const
    {
        std::lock_guard lock(m_mutex);
        return m_queries;
    }

    std::vector<TraceSummary> traces(const TraceQuery &query) const override
    {
        std::unique_lock lock(m_mutex);
        m_released.wait(lock, [this] { return !m_held; });
        m_queries.push_back(query);
        std::vector<TraceSummary> result;
        for (const TraceSummary &trace : m_traces) {
            if (query.range.contains(trace.startTimeNs)
                && (!query.errorsOnly || trace.errorCount > 0)
                && (query.operation.empty() || trace.rootName == query.operation))
                result.push_back(trace);
        }
        auto byStart = [](const TraceSummary &a, const TraceSummary &b) {
            return a.startTimeNs < b.startTimeNs;
        };
        auto byDuration = [](const TraceSummary &a, const TraceSummary &b) {
            return a.durationNs < b.durationNs
                   || (a.durationNs == b.durationNs && a.traceId < b.traceId);
        };
        switch (query.sortOrder) {
        case TraceSortOrder::StartTimeDescending:
            std::sort(result.begin(), result.end(),
                      [&](auto &a, auto &b) { return byStart(b, a); });
            break;
        case TraceSortOrder::StartTimeAscending:
            std::sort(result.begin(), result.end(), byStart);
            break;
        case TraceSortOrder::DurationDescending:
            std::sort(result.begin(), result.end(),
                      [&](auto &a, auto &b) { return byDuration(b, a); });
            break;
        case TraceSortOrder::DurationAscending:
            std::sort(result.begin(), result.end(), byDuration);
            break;
        case TraceSortOrder::SpanCountDescending:
            sortBy(result, &TraceSummary::spanCount, true);
            break;
        case TraceSortOrder::SpanCountAscending:
            sortBy(result, &TraceSummary::spanCount, false);
            break;
        case TraceSortOrder::ErrorCountDescending:
            sortBy(result, &TraceSummary::errorCount, true);
            break;
        case TraceSortOrder::ErrorCountAscending:
            sortBy(result, &TraceSummary::errorCount, false);
            break;
        case TraceSortOrder::RootServiceAscending:
            sortBy(result, &TraceSummary::rootService, false);
            break;
        case TraceSortOrder::RootServiceDescending:
            sortBy(result, &TraceSummary::rootService, true);
            break;
        case TraceSortOrder::RootOperationAscending:
            sortBy(result, &TraceSummary::rootName, false);
            break;
        case TraceSortOrder::RootOperationDescending:
            sortBy(result, &TraceSummary::rootName, true);
            break;
        }
        const auto offset = std::min<std::size_t>(result.size(), std::size_t(query.offset));
        result.erase(result.begin(), result.begin() + static_cast<std::ptrdiff_t>(offset));
        if (result.size() > std::size_t(query.limit))
            result.resize(std::size_t(query.limit));
        return result;
    }

private:
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_released;
    bool m_held = false;
    std::vector<TraceSummary> m_traces;
    mutable std::vector<TraceQuery> m_queries;
};

std::vector<TraceSummary> summaries(int first, int last)
{
    std::vector<TraceSummary> result;
    for (int number = first; number <= last; ++number)
        result.push_back(summaryNumber(number));
    return result;
}

QList<int> rowNumbers(const TraceListModel &model)
{
    QList<int> numbers;
    for (int row = 0; row < model.rowCount(); ++row)
        numbers.append(numberOf(model.summary(row).traceId));
    return numbers;
}

} // namespace

class TestTraceListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void loadsPageByPage();
    void showsSummaryColumns();
    void sortMapsToStoreOrder_data();
    void sortMapsToStoreOrder();
    void firstClickSortsNewestOrLargestFirst_data();
    void firstClickSortsNewestOrLargestFirst();
    void passesFiltersAndResetsOnNewQuery();
    void refreshKeepsSelectedTraceSelected();
    void refreshDropsLeavingTraces();
    void refreshWhileLoadingIsQueued();
    void setRangeRefreshesWithoutReset();
    void overlappingPagesAreDeduplicated();
    void scatterSeriesOnePointPerTrace();
    void oddSummariesDisplaySafely();

private:
    void loadFirstPage(const TraceQuery &query = {});

    std::shared_ptr<FakeTraceQueries> m_queries;
    std::unique_ptr<TraceListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestTraceListModel::init()
{
    m_queries = std::make_shared<FakeTraceQueries>();
    m_queries->setTraces(summaries(1, 25));
    m_model = std::make_unique<TraceListModel>(m_queries);
    m_model->setPageSize(10);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestTraceListModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestTraceListModel::loadFirstPage(const TraceQuery &query)
{
    QSignalSpy loaded(m_model.get(), &TraceListModel::loaded);
    m_model->setQuery(query);
    // Answers may arrive at once when the worker is faster than the continuation is attached.
    QTRY_COMPARE(loaded.count(), 1);
    QVERIFY(m_model->hasLoaded());
}

void TestTraceListModel::loadsPageByPage()
{
    loadFirstPage();
    QCOMPARE(m_model->rowCount(), 10);
    QCOMPARE(rowNumbers(*m_model).first(), 25); // newest first
    QCOMPARE(rowNumbers(*m_model).last(), 16);
    QVERIFY(m_model->canFetchMore({}));

    QSignalSpy loaded(m_model.get(), &TraceListModel::loaded);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_queries->hold(true);
    m_model->fetchMore({});
    QVERIFY(m_model->isLoading());
    m_model->fetchMore({}); // ignored while the page loads
    m_queries->hold(false);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(m_model->rowCount(), 20);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 10);
    QCOMPARE(inserted.at(0).at(2).toInt(), 19);
    m_model->fetchMore({});
    QTRY_COMPARE(loaded.count(), 2);
    QCOMPARE(m_model->rowCount(), 25);
    QCOMPARE(rowNumbers(*m_model).last(), 1);
    QVERIFY(!m_model->canFetchMore({})); // a short page ends the list

    const std::vector<TraceQuery> asked = m_queries->queries();
    QCOMPARE(asked.size(), std::size_t(3));
    QCOMPARE(asked[1].offset, 10);
    QCOMPARE(asked[2].offset, 20);
    QCOMPARE(asked[2].limit, 10);
}

void TestTraceListModel::showsSummaryColumns()
{
    loadFirstPage();
    // Row 0 is trace 25: 25*7%50+1 = 26 ms, 6 spans, 2 errors.
    auto text = [this](int column) {
        return m_model->index(0, column).data().toString();
    };
    QCOMPARE(text(TraceListModel::RootServiceColumn), QStringLiteral("frontend"));
    QCOMPARE(text(TraceListModel::RootOperationColumn), QStringLiteral("GET /item/1"));
    QCOMPARE(text(TraceListModel::DurationColumn), QStringLiteral("26 ms"));
    QCOMPARE(text(TraceListModel::SpanCountColumn), QStringLiteral("6"));
    QCOMPARE(text(TraceListModel::ErrorCountColumn), QStringLiteral("2"));
    QCOMPARE(text(TraceListModel::ServicesColumn), QStringLiteral("backend, frontend"));
    const QModelIndex errors = m_model->index(0, TraceListModel::ErrorCountColumn);
    QCOMPARE(errors.data(Qt::ForegroundRole).value<QColor>(), QColor(0xd6, 0x27, 0x28));
    QCOMPARE(m_model->index(1, TraceListModel::ErrorCountColumn)
                 .data(Qt::ForegroundRole)
                 .value<QColor>(),
             QColor(0x88, 0x88, 0x88));
    const QModelIndex duration = m_model->index(0, TraceListModel::DurationColumn);
    QCOMPARE(duration.data(Qt::TextAlignmentRole).value<Qt::Alignment>(),
             Qt::AlignRight | Qt::AlignVCenter);
    QCOMPARE(duration.data(TraceListModel::DurationNsRole).toLongLong(), 26 * msNs);
    QCOMPARE(duration.data(TraceListModel::StartTimeNsRole).toLongLong(),
             baseNs + 25 * 1000 * msNs);
    QCOMPARE(duration.data(TraceListModel::ErrorCountRole).toLongLong(), 2);
    QCOMPARE(duration.data(TraceListModel::TraceIdRole).toString(),
             QStringLiteral("ab000000000000000000000000000019"));
    QCOMPARE(m_model->rowOf(traceNumber(20)), 5);
    QCOMPARE(m_model->rowOf(traceNumber(3)), -1);
}

void TestTraceListModel::sortMapsToStoreOrder_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<int>("expectedSortOrder");
    QTest::addColumn<QList<int>>("firstRows");
    QTest::newRow("start ascending")
        << int(TraceListModel::StartColumn) << Qt::AscendingOrder
        << int(TraceSortOrder::StartTimeAscending) << QList<int>{1, 2, 3};
    // Durations are n*7%50+1 ms: longest 50, 49, 48 (n=7, 14, 21), shortest 5, 6, 7 (22, 15, 8).
    QTest::newRow("duration descending")
        << int(TraceListModel::DurationColumn) << Qt::DescendingOrder
        << int(TraceSortOrder::DurationDescending) << QList<int>{7, 14, 21};
    QTest::newRow("duration ascending")
        << int(TraceListModel::DurationColumn) << Qt::AscendingOrder
        << int(TraceSortOrder::DurationAscending) << QList<int>{22, 15, 8};
    // Span counts are n%10+1: ten spans for 19 and 9, nine for 18 and 8.
    QTest::newRow("span count descending")
        << int(TraceListModel::SpanCountColumn) << Qt::DescendingOrder
        << int(TraceSortOrder::SpanCountDescending) << QList<int>{19, 9, 18};
    // Every fifth trace has errors: 25, 20, 15 first.
    QTest::newRow("errors descending")
        << int(TraceListModel::ErrorCountColumn) << Qt::DescendingOrder
        << int(TraceSortOrder::ErrorCountDescending) << QList<int>{25, 20, 15};
    // Even numbers are "backend".
    QTest::newRow("root service ascending")
        << int(TraceListModel::RootServiceColumn) << Qt::AscendingOrder
        << int(TraceSortOrder::RootServiceAscending) << QList<int>{2, 4, 6};
    // Operations are "GET /item/" + n%3: "/item/2" last, so first when descending: 23, 20, 17.
    QTest::newRow("root operation descending")
        << int(TraceListModel::RootOperationColumn) << Qt::DescendingOrder
        << int(TraceSortOrder::RootOperationDescending) << QList<int>{23, 20, 17};
    QTest::newRow("services column is not sortable")
        << int(TraceListModel::ServicesColumn) << Qt::AscendingOrder
        << int(TraceSortOrder::StartTimeDescending) << QList<int>{25, 24, 23};
}

void TestTraceListModel::sortMapsToStoreOrder()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(int, expectedSortOrder);
    QFETCH(QList<int>, firstRows);
    loadFirstPage();
    QSignalSpy loaded(m_model.get(), &TraceListModel::loaded);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->sort(column, order);
    if (expectedSortOrder != int(TraceSortOrder::StartTimeDescending)) {
        QCOMPARE(reset.count(), 1); // the first page in the new order replaces the rows
        QTRY_COMPARE(loaded.count(), 1);
    } else {
        QCOMPARE(m_model->rowCount(), 10);
        QCOMPARE(loaded.count(), 0);
    }
    QCOMPARE(int(m_model->sortOrder()), expectedSortOrder);
    QCOMPARE(rowNumbers(*m_model).mid(0, 3), firstRows);
    // The header shows the order the store serves; a column without an order keeps the old one.
    const auto [headerColumn, headerOrder] = TraceListModel::headerSortFor(m_model->sortOrder());
    if (expectedSortOrder != int(TraceSortOrder::StartTimeDescending)) {
        QCOMPARE(headerColumn, column);
        QCOMPARE(headerOrder, order);
    } else {
        QCOMPARE(headerColumn, int(TraceListModel::StartColumn));
    }
}

void TestTraceListModel::firstClickSortsNewestOrLargestFirst_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("initialOrder");
    QTest::newRow("start") << int(TraceListModel::StartColumn) << Qt::DescendingOrder;
    QTest::newRow("duration") << int(TraceListModel::DurationColumn) << Qt::DescendingOrder;
    QTest::newRow("spans") << int(TraceListModel::SpanCountColumn) << Qt::DescendingOrder;
    QTest::newRow("errors") << int(TraceListModel::ErrorCountColumn) << Qt::DescendingOrder;
    QTest::newRow("root service") << int(TraceListModel::RootServiceColumn) << Qt::AscendingOrder;
    QTest::newRow("root operation")
        << int(TraceListModel::RootOperationColumn) << Qt::AscendingOrder;
}

void TestTraceListModel::firstClickSortsNewestOrLargestFirst()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, initialOrder);
    // QHeaderView reads this role for the first click on a column.
    const QVariant order = m_model->headerData(column, Qt::Horizontal, Qt::InitialSortOrderRole);
    QVERIFY(order.isValid());
    QCOMPARE(Qt::SortOrder(order.toInt()), initialOrder);
}

void TestTraceListModel::passesFiltersAndResetsOnNewQuery()
{
    loadFirstPage();
    TraceQuery query;
    query.errorsOnly = true;
    query.operation = "GET /item/0";
    query.limit = 5000;                                  // the model's page size wins
    query.sortOrder = TraceSortOrder::DurationAscending; // and so does its sort order
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    loadFirstPage(query);
    QCOMPARE(reset.count(), 1);
    // Errors: multiples of 5; root operation /0: multiples of 3.
    QCOMPARE(rowNumbers(*m_model), (QList<int>{15}));
    const TraceQuery asked = m_queries->queries().back();
    QVERIFY(asked.errorsOnly);
    QCOMPARE(asked.operation, std::string("GET /item/0"));
    QCOMPARE(asked.limit, 10);
    QCOMPARE(asked.sortOrder, TraceSortOrder::StartTimeDescending);
    QVERIFY(!m_model->canFetchMore({}));
}

void TestTraceListModel::refreshKeepsSelectedTraceSelected()
{
    loadFirstPage();
    QItemSelectionModel selection(m_model.get());
    const QModelIndex selected = m_model->index(3, TraceListModel::DurationColumn); // trace 22
    selection.setCurrentIndex(selected,
                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    // Three newer traces arrive and trace 24 gets more spans.
    std::vector<TraceSummary> traces = summaries(1, 28);
    traces[23].spanCount = 99;
    m_queries->setTraces(traces);
    QSignalSpy loaded(m_model.get(), &TraceListModel::loaded);
    m_model->refresh();
    QTRY_COMPARE(loaded.count(), 1);

    QCOMPARE(m_model->rowCount(), 10); // the loaded rows are re-read, no more
    QCOMPARE(rowNumbers(*m_model).mid(0, 5), (QList<int>{28, 27, 26, 25, 24}));
    QCOMPARE(m_queries->queries().back().offset, 0);
    QCOMPARE(m_queries->queries().back().limit, 10);
    QCOMPARE(selection.currentIndex().row(), 6);
    QCOMPARE(selection.currentIndex().column(), int(TraceListModel::DurationColumn));
    QCOMPARE(numberOf(m_model->summary(selection.currentIndex().row()).traceId), 22);
    QCOMPARE(selection.selectedRows().size(), 1);
    QCOMPARE(selection.selectedRows().first().row(), 6);
    QCOMPARE(m_model->index(4, TraceListModel::SpanCountColumn).data().toString(),
             QStringLiteral("99"));
    QVERIFY(m_model->canFetchMore({}));
}

void TestTraceListModel::refreshDropsLeavingTraces()
{
    loadFirstPage();
    QItemSelectionModel selection(m_model.get());
    selection.setCurrentIndex(m_model->index(2, 0), QItemSelectionModel::ClearAndSelect); // 23
    QPersistentModelIndex leaving = m_model->index(0, 0);                                 // 25

    // Traces 25 and 24 fall out of the range, only 6 remain: the list shrinks.
    TraceQuery query;
    m_queries->setTraces(summaries(18, 23));
    QSignalSpy loaded(m_model.get(), &TraceListModel::loaded);
    m_model->refresh();
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(rowNumbers(*m_model), (QList<int>{23, 22, 21, 20, 19, 18}));
    QVERIFY(!leaving.isValid());
    QCOMPARE(selection.currentIndex().row(), 0);
    QVERIFY(!m_model->canFetchMore({}));
}

void TestTraceListModel::refreshWhileLoadingIsQueued()
{
    QSignalSpy loaded(m_model.get(), &TraceListModel::loaded);
    m_queries->hold(true);
    m_model->setQuery({});
    QVERIFY(m_model->isLoading());
    QVERIFY(!m_model->canFetchMore({}));
    m_model->refresh();
    m_model->refresh();
    m_queries->hold(false);
    QTRY_COMPARE(loaded.count(), 2); // the first page, then one coalesced refresh
    QTRY_VERIFY(!m_model->isLoading());
    QTest::qWait(50);
    QCOMPARE(loaded.count(), 2);
    QCOMPARE(m_queries->queries().size(), std::size_t(2));
    QCOMPARE(m_model->rowCount(), 10);
}

void TestTraceListModel::setRangeRefreshesWithoutReset()
{
    loadFirstPage();
    QItemSelectionModel selection(m_model.get());
    selection.select(m_model->index(3, 0),
                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows); // trace 22
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy loaded(m_model.get(), &TraceListModel::loaded);
    m_model->setRange(TimeRange{baseNs + 18000 * msNs, baseNs + 30000 * msNs});
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(rowNumbers(*m_model), (QList<int>{25, 24, 23, 22, 21, 20, 19, 18}));
    QCOMPARE(m_model->query().range.startNs, baseNs + 18000 * msNs);
    QCOMPARE(m_queries->queries().back().range.startNs, baseNs + 18000 * msNs);
    QCOMPARE(selection.selectedRows().size(), 1);
    QCOMPARE(selection.selectedRows().first().row(), 3);
}

void TestTraceListModel::overlappingPagesAreDeduplicated()
{
    loadFirstPage();
    // Two new traces shift every offset by two: the next page starts with two rows already shown.
    m_queries->setTraces(summaries(1, 27));
    QSignalSpy loaded(m_model.get(), &TraceListModel::loaded);
    m_model->fetchMore({});
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(m_model->rowCount(), 18);
    QCOMPARE(rowNumbers(*m_model).mid(9), (QList<int>{16, 15, 14, 13, 12, 11, 10, 9, 8}));
}

void TestTraceListModel::scatterSeriesOnePointPerTrace()
{
    std::vector<TraceSummary> traces = summaries(4, 6);
    traces[1].durationNs = 0;
    const ChartSeries series = TraceScatterSeries::build(traces, QStringLiteral("Traces"));
    QCOMPARE(series.style, ChartSeries::Style::Scatter);
    QCOMPARE(series.timesNs, (std::vector<std::int64_t>{baseNs + 4000 * msNs, baseNs + 5000 * msNs,
                                                        baseNs + 6000 * msNs}));
    QCOMPARE(series.values, (std::vector<double>{29.0, 0.001, 43.0}));
    QCOMPARE(series.highlighted, (std::vector<bool>{false, true, false}));
}

void TestTraceListModel::oddSummariesDisplaySafely()
{
    TraceSummary missingRoot; // spans arrived, the root not yet
    missingRoot.traceId = traceNumber(1);
    missingRoot.startTimeNs = 0;
    missingRoot.durationNs = std::numeric_limits<std::int64_t>::max();
    missingRoot.spanCount = 1;
    TraceSummary negative = summaryNumber(2);
    negative.durationNs = -5 * msNs; // clock skew between services
    negative.services.clear();
    m_queries->setTraces({missingRoot, negative});
    loadFirstPage();
    QCOMPARE(m_model->rowCount(), 2);
    const int row = m_model->rowOf(traceNumber(1));
    QCOMPARE(m_model->index(row, TraceListModel::RootServiceColumn).data().toString(),
             QStringLiteral("—"));
    QCOMPARE(m_model->index(row, TraceListModel::RootOperationColumn).data().toString(),
             QStringLiteral("(root span missing)"));
    QVERIFY(!m_model->index(row, TraceListModel::DurationColumn).data().toString().isEmpty());
    const int other = m_model->rowOf(traceNumber(2));
    QCOMPARE(m_model->index(other, TraceListModel::DurationColumn).data().toString(),
             QStringLiteral("-5 ms"));
    QCOMPARE(m_model->index(other, TraceListModel::ServicesColumn).data().toString(), QString());

    const ChartSeries series = TraceScatterSeries::build({missingRoot, negative}, {});
    QCOMPARE(series.values.back(), TraceScatterSeries::minimumMs); // stays on a log axis
    QVERIFY(std::isfinite(series.values.front()));
}

QTEST_GUILESS_MAIN(TestTraceListModel)
#include "tst_trace_list_model.moc"
