// Builds realistic pre-encoded OTLP requests for the load generator: 512 spans with ~10
// attributes each from two services (traces of 8 spans: one server root, clients, DB calls), or
// 512 log records with varied bodies for full-text indexing. Main thread, at start-up.
#pragma once

#include "request_template.h"

namespace kansoku::bench {

class BenchRequestFactory
{
public:
    explicit BenchRequestFactory(std::uint32_t seed);

    RequestTemplate traceRequest(int spanCount = 512);
    RequestTemplate logRequest(int logCount = 512);

private:
    std::string randomBytes(int count);
    std::uint64_t next();

    std::uint64_t m_state;
};

} // namespace kansoku::bench
