// What the window shows about importing files into the session: the running file's progress and,
// when the queue is done, a summary per file with its problems as text. Plain values made by the
// app from the importer's results, so ui/ never sees ingest/ types.
#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace kansoku {

struct ImportProgressReport
{
    QString fileName;   // without the folder
    int fileNumber = 0; // 1-based position in the queue
    int fileCount = 0;
    std::int64_t bytesDone = 0; // of the file as stored (compressed bytes for .gz/.zst)
    std::int64_t bytesTotal = 0;
    std::int64_t items = 0; // spans + metric points + log records imported from this file
};

struct ImportFileReport
{
    QString path;
    QString format;  // "OTLP JSON lines", ...; empty when not recognised
    QString outcome; // "imported", "imported with problems", "not read", "cancelled", ...
    bool unreadable = false;
    std::int64_t spans = 0;
    std::int64_t dataPoints = 0;
    std::int64_t logRecords = 0;
    std::int64_t problemCount = 0; // all problems; `problems` lists the first ones
    QStringList problems;          // "FILE:LINE: reason", "FILE@OFFSET: reason" or "FILE: reason"
};

struct ImportSummary
{
    std::vector<ImportFileReport> files;
    bool cancelled = false;

    std::int64_t spans() const;
    std::int64_t dataPoints() const;
    std::int64_t logRecords() const;
    std::int64_t problemCount() const;
};

} // namespace kansoku
