#include "request_template.h"

#include <cstring>
#include <stdexcept>

namespace kansoku::bench {

RequestTemplate::RequestTemplate(std::string encoded, const std::vector<std::string> &traceIds,
                                 std::int64_t itemCount)
    : m_encoded(std::move(encoded))
    , m_itemCount(itemCount)
{
    for (const std::string &traceId : traceIds) {
        std::size_t position = m_encoded.find(traceId);
        if (position == std::string::npos)
            throw std::logic_error("trace id not found in the encoded request");
        while (position != std::string::npos) {
            m_traceIdOffsets.push_back(position);
            position = m_encoded.find(traceId, position + traceId.size());
        }
    }
}

std::string RequestTemplate::instantiate(std::uint64_t sequence) const
{
    std::string request = m_encoded;
    for (std::size_t offset : m_traceIdOffsets) {
        for (int i = 0; i < 8; ++i)
            request[offset + std::size_t(i)] ^= char((sequence >> (8 * i)) & 0xff);
    }
    return request;
}

std::string RequestTemplate::firstTraceId(std::uint64_t sequence) const
{
    std::string id = m_encoded.substr(m_traceIdOffsets.front(), 16);
    for (int i = 0; i < 8; ++i)
        id[std::size_t(i)] ^= char((sequence >> (8 * i)) & 0xff);
    return id;
}

} // namespace kansoku::bench
