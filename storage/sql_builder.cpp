#include "sql_builder.h"

#include "sqlite_statement.h"

namespace kansoku {

void SqlBuilder::addInt(std::int64_t value)
{
    m_params.push_back({Param::Kind::Int, value, {}});
}

void SqlBuilder::addText(std::string value)
{
    m_params.push_back({Param::Kind::Text, 0, std::move(value)});
}

void SqlBuilder::addBlob(std::string value)
{
    m_params.push_back({Param::Kind::Blob, 0, std::move(value)});
}

void SqlBuilder::addTimeRange(std::string_view column, const TimeRange &range)
{
    if (range.hasStart()) {
        add(std::string(" AND ") + std::string(column) + " >= ?");
        addInt(range.startNs);
    }
    if (range.hasEnd()) {
        add(std::string(" AND ") + std::string(column) + " < ?");
        addInt(range.endNs);
    }
}

void SqlBuilder::bind(SqliteStatement &statement) const
{
    int index = 1;
    for (const Param &param : m_params) {
        switch (param.kind) {
        case Param::Kind::Int:
            statement.bindInt(index, param.number);
            break;
        case Param::Kind::Text:
            statement.bindText(index, param.text);
            break;
        case Param::Kind::Blob:
            statement.bindBlob(index, param.text);
            break;
        }
        ++index;
    }
}

} // namespace kansoku
