#include "view/query_latency_recorder.h"

#include <utility>

namespace kansoku {

namespace {

bool recording = false;
DurationSample latencies;

} // namespace

void QueryLatencyRecorder::setEnabled(bool enabled)
{
    recording = enabled;
    if (!enabled)
        latencies = DurationSample();
}

bool QueryLatencyRecorder::isEnabled()
{
    return recording;
}

void QueryLatencyRecorder::record(std::int64_t latencyNs)
{
    if (recording)
        latencies.add(latencyNs);
}

DurationSample QueryLatencyRecorder::take()
{
    return std::exchange(latencies, DurationSample());
}

} // namespace kansoku
