// Reads the arguments of one tool call (an MCP tools/call, or `kansoku query`'s filters) and
// checks them: only known names, the right JSON types, numbers in range, ISO 8601 times, hex ids,
// cursors of the right listing. The first problem is kept as a message naming the argument, for
// the caller to hand back as the tool's error. Pure, any thread; one instance per call.
#pragma once

#include "core/telemetry_ids.h"

#include <QJsonObject>
#include <QStringList>
#include <cstdint>
#include <optional>

namespace kansoku {

class ToolArguments
{
public:
    explicit ToolArguments(QJsonObject arguments)
        : m_arguments(std::move(arguments))
    {}

    // Each getter returns nullopt when the argument is absent or wrong (then error() says why);
    // after the first error every getter returns nullopt.
    std::optional<QString> string(const QString &name);
    std::optional<QString> choice(const QString &name, const QStringList &allowed);
    std::optional<std::int64_t> integer(const QString &name, std::int64_t minimum,
                                        std::int64_t maximum);
    std::optional<double> number(const QString &name, double minimum, double maximum);
    std::optional<bool> boolean(const QString &name);
    std::optional<std::int64_t> timeNs(const QString &name); // ISO 8601
    std::optional<TraceId> traceId(const QString &name);     // 32 hex digits, not all zero
    std::optional<SpanId> spanId(const QString &name);       // 16 hex digits, not all zero
    // A PageCursor of this listing; the position it continues from.
    std::optional<std::int64_t> cursor(const QString &name, const QString &kind);
    // An object of string values ({"http.route": "/checkout"}), in key order.
    std::optional<std::vector<std::pair<QString, QString>>> stringMap(const QString &name);

    // Marks an argument that must be present; call before reading it.
    void require(const QString &name);
    // Fails on any argument not named here (a misspelt filter must not silently match all).
    void allowOnly(const QStringList &names);
    // A problem found by the caller (e.g. two arguments that contradict each other).
    void fail(const QString &message);

    bool isValid() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }

private:
    // The value when present and no error happened yet.
    std::optional<QJsonValue> present(const QString &name) const;
    template<typename T>
    std::optional<T> failWith(const QString &name, const QString &expected);
    template<std::size_t Size>
    std::optional<FixedId<Size>> hexId(const QString &name, const QString &expected);

    QJsonObject m_arguments;
    QString m_error;
};

} // namespace kansoku
