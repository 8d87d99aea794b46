// Assembles one SQL statement from optional conditions, collecting its bound parameters in order so
// no value is ever spliced into the SQL text. Plain value; one thread at a time.
#pragma once

#include "core/time_range.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kansoku {

class SqliteStatement;

class SqlBuilder
{
public:
    void add(std::string_view sql) { m_sql += sql; }
    // Parameters, in the order of their '?' in the text added so far.
    void addInt(std::int64_t value);
    void addText(std::string value);
    void addBlob(std::string value);
    // " AND column >= ?" and " AND column < ?" for the bounded sides of range (none when open).
    void addTimeRange(std::string_view column, const TimeRange &range);

    const std::string &sql() const { return m_sql; }
    void bind(SqliteStatement &statement) const;

private:
    struct Param
    {
        enum class Kind { Int, Text, Blob };
        Kind kind = Kind::Int;
        std::int64_t number = 0;
        std::string text;
    };

    std::string m_sql;
    std::vector<Param> m_params;
};

} // namespace kansoku
