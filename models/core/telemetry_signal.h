// The three OpenTelemetry signals and the ways telemetry reaches Kansoku.
#pragma once

namespace kansoku {

enum class TelemetrySignal { Traces = 0, Metrics = 1, Logs = 2 };
inline constexpr int telemetrySignalCount = 3;

enum class IngestTransport { Grpc = 0, Http = 1, File = 2 };
inline constexpr int ingestTransportCount = 3;

const char *signalName(TelemetrySignal signal);       // "traces", "metrics", "logs"
const char *transportName(IngestTransport transport); // "grpc", "http", "file"

} // namespace kansoku
