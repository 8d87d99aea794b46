// One connection that sends pre-encoded OTLP export requests and reports how each one ended.
// Used by one load-generator thread at a time.
#pragma once

#include <string>

namespace kansoku::bench {

enum class SendOutcome { Accepted, Refused, Failed };

class LoadClient
{
public:
    virtual ~LoadClient() = default;
    // path: "/v1/traces" style signal path; body: a serialized Export*ServiceRequest.
    virtual SendOutcome send(const std::string &signalPath, const std::string &body) = 0;
    virtual std::string lastError() const = 0;
};

} // namespace kansoku::bench
