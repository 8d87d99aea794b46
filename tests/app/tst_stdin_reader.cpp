// StdinReader: signals when bytes arrive on stdin, hands over everything there without blocking,
// and reports the end of input once the writer closes (stdin is a pipe this test writes).
#include "stdin_reader.h"

#include <QSignalSpy>
#include <QTest>
#include <unistd.h>

using namespace kansoku;

class TestStdinReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void readsWhatArrivesWithoutWaiting();
    void endsWhenTheWriterCloses();

private:
    void write(const QByteArray &bytes);

    int m_savedStdin = -1;
    int m_writer = -1;
};

void TestStdinReader::init()
{
    int pipeEnds[2];
    QVERIFY(::pipe(pipeEnds) == 0);
    m_savedStdin = ::dup(STDIN_FILENO);
    QVERIFY(::dup2(pipeEnds[0], STDIN_FILENO) == STDIN_FILENO);
    ::close(pipeEnds[0]);
    m_writer = pipeEnds[1];
}

void TestStdinReader::cleanup()
{
    if (m_writer >= 0)
        ::close(m_writer);
    m_writer = -1;
    ::dup2(m_savedStdin, STDIN_FILENO);
    ::close(m_savedStdin);
}

void TestStdinReader::write(const QByteArray &bytes)
{
    QCOMPARE(::write(m_writer, bytes.constData(), size_t(bytes.size())), ssize_t(bytes.size()));
}

void TestStdinReader::readsWhatArrivesWithoutWaiting()
{
    StdinReader reader;
    QSignalSpy readyRead(&reader, &StdinReader::readyRead);
    QByteArray input;
    // Nothing there yet: returns at once, input still open.
    QVERIFY(!reader.readAvailable(input));
    QVERIFY(input.isEmpty());

    write("{\"id\":1}\n{\"id\"");
    QVERIFY(readyRead.wait(5000));
    QVERIFY(!reader.readAvailable(input));
    QCOMPARE(input, QByteArray("{\"id\":1}\n{\"id\""));

    write(":2}\n");
    QVERIFY(readyRead.wait(5000));
    QVERIFY(!reader.readAvailable(input));
    QCOMPARE(input, QByteArray("{\"id\":1}\n{\"id\":2}\n"));
}

void TestStdinReader::endsWhenTheWriterCloses()
{
    StdinReader reader;
    QSignalSpy readyRead(&reader, &StdinReader::readyRead);
    write("last line without a newline");
    ::close(m_writer);
    m_writer = -1;
    QVERIFY(readyRead.wait(5000));
    QByteArray input;
    QVERIFY(reader.readAvailable(input));
    QCOMPARE(input, QByteArray("last line without a newline"));
}

QTEST_GUILESS_MAIN(TestStdinReader)
#include "tst_stdin_reader.moc"
