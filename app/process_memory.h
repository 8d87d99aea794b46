// The process's resident memory, for `--stats-log`. Platform code, kept to this one file:
// Linux reads /proc/self/statm; elsewhere it answers 0 (unknown).
//
// Resident memory mixes two kinds: anonymous pages (the heap, stacks: what a leak grows) and
// pages of mapped files, above all the session file SQLite's read connections map (mmap_size),
// which grow while a query reads the whole file and are page cache the kernel takes back at will. A
// soak run needs them apart to tell a leak from a scan.
#pragma once

#include <cstdint>

namespace kansoku {

class ProcessMemory
{
public:
    struct Resident
    {
        std::int64_t totalBytes = 0;     // resident set size; 0 when the platform does not say
        std::int64_t anonymousBytes = 0; // of which not backed by a file (heap, stacks)
    };
    static Resident resident();
};

} // namespace kansoku
