#include "view/background_query.h"

#include <QSemaphore>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <memory>
#include <stdexcept>
#include <vector>

using namespace kansoku;

class TestBackgroundQuery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deliversOnReceiverThread();
    void dropsStaleAnswers();
    void cancelDropsPendingAnswer();
    void supersededRunsAreNotWorked();
    void destroyedReceiverGetsNothing();
    void receiversDeletedWhileAnswersArrive();
    void recordsLatencyOfAppliedAnswersWhenEnabled();
    void failedWorkEndsItsRun();
    void carriesMoveOnlyAnswers();
};

void TestBackgroundQuery::deliversOnReceiverThread()
{
    BackgroundQuery query;
    QThread *workThread = nullptr;
    QThread *doneThread = nullptr;
    int answer = 0;
    query.run(
        this,
        [&workThread] {
            workThread = QThread::currentThread();
            return 42;
        },
        [&](int result) {
            doneThread = QThread::currentThread();
            answer = result;
        });
    QTRY_COMPARE(answer, 42);
    QVERIFY(workThread != QThread::currentThread());
    QCOMPARE(doneThread, QThread::currentThread());
    QTRY_VERIFY(!query.isBusy());
}

void TestBackgroundQuery::dropsStaleAnswers()
{
    BackgroundQuery query;
    QSemaphore releaseSlow;
    QList<int> answers;
    // The first run answers after the second one; only the second answer may arrive.
    query.run(
        this,
        [&releaseSlow] {
            releaseSlow.acquire();
            return 1;
        },
        [&answers](int result) { answers.append(result); });
    query.run(
        this, [] { return 2; }, [&answers](int result) { answers.append(result); });
    QTRY_COMPARE(answers, QList<int>{2});
    releaseSlow.release();
    QTRY_VERIFY(!query.isBusy());
    QCoreApplication::processEvents();
    QCOMPARE(answers, QList<int>{2});
}

void TestBackgroundQuery::cancelDropsPendingAnswer()
{
    BackgroundQuery query;
    QSemaphore release;
    bool answered = false;
    query.run(
        this,
        [&release] {
            release.acquire();
            return 7;
        },
        [&answered](int) { answered = true; });
    query.cancel();
    release.release();
    QTRY_VERIFY(!query.isBusy());
    QCoreApplication::processEvents();
    QVERIFY(!answered);
}

void TestBackgroundQuery::supersededRunsAreNotWorked()
{
    // One pool thread, held busy: the three runs queue behind it, and the two that a newer run
    // supersedes while they wait, and the one cancel() supersedes, must not be worked at all.
    QThreadPool *pool = QThreadPool::globalInstance();
    const int threads = pool->maxThreadCount();
    pool->setMaxThreadCount(1);
    QSemaphore started;
    QSemaphore releaseBlocker;
    pool->start([&] {
        started.release();
        releaseBlocker.acquire();
    });
    started.acquire();

    BackgroundQuery query;
    std::atomic<int> worked{0};
    QList<int> answers;
    for (int run = 1; run <= 3; ++run) {
        query.run(
            this,
            [&worked, run] {
                ++worked;
                return run;
            },
            [&answers](int result) { answers.append(result); });
    }
    BackgroundQuery cancelled;
    bool cancelledWorked = false;
    cancelled.run(
        this,
        [&cancelledWorked] {
            cancelledWorked = true;
            return 0;
        },
        [](int) {});
    cancelled.cancel();
    releaseBlocker.release();

    QTRY_VERIFY(!query.isBusy() && !cancelled.isBusy());
    pool->waitForDone();
    pool->setMaxThreadCount(threads);
    QCOMPARE(answers, QList<int>{3});
    QCOMPARE(worked.load(), 1);
    QVERIFY(!cancelledWorked);
}

void TestBackgroundQuery::destroyedReceiverGetsNothing()
{
    BackgroundQuery query;
    QSemaphore release;
    bool answered = false;
    auto *receiver = new QObject;
    query.run(
        receiver,
        [&release] {
            release.acquire();
            return 3;
        },
        [&answered](int) { answered = true; });
    delete receiver;
    release.release();
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QVERIFY(!answered);
    // Its run is over: the query is not left busy.
    QTRY_VERIFY(!query.isBusy());
}

void TestBackgroundQuery::receiversDeletedWhileAnswersArrive()
{
    // Panes are deleted (a session switch) while their queries finish on the workers: the
    // answers must neither reach them nor touch them.
    int answered = 0;
    std::vector<BackgroundQuery> queries(200);
    for (int round = 0; round < 20; ++round) {
        std::vector<QObject *> receivers;
        for (BackgroundQuery &query : queries) {
            auto *receiver = new QObject;
            receivers.push_back(receiver);
            query.run(
                receiver, [] { return 1; }, [&answered](int) { ++answered; });
        }
        for (QObject *receiver : receivers)
            delete receiver;
    }
    QThreadPool::globalInstance()->waitForDone();
    QTRY_VERIFY(std::none_of(queries.begin(), queries.end(),
                             [](const BackgroundQuery &query) { return query.isBusy(); }));
    QCOMPARE(answered, 0);
}

void TestBackgroundQuery::recordsLatencyOfAppliedAnswersWhenEnabled()
{
    BackgroundQuery query;
    int answers = 0;
    query.run(
        this, [] { return 1; }, [&answers](int) { ++answers; });
    QTRY_COMPARE(answers, 1);
    QCOMPARE(QueryLatencyRecorder::take().count(), 0); // off by default

    QueryLatencyRecorder::setEnabled(true);
    QSemaphore releaseSlow;
    // A stale answer is never shown, so it is no refresh: only the newer one counts.
    query.run(
        this,
        [&releaseSlow] {
            releaseSlow.acquire();
            return 2;
        },
        [&answers](int) { ++answers; });
    query.run(
        this, [] { return 3; }, [&answers](int) { ++answers; });
    QTRY_COMPARE(answers, 2);
    releaseSlow.release();
    QTRY_VERIFY(!query.isBusy());
    const DurationSample recorded = QueryLatencyRecorder::take();
    QueryLatencyRecorder::setEnabled(false);
    QCOMPARE(recorded.count(), 1);
    QVERIFY(recorded.maxNs() > 0);
    QCOMPARE(QueryLatencyRecorder::take().count(), 0); // taken
}

void TestBackgroundQuery::failedWorkEndsItsRun()
{
    // A query that throws (out of memory, a bug) delivers nothing and says so once, but does not
    // leave its pane busy for ever: the next run answers.
    BackgroundQuery query;
    bool failedAnswered = false;
    QTest::ignoreMessage(QtWarningMsg, "A background query failed: no such table");
    query.run(
        this, []() -> int { throw std::runtime_error("no such table"); },
        [&failedAnswered](int) { failedAnswered = true; });
    QTRY_VERIFY(!query.isBusy());
    QVERIFY(!failedAnswered);
    int answer = 0;
    query.run(
        this, [] { return 7; }, [&answer](int result) { answer = result; });
    QTRY_COMPARE(answer, 7);
    QTRY_VERIFY(!query.isBusy());
}

void TestBackgroundQuery::carriesMoveOnlyAnswers()
{
    BackgroundQuery query;
    std::unique_ptr<std::vector<int>> answer;
    query.run(
        this, [] { return std::make_unique<std::vector<int>>(1000, 3); },
        [&answer](std::unique_ptr<std::vector<int>> result) { answer = std::move(result); });
    QTRY_VERIFY(answer != nullptr);
    QCOMPARE(answer->size(), std::size_t(1000));
    QCOMPARE(answer->back(), 3);
}

QTEST_GUILESS_MAIN(TestBackgroundQuery)
#include "tst_background_query.moc"
