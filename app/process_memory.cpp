#include "process_memory.h"

#include <cstdio>
#include <unistd.h>

namespace kansoku {

std::int64_t ProcessMemory::residentBytes()
{
    // statm: "size resident shared text lib data dt", in pages. A read of a few bytes from the
    // kernel, cheap enough for every statistics line.
    std::FILE *file = std::fopen("/proc/self/statm", "r");
    if (!file)
        return 0;
    long long sizePages = 0;
    long long residentPages = 0;
    const int fields = std::fscanf(file, "%lld %lld", &sizePages, &residentPages);
    std::fclose(file);
    if (fields != 2)
        return 0;
    return std::int64_t(residentPages) * std::int64_t(sysconf(_SC_PAGESIZE));
}

} // namespace kansoku
