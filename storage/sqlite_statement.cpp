#include "sqlite_statement.h"

#include <cmath>
#include <limits>

namespace kansoku {

SqliteStatement::SqliteStatement(sqlite3 *db, std::string_view sql)
{
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &m_statement, nullptr)
        != SQLITE_OK) {
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
    }
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

void SqliteStatement::bindInt(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

void SqliteStatement::bindText(int index, std::string_view value)
{
    // A null data pointer would bind NULL; an empty string must stay an empty text.
    sqlite3_bind_text(m_statement, index, value.data() ? value.data() : "",
                      static_cast<int>(value.size()), SQLITE_STATIC);
}

void SqliteStatement::bindTextOrNull(int index, std::string_view value)
{
    if (value.empty())
        bindNull(index);
    else
        bindText(index, value);
}

void SqliteStatement::bindBlob(int index, std::string_view value)
{
    sqlite3_bind_blob(m_statement, index, value.data() ? value.data() : "",
                      static_cast<int>(value.size()), SQLITE_STATIC);
}

void SqliteStatement::bindBlobOrNull(int index, std::string_view value)
{
    if (value.empty())
        bindNull(index);
    else
        bindBlob(index, value);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
}

void SqliteStatement::bindExactDouble(int index, double value)
{
    if (std::isnan(value))
        sqlite3_bind_text(m_statement, index, "NaN", 3, SQLITE_STATIC);
    else
        sqlite3_bind_double(m_statement, index, value);
}

void SqliteStatement::bindOptionalDouble(int index, const std::optional<double> &value)
{
    if (value)
        bindExactDouble(index, *value);
    else
        bindNull(index);
}

int SqliteStatement::step()
{
    return sqlite3_step(m_statement);
}

bool SqliteStatement::execute()
{
    const int rc = sqlite3_step(m_statement);
    sqlite3_reset(m_statement);
    return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

std::int64_t SqliteStatement::columnInt(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

std::string SqliteStatement::columnText(int column) const
{
    return std::string(columnTextView(column));
}

std::string_view SqliteStatement::columnTextView(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    const int size = sqlite3_column_bytes(m_statement, column);
    return text ? std::string_view(text, static_cast<std::size_t>(size)) : std::string_view();
}

std::string_view SqliteStatement::columnBlobView(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_statement, column));
    const int size = sqlite3_column_bytes(m_statement, column);
    return data ? std::string_view(data, static_cast<std::size_t>(size)) : std::string_view();
}

double SqliteStatement::columnExactDouble(int column) const
{
    switch (sqlite3_column_type(m_statement, column)) {
    case SQLITE_TEXT:
        return std::numeric_limits<double>::quiet_NaN();
    case SQLITE_INTEGER:
        return static_cast<double>(sqlite3_column_int64(m_statement, column));
    default:
        return sqlite3_column_double(m_statement, column);
    }
}

std::optional<double> SqliteStatement::columnOptionalDouble(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return columnExactDouble(column);
}

} // namespace kansoku
