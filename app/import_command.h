// `kansoku import FILE... [--db PATH]`: opens the session store, imports each file on a worker
// thread (progress lines on stderr, SIGINT/SIGTERM cancel), prints a summary and every problem,
// closes the store cleanly. Exit status: 0 all imported, 1 some items skipped (or cancelled),
// 2 a file (or the session) could not be read at all. Main thread.
#pragma once

#include "command_line_options.h"

#include <QObject>

namespace kansoku {

class ImportCommand : public QObject
{
    Q_OBJECT
public:
    explicit ImportCommand(const CommandLineOptions &options, QObject *parent = nullptr);

    // Runs the event loop until the import ends; returns the process exit code.
    int run();

private:
    CommandLineOptions m_options;
};

} // namespace kansoku
