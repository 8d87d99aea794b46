// Finding a trace's row by its id. Schema version 3 indexes traces by (generation, trace_id), a
// generation being 32,768 consecutive trace keys (traces_by_id). Trace ids are random: with a
// plain index on them, every commit's new ids landed on pages all over the index, and at 150k
// spans/s nearly the whole index went into the WAL five times a second, as many bytes as the
// spans themselves. New ids now land on the newest generation's few pages; in exchange a lookup
// seeks once per generation (about 30 seeks for a million traces).
#pragma once

#include <string>
#include <string_view>

namespace kansoku {

class TraceIdIndex
{
public:
    // The first key of traces_by_id; SQLite uses the index only where this exact expression
    // appears.
    static constexpr std::string_view generation = "trace_key / 32768";

    // An SQL condition on the traces table, its columns qualified with tablePrefix ("t." or ""),
    // that holds for the row whose trace_id is the blob bound to the condition's one '?'.
    static std::string condition(std::string_view tablePrefix);
};

} // namespace kansoku
