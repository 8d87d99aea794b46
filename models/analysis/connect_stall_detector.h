// Finds connects that waited for SYN retransmits, the sign of a full listen queue (SYN backlog) on
// the server: per (service, target), client connect spans (tcp.connect and other spans named for a
// connect, or plain TCP spans to a peer) — or, for a target no connect span reaches, the HTTP and
// RPC client calls — whose durations step to just above 1, 3, 7 or 15 s (initial RTO 1 s,
// doubling) while the others take milliseconds. Keeps the durations of the spans that did not
// stall (8 bytes each) and the stalled ones (about 80 bytes each). One instance on one worker
// thread.
#pragma once

#include "analysis/duration_sample.h"
#include "analysis/endpoint_statistics.h"
#include "analysis/finding_detector.h"
#include "analysis/finding_thresholds.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kansoku {

class ConnectStallDetector : public FindingDetector
{
public:
    explicit ConnectStallDetector(const FindingThresholds &thresholds);

    FindingKind kind() const override { return FindingKind::ConnectStall; }
    void addTrace(const PreparedTrace &trace) override;
    std::vector<Finding> findings(const EndpointStatistics &endpoints) const override;

    // The SYN retransmission times a stalled connect waits: 1, 3, 7 and 15 s.
    static constexpr int StallLevels = 4;
    static std::int64_t stallLevelNs(int level);

private:
    enum class SpanClass : std::uint8_t { None, Connect, Call };
    struct StalledSpan
    {
        TraceId traceId;
        SpanId spanId;
        SpanId requestSpanId; // the endpoint span it serves
        std::int64_t startNs = 0;
        std::int64_t endNs = 0;
        std::int64_t requestLatencyNs = 0;
        int level = 0; // index into the stall levels
        std::int64_t durationNs() const { return endNs - startNs; }
    };
    // The spans of one class (connects or calls) to one target.
    struct TargetSpans
    {
        std::int64_t count = 0;
        DurationSample normal;            // durations of those that did not stall
        std::int64_t offStep = 0;         // of those, the slow ones: from 500 ms up
        std::vector<StalledSpan> stalled; // in the order the traces came
        std::map<EndpointKey, std::int64_t> stalledByEndpoint;
    };
    struct Target
    {
        TargetSpans connects;
        TargetSpans calls;
    };

    SpanClass classOf(const PreparedTrace &trace, int index) const;
    int stallLevelOf(std::int64_t durationNs) const; // -1 when in no window
    void add(const PreparedTrace &trace, int index, TargetSpans &spans);
    Finding findingFor(const std::pair<std::string, std::string> &key, const TargetSpans &spans,
                       bool connects, const EndpointStatistics &endpoints) const;

    FindingThresholds m_thresholds;
    std::map<std::pair<std::string, std::string>, Target> m_targets; // by (service, target)
    // Scratch space reused from trace to trace, by span index.
    std::vector<SpanClass> m_classes;
    std::vector<std::string> m_spanTargets;
};

} // namespace kansoku
