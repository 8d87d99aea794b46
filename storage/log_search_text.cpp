#include "log_search_text.h"

namespace kansoku {

void LogSearchText::appendAttributeText(std::string &out, const Attributes &attributes)
{
    bool first = true;
    for (const KeyValue &entry : attributes) {
        switch (entry.value.type()) {
        case AnyValue::Type::Int:
        case AnyValue::Type::Double:
        case AnyValue::Type::Bool:
        case AnyValue::Type::Empty:
            continue;
        default:
            break;
        }
        if (!first)
            out += '\n';
        first = false;
        out += entry.value.toDisplayString();
    }
}

} // namespace kansoku
