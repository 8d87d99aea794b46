#include "analysis/call_identity.h"

#include "analysis/statement_normalizer.h"

#include <algorithm>
#include <cctype>

namespace kansoku {

namespace {

std::string stringAttribute(const AnalysisSpan &span, std::string_view key)
{
    const AnyValue *value = findAttribute(span.attributes, key);
    if (!value || value->isEmpty())
        return {};
    if (value->type() == AnyValue::Type::String)
        return value->stringValue();
    return value->toDisplayString();
}

// The first of the keys that is set: current semantic-convention name first, then older ones.
std::string firstAttribute(const AnalysisSpan &span, std::initializer_list<std::string_view> keys)
{
    for (std::string_view key : keys) {
        std::string value = stringAttribute(span, key);
        if (!value.empty())
            return value;
    }
    return {};
}

std::string upper(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return char(std::toupper(c)); });
    return out;
}

std::string firstWordUpper(std::string_view text)
{
    const auto isSeparator = [](char c) {
        return std::isspace(static_cast<unsigned char>(c)) || c == '(';
    };
    std::size_t begin = 0;
    while (begin < text.size() && isSeparator(text[begin]))
        ++begin;
    std::size_t end = begin;
    while (end < text.size() && !isSeparator(text[end]))
        ++end;
    return upper(text.substr(begin, end - begin));
}

bool containsWordsIgnoringCase(const std::string &upperText, std::string_view words)
{
    return upperText.find(words) != std::string::npos;
}

std::string serverTarget(const AnalysisSpan &span)
{
    std::string address = firstAttribute(span, {"server.address", "net.peer.name"});
    if (address.empty())
        return {};
    const std::string port = firstAttribute(span, {"server.port", "net.peer.port"});
    return port.empty() ? address : address + ':' + port;
}

// The recorded bind parameters, "key=value" in the order sent, for telling identical calls apart.
std::string queryParameters(const AnalysisSpan &span)
{
    constexpr std::string_view prefix = "db.query.parameter.";
    std::string out;
    for (const KeyValue &entry : span.attributes) {
        if (!entry.key.starts_with(prefix))
            continue;
        out += '\n';
        out.append(entry.key, prefix.size());
        out += '=';
        out += entry.value.toDisplayString();
    }
    return out;
}

enum class StatementLanguage { Sql, Redis, Json };

StatementLanguage languageOf(const std::string &system, std::string_view statement)
{
    if (system == "redis" || system == "memcached" || system == "valkey")
        return StatementLanguage::Redis;
    const auto firstChar = std::find_if_not(statement.begin(), statement.end(),
                                            [](unsigned char c) { return std::isspace(c); });
    if (system == "mongodb" || system == "elasticsearch" || system == "couchdb"
        || (firstChar != statement.end() && (*firstChar == '{' || *firstChar == '[')))
        return StatementLanguage::Json;
    return StatementLanguage::Sql;
}

void classifyDatabase(const AnalysisSpan &span, CallIdentity &call)
{
    call.kind = CallKind::Database;
    call.system = firstAttribute(span, {"db.system.name", "db.system"});
    const std::string text = firstAttribute(span, {"db.query.text", "db.statement"});
    if (!text.empty()) {
        switch (languageOf(call.system, text)) {
        case StatementLanguage::Redis:
            call.statement = StatementNormalizer::redis(text);
            call.isWrite = [&] {
                const std::string command = firstWordUpper(text);
                for (std::string_view write :
                     {"SET",     "DEL",  "HSET",  "HDEL",   "LPUSH", "RPUSH",  "SADD",
                      "SREM",    "ZADD", "ZREM",  "INCR",   "DECR",  "INCRBY", "EXPIRE",
                      "HINCRBY", "MSET", "SETEX", "GETSET", "LPOP",  "RPOP",   "UNLINK"}) {
                    if (command == write)
                        return true;
                }
                return false;
            }();
            call.callWithValues = text;
            break;
        case StatementLanguage::Json:
            call.statement = StatementNormalizer::json(text);
            call.callWithValues = text;
            break;
        case StatementLanguage::Sql: {
            StatementNormalizer::SqlShape shape = StatementNormalizer::sqlShape(text);
            call.statement = std::move(shape.statement);
            const std::string parameters = queryParameters(span);
            // A statement with placeholders tells nothing of its values unless they were recorded.
            if (!parameters.empty() || !shape.hasPlaceholders)
                call.callWithValues = text + parameters;
            const std::string verb = firstWordUpper(call.statement);
            call.isWrite = verb == "INSERT" || verb == "UPDATE" || verb == "DELETE"
                           || verb == "MERGE" || verb == "UPSERT" || verb == "REPLACE";
            const std::string statementUpper = upper(call.statement);
            call.takesLock = containsWordsIgnoringCase(statementUpper, "FOR UPDATE")
                             || containsWordsIgnoringCase(statementUpper, "FOR NO KEY UPDATE")
                             || containsWordsIgnoringCase(statementUpper, "FOR SHARE")
                             || containsWordsIgnoringCase(statementUpper, "LOCK IN SHARE MODE")
                             || verb == "LOCK";
            break;
        }
        }
    } else {
        std::string summary = firstAttribute(span, {"db.query.summary"});
        if (summary.empty()) {
            const std::string operation
                = firstAttribute(span, {"db.operation.name", "db.operation"});
            const std::string collection = firstAttribute(
                span, {"db.collection.name", "db.sql.table", "db.mongodb.collection"});
            summary = operation.empty() || collection.empty() ? operation + collection
                                                              : operation + ' ' + collection;
        }
        call.statement = summary.empty() ? span.name : summary;
        const std::string verb = firstWordUpper(call.statement);
        call.isWrite = verb == "INSERT" || verb == "UPDATE" || verb == "DELETE" || verb == "SET";
    }
    call.target = serverTarget(span);
    if (call.target.empty())
        call.target = firstAttribute(span, {"db.namespace", "db.name"});
    if (call.target.empty())
        call.target = call.system;
}

void classifyHttp(const AnalysisSpan &span, const std::string &method, CallIdentity &call)
{
    call.kind = CallKind::Http;
    call.system = "http";
    const std::string fullUrl = firstAttribute(span, {"url.full", "http.url"});
    std::string host = serverTarget(span);
    std::string path = firstAttribute(span, {"url.path", "http.target"});
    if (!fullUrl.empty()) {
        // scheme://host[:port]/path?query
        const std::size_t scheme = fullUrl.find("://");
        const std::size_t hostBegin = scheme == std::string::npos ? 0 : scheme + 3;
        const std::size_t pathBegin = fullUrl.find_first_of("/?#", hostBegin);
        if (host.empty())
            host
                = fullUrl.substr(hostBegin, pathBegin == std::string::npos ? std::string::npos
                                                                           : pathBegin - hostBegin);
        if (pathBegin != std::string::npos)
            path = fullUrl.substr(pathBegin);
        // Credentials never make it into a statement.
        const std::size_t at = host.find('@');
        if (at != std::string::npos)
            host = host.substr(at + 1);
    }
    const std::string urlTemplate = firstAttribute(span, {"url.template"});
    const std::string shape
        = !urlTemplate.empty() ? urlTemplate : StatementNormalizer::urlPath(path);
    const std::string upperMethod = upper(method);
    call.statement = upperMethod + ' ' + host + (shape.empty() ? "/" : shape);
    call.target = host;
    call.callWithValues = upperMethod + ' ' + (fullUrl.empty() ? host + path : fullUrl);
    call.isWrite = upperMethod != "GET" && upperMethod != "HEAD" && upperMethod != "OPTIONS";
}

} // namespace

CallIdentity identifyCall(const AnalysisSpan &span)
{
    CallIdentity call;
    const bool outgoing = span.kind == SpanKind::Client || span.kind == SpanKind::Producer;
    const bool hasDatabase = findAttribute(span.attributes, "db.system.name")
                             || findAttribute(span.attributes, "db.system")
                             || findAttribute(span.attributes, "db.query.text")
                             || findAttribute(span.attributes, "db.statement");
    // Server spans of a database proxy carry db.* too; only the calling side is a call.
    if (hasDatabase && span.kind != SpanKind::Server && span.kind != SpanKind::Consumer) {
        classifyDatabase(span, call);
        return call;
    }
    if (!outgoing)
        return call;
    const std::string method = firstAttribute(span, {"http.request.method", "http.method"});
    if (!method.empty()) {
        classifyHttp(span, method, call);
        return call;
    }
    const std::string rpcService = firstAttribute(span, {"rpc.service"});
    if (!rpcService.empty()) {
        call.kind = CallKind::Rpc;
        call.system = "rpc";
        call.statement = rpcService + '/' + firstAttribute(span, {"rpc.method"});
        call.target = serverTarget(span).empty() ? rpcService : serverTarget(span);
        return call;
    }
    const std::string messagingSystem = firstAttribute(span, {"messaging.system"});
    if (!messagingSystem.empty()) {
        call.kind = CallKind::Messaging;
        call.system = messagingSystem;
        const std::string destination = firstAttribute(span, {"messaging.destination.name"});
        const std::string operation = firstAttribute(span, {"messaging.operation"});
        call.statement
            = (operation.empty() ? std::string("publish") : operation) + ' ' + destination;
        call.target = destination.empty() ? messagingSystem : destination;
        call.isWrite = true;
    }
    return call;
}

std::string peerTarget(const AnalysisSpan &span)
{
    std::string target = serverTarget(span);
    if (!target.empty())
        return target;
    target = firstAttribute(span, {"network.peer.address", "net.peer.ip"});
    if (target.empty())
        return {};
    const std::string port = firstAttribute(span, {"network.peer.port", "net.peer.port"});
    return port.empty() ? target : target + ':' + port;
}

} // namespace kansoku
