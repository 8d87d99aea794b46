#include "core/resource.h"

namespace kansoku {

std::string Resource::serviceName() const
{
    const AnyValue *name = findAttribute(attributes, "service.name");
    if (!name || name->isEmpty())
        return "unknown_service";
    return name->toDisplayString();
}

} // namespace kansoku
