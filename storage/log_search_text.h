// What the contentless full-text index logs_fts holds for a log record's attributes. One function
// for both sides: EncodedTelemetryBatch indexes this text, and RetentionPruner must hand FTS5 the
// very same text to delete the record from the index (a contentless table keeps no copy).
// Stateless, any thread.
#pragma once

#include "core/any_value.h"

#include <string>

namespace kansoku {

class LogSearchText
{
public:
    // Text-like attribute values, one per line, appended to out. Numbers and booleans are left
    // out: they are found exactly with attribute filters, and their many distinct tokens (ids,
    // counters) cost ~15% of the insert rate.
    static void appendAttributeText(std::string &out, const Attributes &attributes);
};

} // namespace kansoku
