// ProcessMemory tells heap growth apart from the pages of a mapped file, as a soak run needs: a
// leak grows the anonymous part, a read through SQLite's memory map only the total.
#include "process_memory.h"

#include <QTemporaryFile>
#include <QTest>
#include <cstring>
#include <memory>

using namespace kansoku;

namespace {

constexpr std::int64_t blockBytes = 64 * 1024 * 1024;
constexpr std::int64_t mebibyte = 1024 * 1024;

} // namespace

class TestProcessMemory : public QObject
{
    Q_OBJECT

private slots:
    void heapGrowsTheAnonymousPart();
    void aMappedFileGrowsOnlyTheTotal();
};

void TestProcessMemory::heapGrowsTheAnonymousPart()
{
    const ProcessMemory::Resident before = ProcessMemory::resident();
    if (before.totalBytes == 0)
        QSKIP("this platform does not report resident memory");
    QVERIFY(before.anonymousBytes > 0);
    QVERIFY(before.anonymousBytes <= before.totalBytes);

    const std::unique_ptr<char[]> block(new char[blockBytes]);
    std::memset(block.get(), 1, blockBytes); // touched, so resident
    const ProcessMemory::Resident after = ProcessMemory::resident();

    QVERIFY2(after.anonymousBytes - before.anonymousBytes >= blockBytes - 8 * mebibyte,
             qPrintable(QStringLiteral("anonymous grew by %1 MiB for a 64 MiB block")
                            .arg((after.anonymousBytes - before.anonymousBytes) / mebibyte)));
    QVERIFY(after.totalBytes - before.totalBytes >= blockBytes - 8 * mebibyte);
    QCOMPARE(block[blockBytes - 1], char(1));
}

void TestProcessMemory::aMappedFileGrowsOnlyTheTotal()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    const QByteArray chunk(int(mebibyte), 'x');
    for (std::int64_t written = 0; written < blockBytes; written += mebibyte)
        QCOMPARE(file.write(chunk), qint64(chunk.size()));
    QVERIFY(file.flush());

    const ProcessMemory::Resident before = ProcessMemory::resident();
    if (before.totalBytes == 0)
        QSKIP("this platform does not report resident memory");
    uchar *mapped = file.map(0, blockBytes);
    QVERIFY(mapped);
    // Reading every page brings the file's (cached) pages into this process, as a full scan of
    // the session file through SQLite's mmap does.
    std::int64_t sum = 0;
    for (std::int64_t offset = 0; offset < blockBytes; offset += 4096)
        sum += mapped[offset];
    const ProcessMemory::Resident after = ProcessMemory::resident();
    QCOMPARE(sum, std::int64_t('x') * (blockBytes / 4096));

    QVERIFY2(after.totalBytes - before.totalBytes >= blockBytes - 8 * mebibyte,
             qPrintable(QStringLiteral("resident grew by %1 MiB for a 64 MiB mapped file")
                            .arg((after.totalBytes - before.totalBytes) / mebibyte)));
    QVERIFY2(after.anonymousBytes - before.anonymousBytes < 8 * mebibyte,
             qPrintable(QStringLiteral("anonymous grew by %1 MiB reading a mapped file")
                            .arg((after.anonymousBytes - before.anonymousBytes) / mebibyte)));
    QVERIFY(file.unmap(mapped));
}

QTEST_GUILESS_MAIN(TestProcessMemory)
#include "tst_process_memory.moc"
