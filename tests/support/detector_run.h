// Test helpers: feed AnalysisTraces to one findings detector the way FindingsAnalyzer does (each
// trace prepared once, endpoint statistics gathered alongside) and return its findings; read a
// finding's facts; name the span ids AnalysisTraceBuilder gave. For tests that link
// kansoku_analysis.
#pragma once

#include "analysis/endpoint_statistics.h"
#include "analysis/finding_detector.h"
#include "core/analysis_span.h"
#include "support/analysis_trace_builder.h"

#include <string>
#include <vector>

namespace kansoku::test {

inline std::vector<Finding> runDetector(FindingDetector &detector,
                                        const std::vector<AnalysisTrace> &traces)
{
    EndpointStatistics endpoints;
    for (const AnalysisTrace &trace : traces) {
        const PreparedTrace prepared(trace);
        endpoints.addTrace(prepared);
        detector.addTrace(prepared);
    }
    return detector.findings(endpoints);
}

// The value of the finding's fact with that label, or a text saying it is missing.
inline std::string factOf(const Finding &finding, const std::string &label)
{
    for (const FindingFact &fact : finding.facts) {
        if (fact.label == label)
            return fact.value;
    }
    return "(no fact " + label + ")";
}

// The span ids AnalysisTraceBuilder gave the spans it returned these indexes for.
inline std::vector<SpanId> builtSpanIds(const std::vector<int> &builderIndexes)
{
    std::vector<SpanId> ids;
    for (int index : builderIndexes)
        ids.push_back(AnalysisTraceBuilder::idOf(std::uint64_t(index) + 1));
    return ids;
}

} // namespace kansoku::test
