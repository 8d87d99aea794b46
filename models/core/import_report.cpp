#include "core/import_report.h"

namespace kansoku {

namespace {
template<typename Field>
std::int64_t sumOf(const std::vector<ImportFileReport> &files, Field field)
{
    std::int64_t total = 0;
    for (const ImportFileReport &file : files)
        total += file.*field;
    return total;
}
} // namespace

std::int64_t ImportSummary::spans() const
{
    return sumOf(files, &ImportFileReport::spans);
}

std::int64_t ImportSummary::dataPoints() const
{
    return sumOf(files, &ImportFileReport::dataPoints);
}

std::int64_t ImportSummary::logRecords() const
{
    return sumOf(files, &ImportFileReport::logRecords);
}

std::int64_t ImportSummary::problemCount() const
{
    std::int64_t total = 0;
    for (const ImportFileReport &file : files)
        total += file.problemCount + (file.unreadable && file.problemCount == 0 ? 1 : 0);
    return total;
}

} // namespace kansoku
