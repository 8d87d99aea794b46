#include "view/background_query.h"

#include <QSemaphore>
#include <QTest>

using namespace kansoku;

class TestBackgroundQuery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deliversOnReceiverThread();
    void dropsStaleAnswers();
    void cancelDropsPendingAnswer();
    void destroyedReceiverGetsNothing();
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
}

QTEST_GUILESS_MAIN(TestBackgroundQuery)
#include "tst_background_query.moc"
