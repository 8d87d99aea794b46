#include "log_body_delegate.h"
#include "logs_pane.h"
#include "screenshot_checks.h"
#include "support/storage_test_data.h"
#include "telemetry_store.h"
#include "ui_language.h"
#include "view/log_table_model.h"
#include "view/workbench_state.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <random>

using namespace kansoku;
using namespace kansoku::testdata;

namespace {
constexpr std::int64_t baseNs = 1'760'000'000'000'000'000;
constexpr std::int64_t msNs = 1'000'000;

// Log n (1-based) carries its number in the attribute "n"; odd logs belong to trace n, span n.
LogRecord numbered(int n, int severity, const std::string &body)
{
    return log(baseNs + n * msNs, severity, AnyValue::fromString(body),
               {{"n", AnyValue::fromInt(n)}},
               n % 2 ? traceId(static_cast<std::uint64_t>(n)) : TraceId{},
               n % 2 ? spanId(static_cast<std::uint64_t>(n)) : SpanId{});
}
} // namespace

class TestLogsPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsNewestLogsAndCount();
    void searchFiltersHighlightsAndCounts();
    void invalidSearchShowsMessage();
    void searchRequestedThroughTheState();
    void severityComboFilters();
    void logsRequestedShowsRemovableChip();
    void traceCellAndDetailsOpenTrace();
    void liveLogsGoOnTopKeepingSelection();
    void emptyState();
    void screenshotWithRealisticLogs();

private:
    void write(std::vector<LogRecord> records, const std::string &service = "checkout");
    QTableView *table() const
    {
        return m_pane->findChild<QTableView *>(QStringLiteral("logTable"));
    }
    QString countText() const
    {
        return m_pane->findChild<QLabel *>(QStringLiteral("logCount"))->text();
    }
    int numberAt(int row) const
    {
        return static_cast<int>(
            findAttribute(m_pane->model()->logAt(row)->record.attributes, "n")->intValue());
    }
    void search(const QString &text);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TelemetryStore> m_store;
    std::unique_ptr<WorkbenchState> m_state;
    std::unique_ptr<LogsPane> m_pane;
    std::int64_t m_written = 0;
};

// The English plural forms ("1 log", "2 logs"), as the app installs them.
void TestLogsPane::initTestCase()
{
    QVERIFY(UiLanguage::apply(UiLanguage::Choice::English));
}

void TestLogsPane::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    StorageOptions options;
    options.databasePath = m_dir->filePath(QStringLiteral("pane.db"));
    options.commitMaxLatencyMs = 5;
    m_store = std::make_unique<TelemetryStore>(options);
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    m_written = 0;
    m_state = std::make_unique<WorkbenchState>();
}

void TestLogsPane::cleanup()
{
    m_pane.reset();
    m_state.reset();
    m_store.reset();
    m_dir.reset();
}

void TestLogsPane::write(std::vector<LogRecord> records, const std::string &service)
{
    m_written += static_cast<std::int64_t>(records.size());
    QCOMPARE(testdata::offerPatiently(*m_store, logBatch(resource(service), std::move(records))),
             OfferResult::Accepted);
    QTRY_COMPARE(m_store->status().totals.logRecords, m_written);
}

void TestLogsPane::search(const QString &text)
{
    auto *box = m_pane->findChild<QLineEdit *>(QStringLiteral("logSearch"));
    box->selectAll();
    QTest::keyClick(box, Qt::Key_Backspace);
    // QTest types ASCII only; other text is pasted, as a user of an input method would.
    bool ascii = true;
    for (const QChar c : text)
        ascii = ascii && c.unicode() < 128;
    if (ascii)
        QTest::keyClicks(box, text);
    else
        box->insert(text);
    QTest::keyClick(box, Qt::Key_Return);
}

void TestLogsPane::showsNewestLogsAndCount()
{
    std::vector<LogRecord> records;
    for (int n = 1; n <= 1234; ++n)
        records.push_back(numbered(n, 9, "request " + std::to_string(n) + " served"));
    write(std::move(records));
    m_pane = std::make_unique<LogsPane>(m_state.get(), m_store->queries());
    m_pane->resize(900, 600);
    m_pane->show();
    QTRY_COMPARE(countText(), QLocale().toString(1234) + QStringLiteral(" logs"));
    QTRY_VERIFY(m_pane->model()->rowCount() >= LogTableModel::pageSize);
    QVERIFY(m_pane->model()->rowCount() < 1234); // paged, not everything
    QCOMPARE(numberAt(0), 1234);
    QCOMPARE(table()->model()->index(0, LogTableModel::BodyColumn).data().toString(),
             QStringLiteral("request 1234 served"));
    // Scrolling to the bottom pages older logs in.
    const int before = m_pane->model()->rowCount();
    table()->scrollToBottom();
    QTRY_VERIFY(m_pane->model()->rowCount() > before);
}

void TestLogsPane::searchFiltersHighlightsAndCounts()
{
    write({numbered(1, 9, "upstream timeout after 30 s"), numbered(2, 9, "all good"),
           numbered(3, 17, "Timeout talking to payments"), numbered(4, 9, "timed out")});
    m_pane = std::make_unique<LogsPane>(m_state.get(), m_store->queries());
    m_pane->show();
    QTRY_COMPARE(m_pane->model()->rowCount(), 4);
    search(QStringLiteral("timeout"));
    QTRY_COMPARE(m_pane->model()->rowCount(), 2);
    QCOMPARE(numberAt(0), 3);
    QCOMPARE(numberAt(1), 1);
    QTRY_COMPARE(countText(), QStringLiteral("2 logs"));
    auto *delegate = qobject_cast<LogBodyDelegate *>(
        table()->itemDelegateForColumn(LogTableModel::BodyColumn));
    QVERIFY(delegate);
    QCOMPARE(delegate->highlightPhrases(),
             (std::vector<SearchPhrase>{{{QStringLiteral("timeout")}, false}}));

    search(QStringLiteral("tim* severity>=error"));
    QTRY_COMPARE(m_pane->model()->rowCount(), 1);
    QTRY_COMPARE(countText(), QStringLiteral("1 log"));
    QCOMPARE(numberAt(0), 3);
}

void TestLogsPane::searchRequestedThroughTheState()
{
    write({numbered(1, 9, "connection refused"), numbered(2, 9, "connection ok"),
           numbered(3, 9, "refused again")});
    m_pane = std::make_unique<LogsPane>(m_state.get(), m_store->queries());
    m_pane->show();
    QTRY_COMPARE(m_pane->model()->rowCount(), 3);
    // As the command palette's "Search logs" asks: the box shows the text and it runs at once.
    m_state->requestLogSearch(QStringLiteral("refused"));
    QCOMPARE(m_pane->findChild<QLineEdit *>(QStringLiteral("logSearch"))->text(),
             QStringLiteral("refused"));
    QTRY_COMPARE(m_pane->model()->rowCount(), 2);
    QCOMPARE(numberAt(0), 3);
    QCOMPARE(numberAt(1), 1);
}

void TestLogsPane::invalidSearchShowsMessage()
{
    write({numbered(1, 9, "connection refused"), numbered(2, 9, "connection ok")});
    m_pane = std::make_unique<LogsPane>(m_state.get(), m_store->queries());
    m_pane->show();
    QTRY_COMPARE(m_pane->model()->rowCount(), 2);
    auto *message = m_pane->findChild<QLabel *>(QStringLiteral("logSearchMessage"));
    QVERIFY(!message->isVisible());
    for (const QString &bad : {QStringLiteral("\"connection refused"), QStringLiteral("-"),
                               QStringLiteral("foo:"), QStringLiteral("connection AND")}) {
        search(bad);
        QTRY_VERIFY(message->isVisible());
        QVERIFY2(message->text().size() > 10, qPrintable(message->text()));
        QCOMPARE(m_pane->model()->rowCount(), 2); // the last valid results stay
    }
    QVERIFY(message->text().contains(QStringLiteral("AND needs a search term after it")));
    search(QStringLiteral("refused"));
    QTRY_COMPARE(m_pane->model()->rowCount(), 1);
    QVERIFY(!message->isVisible());
}

void TestLogsPane::severityComboFilters()
{
    write({numbered(1, 5, "debug"), numbered(2, 13, "warn"), numbered(3, 21, "fatal"),
           numbered(4, 9, "info")});
    m_pane = std::make_unique<LogsPane>(m_state.get(), m_store->queries());
    m_pane->show();
    QTRY_COMPARE(m_pane->model()->rowCount(), 4);
    auto *combo = m_pane->findChild<QComboBox *>(QStringLiteral("logSeverity"));
    combo->setCurrentIndex(combo->findData(13));
    QTRY_COMPARE(m_pane->model()->rowCount(), 2);
    QCOMPARE(numberAt(0), 3);
    QCOMPARE(table()->model()->index(1, LogTableModel::SeverityColumn).data().toString(),
             QStringLiteral("WARN"));
    QTRY_COMPARE(countText(), QStringLiteral("2 logs"));
}

void TestLogsPane::logsRequestedShowsRemovableChip()
{
    write({numbered(1, 9, "in trace one"), numbered(2, 9, "no trace"),
           numbered(3, 9, "in trace three")});
    write({log(baseNs + 10 * msNs, 9, AnyValue::fromString("other service, same trace"),
               {{"n", AnyValue::fromInt(10)}}, traceId(1), spanId(99))},
          "payments");
    m_state->setService(QStringLiteral("checkout"));
    m_pane = std::make_unique<LogsPane>(m_state.get(), m_store->queries());
    m_pane->show();
    QTRY_COMPARE(m_pane->model()->rowCount(), 3);
    auto *chip = m_pane->findChild<QToolButton *>(QStringLiteral("logTraceChip"));
    QVERIFY(!chip->isVisible());

    m_state->requestLogsOf(traceId(1));
    QTRY_COMPARE(m_pane->model()->rowCount(), 2); // both services: the trace crossed them
    QVERIFY(chip->isVisible());
    QVERIFY(chip->text().contains(QStringLiteral("ab000000")));
    QCOMPARE(numberAt(0), 10);
    QCOMPARE(numberAt(1), 1);

    m_state->requestLogsOf(traceId(1), spanId(1));
    QTRY_COMPARE(m_pane->model()->rowCount(), 1);
    QVERIFY(chip->text().startsWith(QStringLiteral("span 5c000000")));

    QTest::mouseClick(chip, Qt::LeftButton);
    QTRY_COMPARE(m_pane->model()->rowCount(), 3); // the service filter applies again
    QVERIFY(!chip->isVisible());
}

void TestLogsPane::traceCellAndDetailsOpenTrace()
{
    write({numbered(1, 9, "{\"user\":\"田中\",\"items\":[1,2]}"), numbered(2, 9, "no trace")});
    m_pane = std::make_unique<LogsPane>(m_state.get(), m_store->queries());
    m_pane->resize(900, 600);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    QTRY_COMPARE(m_pane->model()->rowCount(), 2);
    QSignalSpy selected(m_state.get(), &WorkbenchState::spanSelected);
    QTableView *view = table();
    const QRect cell = view->visualRect(view->model()->index(1, LogTableModel::TraceColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.first().at(0).value<TraceId>(), traceId(1));
    QCOMPARE(selected.first().at(1).value<SpanId>(), spanId(1));

    // The click selected the row: the details show the pretty-printed JSON body.
    auto *body = m_pane->findChild<QPlainTextEdit *>(QStringLiteral("logDetailsBody"));
    QVERIFY(body->toPlainText().contains(QStringLiteral("\"user\": \"田中\"")));
    auto *open = m_pane->findChild<QToolButton *>(QStringLiteral("openTraceButton"));
    QVERIFY(open->isEnabled());
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(selected.count(), 2);

    // A log without a trace: nothing to open.
    QTest::mouseClick(
        view->viewport(), Qt::LeftButton, {},
        view->visualRect(view->model()->index(0, LogTableModel::TraceColumn)).center());
    QCOMPARE(selected.count(), 2);
    QVERIFY(!open->isEnabled());
}

void TestLogsPane::liveLogsGoOnTopKeepingSelection()
{
    write({numbered(1, 9, "first"), numbered(2, 9, "second")});
    m_pane = std::make_unique<LogsPane>(m_state.get(), m_store->queries());
    m_pane->show();
    QTRY_COMPARE(m_pane->model()->rowCount(), 2);
    table()->selectRow(1);
    QCOMPARE(numberAt(table()->currentIndex().row()), 1);

    write({numbered(3, 9, "third"), numbered(4, 17, "fourth")});
    m_state->noteTelemetryCommitted();
    m_state->noteTelemetryCommitted(); // coalesced
    QTRY_COMPARE(m_pane->model()->rowCount(), 4);
    QCOMPARE(numberAt(0), 4);
    QCOMPARE(numberAt(table()->currentIndex().row()), 1);
    QCOMPARE(table()->selectionModel()->selectedRows().size(), 1);
    QTRY_COMPARE(countText(), QStringLiteral("4 logs"));
    auto *body = m_pane->findChild<QPlainTextEdit *>(QStringLiteral("logDetailsBody"));
    QCOMPARE(body->toPlainText(), QStringLiteral("first"));

    // Following live, the app moves the range start forward: rows and selection stay.
    m_state->setRangePreset(WorkbenchState::RangePreset::LastHour);
    m_state->setDataBounds(TimeRange{baseNs, baseNs + 5 * msNs});
    QTRY_COMPARE(m_pane->model()->rowCount(), 4);
    m_state->setDataBounds(TimeRange{baseNs, baseNs + 6 * msNs});
    write({numbered(5, 9, "fifth")});
    m_state->noteTelemetryCommitted();
    QTRY_COMPARE(m_pane->model()->rowCount(), 5);
    QCOMPARE(numberAt(table()->currentIndex().row()), 1);

    // A narrower preset is a new question: the table reloads with only the logs in range.
    m_state->setDataBounds(TimeRange{baseNs, baseNs + 7 * msNs});
    QSignalSpy loaded(m_pane->model(), &LogTableModel::firstPageLoaded);
    m_state->setRangePreset(WorkbenchState::RangePreset::Last5Minutes);
    QVERIFY(loaded.wait());
    QCOMPARE(m_pane->model()->rowCount(), 5); // all five are within the last 5 minutes
}

void TestLogsPane::emptyState()
{
    write({numbered(1, 9, "only log")});
    m_pane = std::make_unique<LogsPane>(m_state.get(), m_store->queries());
    m_pane->show();
    QTRY_COMPARE(m_pane->model()->rowCount(), 1);
    auto *empty = m_pane->findChild<QLabel *>(QStringLiteral("logEmptyState"));
    QVERIFY(!empty->isVisible());
    search(QStringLiteral("zebra"));
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("No logs match")));
    QTRY_COMPARE(countText(), QStringLiteral("0 logs"));
    search(QString());
    m_state->setCustomRange(TimeRange{baseNs + 1000 * msNs, baseNs + 2000 * msNs});
    QTRY_VERIFY(empty->text().contains(QStringLiteral("No logs in the selected time range")));
}

void TestLogsPane::screenshotWithRealisticLogs()
{
    std::mt19937 random(7);
    const std::vector<std::string> services{"checkout", "payments", "inventory", "frontend"};
    const std::vector<std::string> messages{
        "GET /api/cart 200 in 12 ms",
        "ユーザー 田中 がログインしました (session 9f2c)",
        "connection refused by upstream payments:8443, retrying in 250 ms",
        "slow query took 1532 ms: SELECT * FROM orders WHERE customer_id = $1 AND status IN "
        "('open', 'pending') ORDER BY created_at DESC LIMIT 50",
        "cache miss for key product:48213",
        "payment failed: card declined (insufficient funds)",
        "java.lang.IllegalStateException: timeout waiting for lock\n\tat "
        "com.example.Inventory.reserve(Inventory.java:118)\n\tat "
        "com.example.Checkout.place(Checkout.java:77)",
        "在庫が不足しています: SKU-4471 残り 0 個",
        "retry 3/5 for order 77120 after timeout",
        "{\"event\":\"order.placed\",\"order\":77120,\"total\":129.5,\"currency\":\"EUR\"}",
    };
    const int severities[] = {1, 5, 9, 9, 9, 10, 13, 17, 18, 21};
    auto randomTrace = [&random] {
        TraceId id;
        for (std::uint8_t &byte : id.bytes)
            byte = static_cast<std::uint8_t>(random());
        return id;
    };
    std::int64_t n = 0;
    for (int batch = 0; batch < 64; ++batch) {
        const std::string &service = services[static_cast<std::size_t>(batch) % services.size()];
        std::vector<LogRecord> records;
        for (int i = 0; i < 50; ++i) {
            ++n;
            const int severity = severities[random() % 10];
            LogRecord record = log(baseNs + n * 37 * msNs, severity,
                                   AnyValue::fromString(messages[random() % messages.size()]),
                                   {{"n", AnyValue::fromInt(n)},
                                    {"http.route", AnyValue::fromString("/api/cart")},
                                    {"thread", AnyValue::fromInt(random() % 16)}},
                                   random() % 3 ? randomTrace() : TraceId{}, spanId(n));
            if (i % 7 == 0)
                record.body = AnyValue::fromMap(
                    {{"message", AnyValue::fromString("inventory reservation timeout")},
                     {"sku", AnyValue::fromString("SKU-4471")},
                     {"attempts", AnyValue::fromInt(3)},
                     {"warehouses", AnyValue::fromArray({AnyValue::fromString("fra-1"),
                                                         AnyValue::fromString("ams-2")})}});
            records.push_back(std::move(record));
        }
        write(std::move(records), service);
    }
    m_pane = std::make_unique<LogsPane>(m_state.get(), m_store->queries());
    m_pane->resize(1100, 720);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    QTRY_VERIFY(m_pane->model()->hasLoaded());
    search(QStringLiteral("timeout OR 田中 OR refus*"));
    QTRY_VERIFY(!m_pane->model()->query().fullText.empty() && m_pane->model()->hasLoaded()
                && !m_pane->model()->isLoadingFirstPage());
    QVERIFY(m_pane->model()->rowCount() > 20);
    QTRY_VERIFY(countText().endsWith(QStringLiteral(" logs")));
    table()->selectRow(1);
    QTest::qWait(50);
    const QImage image = m_pane->grab().toImage();
    // The table shows the matched words marked in the bodies of the rows on screen...
    QTableView *logTable = table();
    const QRect rows(logTable->viewport()->mapTo(m_pane.get(), QPoint(0, 0)),
                     logTable->viewport()->size());
    QVERIFY(kansoku::test::pixelsNear(image, rows, LogBodyDelegate::matchColor()) > 1000);
    // ... and the selected row highlighted across the table.
    const QModelIndex selected = m_pane->model()->index(1, LogTableModel::TimeColumn);
    const QRect selectedRow(rows.left(), rows.top() + logTable->visualRect(selected).top(),
                            rows.width(), logTable->visualRect(selected).height());
    const QColor highlight = logTable->palette().color(
        logTable->isActiveWindow() ? QPalette::Active : QPalette::Inactive, QPalette::Highlight);
    QVERIFY(kansoku::test::pixelsNear(image, selectedRow, highlight)
            > selectedRow.width() * selectedRow.height() / 2);
    const QString directory = qEnvironmentVariable("KANSOKU_SCREENSHOT_DIR");
    if (!directory.isEmpty()) {
        QVERIFY(image.save(directory + QStringLiteral("/logs_pane.png")));
        search(QStringLiteral("\"connection refused"));
        QTest::qWait(50);
        QVERIFY(m_pane->grab().save(directory + QStringLiteral("/logs_pane_error.png")));
    }
}

QTEST_MAIN(TestLogsPane)
#include "tst_logs_pane.moc"
