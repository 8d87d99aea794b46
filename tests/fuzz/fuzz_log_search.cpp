// libFuzzer target: the Logs pane's search language (terms, phrases, prefixes, field filters,
// severities, negation) as LogSearchParser reads what a user types.
#include "analysis/log_search_parser.h"

#include <QString>
#include <cstddef>
#include <cstdint>

using namespace kansoku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text
        = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    LogSearchParser::parse(text);
    return 0;
}
