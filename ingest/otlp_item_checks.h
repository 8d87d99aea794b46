// What OtlpProtoDecoder and OtlpTraceWireReader share about dropping invalid items one by one
// (partial success): the id checks, the paths that name an item, and the rejection count and
// message of a request.
#pragma once

#include "core/telemetry_ids.h"
#include "otlp_decoder.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kansoku {

class OtlpItemChecks
{
public:
    // Counts items dropped one by one and remembers why the first one was dropped.
    class Rejections
    {
    public:
        // describe() is only called for the first rejection, so paths are built once per
        // request.
        template<typename Describe>
        void add(std::int64_t items, Describe describe)
        {
            if (m_count == 0)
                m_first = describe();
            m_count += items;
        }
        // A successful result carrying batch and these rejections; itemNoun is singular.
        OtlpDecodeResult success(TelemetryBatchPtr batch, const char *itemNoun) const;

    private:
        std::int64_t m_count = 0;
        std::string m_first;
    };

    // "name[index]", a step of an item's path in the request.
    static std::string indexed(const char *name, int index);

    // An empty id is the absent one; a required id must also be non-zero. On failure, reason
    // says why ("traceId must be 16 bytes, got 15").
    template<std::size_t Size>
    static std::optional<FixedId<Size>> checkedId(std::string_view raw, bool required,
                                                  const char *name, std::string &reason)
    {
        if (raw.empty() && !required)
            return FixedId<Size>{};
        if (raw.size() != Size) {
            reason = std::string(name) + " must be " + std::to_string(Size) + " bytes, got "
                     + std::to_string(raw.size());
            return std::nullopt;
        }
        auto id = FixedId<Size>::fromRaw(raw);
        if (required && id->isZero()) {
            reason = std::string(name) + " is all zero";
            return std::nullopt;
        }
        return id;
    }
};

} // namespace kansoku
