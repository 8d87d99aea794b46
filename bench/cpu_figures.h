// How the in-memory benchmarks measure and print: the CPU time of the calling thread (the machine
// is shared, so wall time would measure the neighbours), and one line per figure with the median
// and range over the repeats. Header-only; any thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace kansoku::bench {

inline std::int64_t threadCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return std::int64_t(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// Of every thread of the process: for steps that hand work to a thread pool.
inline std::int64_t processCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return std::int64_t(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// "  label   median  123.45 ms CPU  (range 120.00 - 130.00)"; values in ms, at least one.
inline void printCpuFigure(const std::string &label, std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    std::printf("  %-34s median %9.2f ms CPU  (range %.2f - %.2f)\n", label.c_str(),
                values[values.size() / 2], values.front(), values.back());
}

} // namespace kansoku::bench
