#include "core/telemetry_signal.h"

namespace kansoku {

const char *signalName(TelemetrySignal signal)
{
    switch (signal) {
    case TelemetrySignal::Traces:
        return "traces";
    case TelemetrySignal::Metrics:
        return "metrics";
    case TelemetrySignal::Logs:
        return "logs";
    }
    return "?";
}

const char *transportName(IngestTransport transport)
{
    switch (transport) {
    case IngestTransport::Grpc:
        return "grpc";
    case IngestTransport::Http:
        return "http";
    case IngestTransport::File:
        return "file";
    }
    return "?";
}

} // namespace kansoku
