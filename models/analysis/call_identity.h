// What a span calls, read from its semantic-convention attributes (current names and the older
// ones still sent): a database statement or an HTTP request, normalized so that calls with
// different values share one identity. Pure, any thread.
#pragma once

#include "core/analysis_span.h"

#include <string>

namespace kansoku {

enum class CallKind { None, Database, Http, Rpc, Messaging };

struct CallIdentity
{
    CallKind kind = CallKind::None;
    // "postgresql", "mysql", "redis", "mongodb", ... for databases (db.system.name / db.system);
    // "http" for HTTP; rpc.system / messaging.system otherwise.
    std::string system;
    // The shape of the call: the normalized statement ("SELECT * FROM items WHERE id = ?"), or
    // "GET inventory:8080/items/{id}". Calls with equal statements are the same call.
    std::string statement;
    // The call with its values: the statement as sent plus its recorded parameters
    // (db.query.parameter.*), or the method and full URL. Empty when the values are unknown
    // (a statement with bind placeholders and no recorded parameters): such calls can never be
    // told to be identical.
    std::string callWithValues;
    // The downstream it reaches: server.address[:port] (net.peer.name), else db.namespace, else
    // the system. Fan-out groups children by it.
    std::string target;
    bool isWrite
        = false; // INSERT, UPDATE, DELETE, MERGE, UPSERT, REPLACE; Redis writes; non-GET HTTP
    bool takesLock = false; // SELECT ... FOR UPDATE / FOR SHARE / LOCK IN SHARE MODE, LOCK TABLE

    bool isCall() const { return kind != CallKind::None; }
};

// The identity of the call a span makes. Database: a span with db.system.name / db.system or a
// statement (db.query.text / db.statement), the statement taken from, in order, the query text,
// db.query.summary, db.operation.name + db.collection.name, the span name. HTTP: a client span
// with http.request.method / http.method, its URL from url.template, url.full / http.url, or
// server.address + url.path. RPC and messaging: client or producer spans with rpc.service /
// messaging.system. Anything else is CallKind::None.
CallIdentity identifyCall(const AnalysisSpan &span);

// The peer a span connects to, for spans that are no call (a socket's connect): the target as
// above, server.address[:port] (net.peer.name[:net.peer.port]), else the peer's address
// network.peer.address[:network.peer.port] (net.peer.ip). Empty when none is recorded.
std::string peerTarget(const AnalysisSpan &span);

} // namespace kansoku
