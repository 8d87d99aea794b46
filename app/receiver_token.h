// The training room's bearer token: what `--token` may be, and a fresh random one for when the
// receivers listen beyond loopback without one. Pure functions; main thread (command line).
#pragma once

#include <QString>

namespace kansoku {

class ReceiverToken
{
public:
    static constexpr int maxLength = 256;

    // 32 bytes from the system's random source as base64url without padding (43 characters), so
    // it needs no escaping in a header, a URL or OTEL_EXPORTER_OTLP_HEADERS.
    static QString generate();
    // Why text cannot be a token (empty, too long, space, control or non-ASCII characters);
    // empty when it can. A token travels in an HTTP header and gRPC metadata: printable ASCII.
    static QString problemWith(const QString &text);
};

} // namespace kansoku
