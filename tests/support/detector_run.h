// Test helper: feeds AnalysisTraces to one findings detector the way FindingsAnalyzer does (each
// trace prepared once, endpoint statistics gathered alongside) and returns its findings. For
// tests that link kansoku_analysis.
#pragma once

#include "analysis/endpoint_statistics.h"
#include "analysis/finding_detector.h"
#include "core/analysis_span.h"

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

} // namespace kansoku::test
