// Opens a session file for reading only, for the commands that read one (analyze, diff, replay):
// checks that it exists, is readable and is a Kansoku session, and names the file in every error.
// The store is opened read-only and never writes the file. Main thread of a command.
#pragma once

#include <QString>
#include <memory>

namespace kansoku {

class TelemetryStore;

class ReadOnlySession
{
public:
    // nullptr and *errorMessage ("PATH: no such file", ...) when it cannot be read.
    static std::unique_ptr<TelemetryStore> open(const QString &path, QString *errorMessage);
};

} // namespace kansoku
