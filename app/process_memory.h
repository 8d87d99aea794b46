// The process's resident memory, for `--stats-log`. Platform code, kept to this one file:
// Linux reads /proc/self/statm; elsewhere it answers 0 (unknown).
#pragma once

#include <cstdint>

namespace kansoku {

class ProcessMemory
{
public:
    // Resident set size in bytes; 0 when the platform does not say.
    static std::int64_t residentBytes();
};

} // namespace kansoku
