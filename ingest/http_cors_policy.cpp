#include "http_cors_policy.h"

#include <QUrl>
#include <algorithm>
#include <array>

namespace kansoku {

namespace {

// Request headers a browser exporter may ask for; anything else is left out of the answer and
// the browser then refuses to send it. `authorization` carries the training room's bearer token.
constexpr std::array<const char *, 9> safeRequestHeaders{
    "content-type",    "content-encoding", "accept",
    "accept-encoding", "accept-language",  "content-language",
    "user-agent",      "x-requested-with", "authorization"};

constexpr int preflightMaxAgeSeconds = 600;

} // namespace

bool HttpCorsPolicy::isAllowedOrigin(const QByteArray &origin)
{
    if (origin.isEmpty())
        return false;
    const QUrl url(QString::fromLatin1(origin), QUrl::StrictMode);
    if (!url.isValid() || !url.path().isEmpty() || url.hasQuery() || url.hasFragment()
        || !url.userInfo().isEmpty())
        return false;
    const QString scheme = url.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return false;
    const QString host = url.host();
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1")
           || host == QLatin1String("::1");
}

HttpCorsPolicy::HeaderList HttpCorsPolicy::preflightHeaders(const QByteArray &origin,
                                                            const QByteArray &requestedHeaders)
{
    if (!isAllowedOrigin(origin))
        return {};
    QByteArray allowedHeaders = "Content-Type, Content-Encoding";
    for (const QByteArray &raw : requestedHeaders.split(',')) {
        const QByteArray name = raw.trimmed().toLower();
        if (name.isEmpty() || name == "content-type" || name == "content-encoding")
            continue;
        const bool safe = std::any_of(safeRequestHeaders.begin(), safeRequestHeaders.end(),
                                      [&name](const char *known) { return name == known; });
        if (safe)
            allowedHeaders += ", " + name;
    }
    return {
        {"Access-Control-Allow-Origin", origin},
        {"Access-Control-Allow-Methods", "POST, OPTIONS"},
        {"Access-Control-Allow-Headers", allowedHeaders},
        {"Access-Control-Max-Age", QByteArray::number(preflightMaxAgeSeconds)},
        {"Vary", "Origin"},
    };
}

HttpCorsPolicy::HeaderList HttpCorsPolicy::responseHeaders(const QByteArray &origin)
{
    if (!isAllowedOrigin(origin))
        return {};
    return {{"Access-Control-Allow-Origin", origin}, {"Vary", "Origin"}};
}

} // namespace kansoku
