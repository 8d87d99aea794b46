// Test helper: turns a batch's encoded span fields (SpanFields::Encoded) back into the spans'
// attributes, events and links, so batches from either form compare with ==.
#pragma once

#include "core/telemetry_batch.h"
#include "otlp_proto_columns.h"

namespace kansoku::testing {

// False when the encoded fields do not decode or do not match the spans.
inline bool decodeSpanFields(TelemetryBatch &batch)
{
    for (ResourceSpans &resource : batch.resourceSpans) {
        for (ScopeSpans &scope : resource.scopeSpans) {
            if (!scope.hasEncodedSpanFields())
                continue;
            if (scope.encodedSpanFields.size()
                != scope.spans.size() * ScopeSpans::EncodedSpanFieldCount)
                return false;
            for (std::size_t i = 0; i < scope.spans.size(); ++i) {
                Span &span = scope.spans[i];
                if (!span.attributes.empty() || !span.events.empty() || !span.links.empty())
                    return false;
                if (!OtlpProtoColumns::decodeAttributes(
                        scope.encodedSpanField(i, ScopeSpans::EncodedAttributes),
                        OtlpProtoColumns::spanAttributesField, &span.attributes)
                    || !OtlpProtoColumns::decodeEvents(
                        scope.encodedSpanField(i, ScopeSpans::EncodedEvents), &span.events)
                    || !OtlpProtoColumns::decodeLinks(
                        scope.encodedSpanField(i, ScopeSpans::EncodedLinks), &span.links))
                    return false;
            }
            scope.encodedSpanFields = {};
        }
    }
    return true;
}

} // namespace kansoku::testing
