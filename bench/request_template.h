// A pre-encoded OTLP export request whose trace ids can be renumbered per send, so a benchmark
// can send the same realistic bytes millions of times without its spans colliding in the store.
// Immutable after construction; instantiate() is thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kansoku::bench {

class RequestTemplate
{
public:
    // encoded: the serialized request; traceIds: the 16-byte trace ids it contains (each must
    // occur in encoded only where it is a trace id, which random ids guarantee in practice).
    RequestTemplate(std::string encoded, const std::vector<std::string> &traceIds,
                    std::int64_t itemCount);

    // The request with every trace id's first 8 bytes XORed with sequence.
    std::string instantiate(std::uint64_t sequence) const;
    // The first trace id in instantiate(sequence), as 16 bytes: enough to find that request's
    // spans in a store, since one request is stored in one transaction or not at all.
    std::string firstTraceId(std::uint64_t sequence) const;
    std::int64_t itemCount() const { return m_itemCount; }
    std::size_t sizeBytes() const { return m_encoded.size(); }

private:
    std::string m_encoded;
    std::vector<std::size_t> m_traceIdOffsets;
    std::int64_t m_itemCount = 0;
};

} // namespace kansoku::bench
