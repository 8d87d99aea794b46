// The entity that produced telemetry (OTLP Resource) and the library that recorded it
// (OTLP InstrumentationScope). Plain values.
#pragma once

#include "core/any_value.h"

namespace kansoku {

struct Resource
{
    Attributes attributes;
    std::uint32_t droppedAttributesCount = 0;

    // The `service.name` attribute as text, or "unknown_service" when absent (OTel convention).
    std::string serviceName() const;
    bool operator==(const Resource &) const = default;
};

struct InstrumentationScope
{
    std::string name;
    std::string version;
    Attributes attributes;
    std::uint32_t droppedAttributesCount = 0;
    bool operator==(const InstrumentationScope &) const = default;
};

} // namespace kansoku
