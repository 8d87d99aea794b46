// ProtobufLogLimiter: which libprotobuf messages pass, which are counted, and when the summary
// line comes, on a clock the test sets; plus many threads logging at once.
#include "protobuf_log_limiter.h"

#include <QTest>
#include <mutex>
#include <thread>
#include <vector>

using namespace kansoku;
using google::protobuf::LOGLEVEL_ERROR;
using google::protobuf::LOGLEVEL_FATAL;

namespace {

// The sink's lines as short tokens: a passed message "[libprotobuf ERROR f.cc:1] m3" is "m3", a
// summary "kansoku: 7 more libprotobuf messages suppressed (...)" is "+7". Thread-safe.
class RecordingSink
{
public:
    ProtobufLogLimiter::Sink sink()
    {
        return [this](std::string_view line) {
            std::lock_guard lock(m_mutex);
            m_lines.append(QByteArray(line.data(), qsizetype(line.size())));
        };
    }
    QByteArrayList tokens() const
    {
        std::lock_guard lock(m_mutex);
        QByteArrayList result;
        for (const QByteArray &line : m_lines) {
            const qsizetype more = line.indexOf(" more libprotobuf messages suppressed");
            if (line.startsWith("[libprotobuf "))
                result.append(line.mid(line.indexOf("] ") + 2));
            else if (line.startsWith("kansoku: ") && more > 0)
                result.append('+' + line.mid(9, more - 9));
            else
                result.append("unexpected line: " + line);
        }
        return result;
    }
    qsizetype lineCount() const
    {
        std::lock_guard lock(m_mutex);
        return m_lines.size();
    }

private:
    mutable std::mutex m_mutex;
    QByteArrayList m_lines;
};

} // namespace

class tst_ProtobufLogLimiter : public QObject
{
    Q_OBJECT

private slots:
    void limitsMessagesPerInterval_data();
    void limitsMessagesPerInterval();
    void formatsLikeLibprotobuf();
    void threadsShareOneLimit();
};

void tst_ProtobufLogLimiter::limitsMessagesPerInterval_data()
{
    QTest::addColumn<int>("perInterval");
    QTest::addColumn<qint64>("intervalMs");
    // "T:error" logs message mN (N counts the messages), "T:fatal" a FATAL one, "T:due" calls
    // emitDueSummary() and "T:flush" flush(), each with the clock at T ms.
    QTest::addColumn<QByteArrayList>("events");
    QTest::addColumn<QByteArrayList>("expectedLines");
    QTest::addColumn<qint64>("expectedPassed");
    QTest::addColumn<qint64>("expectedSuppressed");

    const auto repeated = [](const QByteArray &event, int times) {
        QByteArrayList events;
        for (int i = 0; i < times; ++i)
            events.append(event);
        return events;
    };
    const QByteArrayList firstFive{"m0", "m1", "m2", "m3", "m4"};

    QTest::newRow("under the limit: all pass, no summary")
        << 5 << qint64(10'000) << QByteArrayList{"0:error", "1:error", "2:error", "10000:due"}
        << QByteArrayList{"m0", "m1", "m2"} << qint64(3) << qint64(0);
    QTest::newRow("exactly the limit: no summary")
        << 5 << qint64(10'000) << repeated("0:error", 5) + QByteArrayList{"10000:due"} << firstFive
        << qint64(5) << qint64(0);
    QTest::newRow("a burst: five pass, the summary comes with the next interval's first message")
        << 5 << qint64(10'000)
        << repeated("0:error", 12) + QByteArrayList{"9999:error", "10000:error"}
        << firstFive + QByteArrayList{"+8", "m13"} << qint64(6) << qint64(8);
    QTest::newRow("summary due without a new message, not before the interval ends")
        << 5 << qint64(10'000) << repeated("0:error", 8) + QByteArrayList{"9999:due", "10000:due"}
        << firstFive + QByteArrayList{"+3"} << qint64(5) << qint64(3);
    QTest::newRow("the next interval starts at its first message, not on a grid")
        << 5 << qint64(10'000)
        << repeated("0:error", 5) + repeated("15000:error", 6)
               + QByteArrayList{"24999:due", "24999:error", "25000:due", "25000:error"}
        << firstFive + QByteArrayList{"m5", "m6", "m7", "m8", "m9", "+2", "m12"} << qint64(11)
        << qint64(2);
    QTest::newRow("one summary per interval across three intervals")
        << 5 << qint64(10'000)
        << repeated("0:error", 7) + repeated("10000:error", 9) + repeated("20000:error", 6)
               + QByteArrayList{"30000:due"}
        << firstFive + QByteArrayList{"+2",  "m7",  "m8",  "m9",  "m10", "m11", "+4",
                                      "m16", "m17", "m18", "m19", "m20", "+1"}
        << qint64(15) << qint64(7);
    QTest::newRow("flush prints what was held back so far and keeps the interval's limit")
        << 5 << qint64(10'000)
        << repeated("0:error", 7)
               + QByteArrayList{"100:flush", "200:error", "300:flush", "10000:due"}
        << firstFive + QByteArrayList{"+2", "+1"} << qint64(5) << qint64(3);
    QTest::newRow("flush with nothing held back prints nothing")
        << 5 << qint64(10'000) << QByteArrayList{"0:error", "1:flush"} << QByteArrayList{"m0"}
        << qint64(1) << qint64(0);
    QTest::newRow("FATAL always passes, also over the limit")
        << 5 << qint64(10'000) << repeated("0:error", 6) + QByteArrayList{"1:fatal", "10000:due"}
        << firstFive + QByteArrayList{"m6", "+1"} << qint64(6) << qint64(1);
    QTest::newRow("one message per second")
        << 1 << qint64(1'000) << QByteArrayList{"0:error",    "500:error",  "999:error",
                                                "1000:error", "1999:error", "2000:error"}
        << QByteArrayList{"m0", "+2", "m3", "+1", "m5"} << qint64(3) << qint64(3);
}

void tst_ProtobufLogLimiter::limitsMessagesPerInterval()
{
    QFETCH(int, perInterval);
    QFETCH(qint64, intervalMs);
    QFETCH(QByteArrayList, events);
    QFETCH(QByteArrayList, expectedLines);
    QFETCH(qint64, expectedPassed);
    QFETCH(qint64, expectedSuppressed);

    RecordingSink recorded;
    std::int64_t nowMs = 0;
    ProtobufLogLimiter limiter(recorded.sink(), {perInterval, intervalMs},
                               [&nowMs] { return nowMs; });
    int message = 0;
    for (const QByteArray &event : std::as_const(events)) {
        const QByteArrayList parts = event.split(':');
        nowMs = parts.at(0).toLongLong();
        const QByteArray kind = parts.at(1);
        if (kind == "error" || kind == "fatal")
            limiter.log(kind == "fatal" ? LOGLEVEL_FATAL : LOGLEVEL_ERROR, "wire_format_lite.cc",
                        618, QByteArray("m" + QByteArray::number(message++)).toStdString());
        else if (kind == "due")
            limiter.emitDueSummary();
        else
            limiter.flush();
    }
    QCOMPARE(recorded.tokens(), expectedLines);
    QCOMPARE(limiter.counts(), (ProtobufLogLimiter::Counts{expectedPassed, expectedSuppressed}));
}

void tst_ProtobufLogLimiter::formatsLikeLibprotobuf()
{
    QCOMPARE(ProtobufLogLimiter::formatMessage(LOGLEVEL_ERROR,
                                               "google/protobuf/wire_format_lite.cc", 618,
                                               "String field 'x' contains invalid UTF-8"),
             std::string("[libprotobuf ERROR google/protobuf/wire_format_lite.cc:618] String field "
                         "'x' contains invalid UTF-8"));
    QCOMPARE(ProtobufLogLimiter::formatMessage(google::protobuf::LOGLEVEL_WARNING, "a.cc", 1, "w"),
             std::string("[libprotobuf WARNING a.cc:1] w"));

    std::string summary;
    ProtobufLogLimiter capturing([&summary](std::string_view line) { summary = line; }, {0, 10'000},
                                 [] { return std::int64_t(0); });
    capturing.log(LOGLEVEL_ERROR, "a.cc", 1, "held back");
    capturing.flush();
    QCOMPARE(summary, std::string("kansoku: 1 more libprotobuf messages suppressed (at most 0 are "
                                  "printed every 10 s)"));
}

void tst_ProtobufLogLimiter::threadsShareOneLimit()
{
    // Receiver threads log at once: the limit holds for all of them together and no message is
    // lost from the counts.
    RecordingSink recorded;
    ProtobufLogLimiter limiter(recorded.sink(), {5, 10'000}, [] { return std::int64_t(0); });
    constexpr int threadCount = 4;
    constexpr int messagesPerThread = 2'000;
    std::vector<std::thread> threads;
    for (int t = 0; t < threadCount; ++t) {
        threads.emplace_back([&limiter] {
            for (int i = 0; i < messagesPerThread; ++i)
                limiter.log(LOGLEVEL_ERROR, "t.cc", i, "from a thread");
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(recorded.lineCount(), qsizetype(5));
    QCOMPARE(limiter.counts(),
             (ProtobufLogLimiter::Counts{5, threadCount * messagesPerThread - 5}));
    limiter.flush();
    QCOMPARE(recorded.tokens().constLast(),
             '+' + QByteArray::number(threadCount * messagesPerThread - 5));
}

QTEST_GUILESS_MAIN(tst_ProtobufLogLimiter)
#include "tst_protobuf_log_limiter.moc"
