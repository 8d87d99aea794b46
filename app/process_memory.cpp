#include "process_memory.h"

#include <cstdio>
#include <unistd.h>

namespace kansoku {

ProcessMemory::Resident ProcessMemory::resident()
{
    // statm: "size resident shared text lib data dt", in pages, where "shared" counts the resident
    // pages backed by a file (or shared memory). A read of a few bytes from the kernel, cheap
    // enough for every statistics line.
    std::FILE *file = std::fopen("/proc/self/statm", "r");
    if (!file)
        return {};
    long long sizePages = 0;
    long long residentPages = 0;
    long long fileBackedPages = 0;
    const int fields
        = std::fscanf(file, "%lld %lld %lld", &sizePages, &residentPages, &fileBackedPages);
    std::fclose(file);
    if (fields != 3)
        return {};
    const std::int64_t pageBytes = sysconf(_SC_PAGESIZE);
    return {std::int64_t(residentPages) * pageBytes,
            std::int64_t(residentPages - fileBackedPages) * pageBytes};
}

} // namespace kansoku
