// Finds likely lock waits on database statements, across traces: calls of one statement (on one
// target) from overlapping requests that run one after another, each starting as the previous
// one ends although its request was ready earlier (a queue); writes and lock-taking statements far
// slower than their median; lock-taking statements (SELECT ... FOR UPDATE) that are slow. Keeps
// every database call's times (80 bytes each) and links them when the findings are asked for.
// One instance on one worker thread.
#pragma once

#include "analysis/endpoint_statistics.h"
#include "analysis/finding_detector.h"
#include "analysis/finding_thresholds.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kansoku {

class LockWaitDetector : public FindingDetector
{
public:
    explicit LockWaitDetector(const FindingThresholds &thresholds);

    FindingKind kind() const override { return FindingKind::LockWait; }
    void addTrace(const PreparedTrace &trace) override;
    std::vector<Finding> findings(const EndpointStatistics &endpoints) const override;

private:
    struct LockCall
    {
        std::int64_t startNs = 0;
        std::int64_t endNs = 0;
        // When its request was ready to issue it: the latest end of the earlier siblings that
        // had ended by its start, else its parent's start. The gap up to startNs is unexplained
        // time, a wait when the previous call of the statement ended just before.
        std::int64_t readyNs = 0;
        std::int64_t requestStartNs = 0;
        std::int64_t requestEndNs = 0;
        TraceId traceId;
        SpanId spanId;
        SpanId requestSpanId;
        std::uint32_t endpoint = 0; // index into m_endpoints
        std::uint32_t version = 0;  // index into m_versions
        std::int64_t durationNs() const { return endNs - startNs; }
    };
    struct StatementCalls
    {
        std::string target;
        std::string statement;
        bool isWrite = false;
        bool takesLock = false;
        std::vector<LockCall> calls; // in the order the traces came
    };
    // A blocked call: the call it waited behind (-1 when unknown) and how long it waited.
    struct Wait
    {
        int blocker = -1;
        std::int64_t waitNs = 0;
        bool inChain = false;
    };

    std::vector<Wait> waitsOf(const StatementCalls &statement, int &chains,
                              int &longestChain) const;
    Finding findingFor(const StatementCalls &statement, const std::vector<Wait> &waits, int chains,
                       int longestChain, const EndpointStatistics &endpoints) const;
    std::uint32_t endpointId(const AnalysisSpan &request);
    std::uint32_t versionId(const std::string &version);

    FindingThresholds m_thresholds;
    std::map<std::string, StatementCalls, std::less<>> m_statements; // by target '\n' statement
    std::map<std::string, std::uint32_t, std::less<>> m_endpointIds; // by service '\n' operation
    std::vector<EndpointKey> m_endpoints;
    std::map<std::string, std::uint32_t, std::less<>> m_versionIds;
    std::vector<std::string> m_versions;
    // Scratch space reused from trace to trace.
    static constexpr std::uint32_t NoId = ~std::uint32_t(0);
    std::string m_keyBuffer;
    std::vector<std::int64_t> m_readyNs;
    std::vector<std::int64_t> m_runningEnds;
    std::vector<std::uint32_t> m_endpointOfSpan; // endpoint id by request span index, or NoId
    const std::string *m_lastVersion = nullptr;  // in the trace being added
    std::uint32_t m_lastVersionId = 0;
};

} // namespace kansoku
