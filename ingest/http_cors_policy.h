// Which browser origins may call the OTLP/HTTP receiver, and the CORS headers to answer with.
// Only pages served from this machine (localhost, 127.0.0.1, [::1], any port) are allowed, so a
// dev server such as Vite can export from the browser while other sites cannot. Pure functions.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace kansoku {

class HttpCorsPolicy
{
public:
    using HeaderList = QList<QPair<QByteArray, QByteArray>>;

    static bool isAllowedOrigin(const QByteArray &origin);
    // Headers for an OPTIONS preflight; empty when the origin is not allowed.
    static HeaderList preflightHeaders(const QByteArray &origin,
                                       const QByteArray &requestedHeaders);
    // Headers added to an actual (POST) response; empty when the origin is not allowed.
    static HeaderList responseHeaders(const QByteArray &origin);
};

} // namespace kansoku
