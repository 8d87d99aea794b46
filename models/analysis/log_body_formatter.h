// Text forms of a log body (an OTLP AnyValue): one line for a table cell, pretty-printed JSON for
// the details (map and array bodies, and string bodies that hold a JSON object or array). Pure
// functions, any thread.
#pragma once

#include "core/any_value.h"

#include <QJsonValue>
#include <QString>

namespace kansoku {

class LogBodyFormatter
{
public:
    // Newlines and tabs become spaces (a line break shows as ⏎); at most maxChars characters.
    static QString singleLine(const AnyValue &body, qsizetype maxChars = 2000);
    // The full body: structured bodies as indented JSON, other strings as they are.
    static QString pretty(const AnyValue &body);
    // Bytes become hex strings; NaN and infinities become the strings "NaN", "Infinity".
    static QJsonValue toJson(const AnyValue &value);
    // "string", "int", "double", "bool", "bytes", "array", "map" or "empty".
    static QString typeName(const AnyValue &value);
};

} // namespace kansoku
