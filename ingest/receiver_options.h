// Settings shared by the OTLP gRPC and HTTP receivers: where to listen and how much to accept.
// A plain value, copied into each receiver at construction.
#pragma once

#include <QHostAddress>
#include <cstdint>
#include <memory>
#include <string>

namespace kansoku {

class ReceiverControl;

struct ReceiverOptions
{
    // Loopback by default: exposing the receivers to the network is an explicit user choice.
    QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 grpcPort = 4317; // 0 picks a free port
    quint16 httpPort = 4318; // 0 picks a free port
    // Upper bound for one request, applied to the bytes on the wire and again to the decompressed
    // body, so a small compressed bomb cannot make the receiver allocate more than this.
    std::int64_t maxRequestBytes = 64 * 1024 * 1024;
    // How long an export waits for room in a full queue before it is refused. Waiting only on the
    // storage writer, which commits at least every 200 ms, so senders slow down instead of
    // retrying.
    int queuePatienceMs = 1000;
    // Told to clients whose export was refused because the queue is full (Retry-After, RetryInfo).
    int retryAfterSeconds = 1;
    // When not empty, every export must carry `authorization: Bearer <bearerToken>` (HTTP header
    // or gRPC metadata); others get HTTP 401 / gRPC UNAUTHENTICATED before their body is read.
    // The app always sets one when listening beyond loopback.
    std::string bearerToken;
    // Pause and forwarding, changed while the receivers run; shared by both receivers (and kept
    // by the app across session switches). Null: never paused, nothing forwarded.
    std::shared_ptr<ReceiverControl> control;
};

} // namespace kansoku
