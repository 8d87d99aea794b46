// The opaque cursor of a paged result (MCP tools, `kansoku query`): which listing it continues and
// where, as URL-safe base64 of "kind:position", so a client passes it back unchanged and a cursor
// of one listing is refused by another. Pure functions, any thread.
#pragma once

#include <QString>
#include <cstdint>
#include <optional>

namespace kansoku {

class PageCursor
{
public:
    // kind: a short listing name without ':' ("traces", "logs"); position: an offset or a row id.
    static QString encode(const QString &kind, std::int64_t position);
    // nullopt for text that is not a cursor of this kind.
    static std::optional<std::int64_t> decode(const QString &cursor, const QString &kind);
};

} // namespace kansoku
