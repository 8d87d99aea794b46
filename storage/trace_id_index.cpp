#include "trace_id_index.h"

namespace kansoku {

std::string TraceIdIndex::condition(std::string_view tablePrefix)
{
    // One equality probe of traces_by_id per generation from 0 to the newest one.
    std::string sql = "(";
    sql += tablePrefix;
    sql += generation;
    sql += " IN (WITH RECURSIVE kansoku_generation(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM "
           "kansoku_generation WHERE n < (SELECT coalesce(max(trace_key), 0) FROM traces) / 32768) "
           "SELECT n FROM kansoku_generation) AND ";
    sql += tablePrefix;
    sql += "trace_id = ?)";
    return sql;
}

} // namespace kansoku
