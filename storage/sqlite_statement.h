// RAII wrapper around one prepared sqlite3 statement: typed binds (1-based) and column reads
// (0-based). Owned by its SqliteDatabase's cache or by a caller; used on one thread at a time.
#pragma once

#include "core/telemetry_ids.h"

#include <cstdint>
#include <optional>
#include <sqlite3.h>
#include <string>
#include <string_view>

namespace kansoku {

class SqliteStatement
{
public:
    SqliteStatement(sqlite3 *db, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool isValid() const { return m_statement != nullptr; }
    sqlite3_stmt *handle() const { return m_statement; }

    // Text and blobs are bound without copying: the data must stay alive until step() returns.
    void bindInt(int index, std::int64_t value);
    void bindText(int index, std::string_view value);
    void bindTextOrNull(int index, std::string_view value); // NULL when empty
    void bindBlob(int index, std::string_view value);
    void bindBlobOrNull(int index, std::string_view value); // NULL when empty
    void bindNull(int index);
    // Stores NaN as the text 'NaN' because SQLite turns a NaN REAL into NULL.
    void bindExactDouble(int index, double value);
    void bindOptionalDouble(int index, const std::optional<double> &value);

    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step();
    // step() once expecting SQLITE_DONE; false on error.
    bool execute();
    void reset();

    bool isNull(int column) const;
    std::int64_t columnInt(int column) const;
    std::string columnText(int column) const;
    std::string_view columnTextView(int column) const;
    std::string_view columnBlobView(int column) const;
    double columnExactDouble(int column) const; // reverses bindExactDouble
    std::optional<double> columnOptionalDouble(int column) const;
    // A trace or span id from a blob column; the zero id for NULL or a blob of the wrong size.
    template<std::size_t Size>
    FixedId<Size> columnId(int column) const
    {
        return FixedId<Size>::fromRaw(columnBlobView(column)).value_or(FixedId<Size>{});
    }

private:
    sqlite3_stmt *m_statement = nullptr;
};

} // namespace kansoku
