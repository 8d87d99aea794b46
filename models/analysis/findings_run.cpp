#include "analysis/findings_run.h"

#include "analysis/findings_analyzer.h"

#include <exception>

namespace kansoku {

FindingsRunResult FindingsRun::run(const TelemetryQueries &queries, const TimeRange &range,
                                   const std::function<void(const PreparedTrace &)> &alsoVisit)
{
    FindingsRunResult result;
    result.range = range;
    // The analyzer keeps bounded aggregates only, so a session of millions of spans is analysed
    // in the memory of its largest trace. Exceptions (out of memory on a pathological trace)
    // become the result's error rather than ending the worker thread.
    try {
        FindingsAnalyzer analyzer(m_thresholds);
        queries.forEachAnalysisTrace(range, [&](const AnalysisTrace &trace) {
            if (isCancelled())
                return false;
            const PreparedTrace prepared(trace);
            analyzer.addTrace(prepared);
            if (alsoVisit)
                alsoVisit(prepared);
            m_traces.store(analyzer.traceCount(), std::memory_order_relaxed);
            m_spans.store(analyzer.spanCount(), std::memory_order_relaxed);
            return true;
        });
        result.traceCount = analyzer.traceCount();
        result.spanCount = analyzer.spanCount();
        result.cancelled = isCancelled();
        if (!result.cancelled)
            result.findings = analyzer.findings();
    } catch (const std::exception &error) {
        result.error = error.what();
    }
    return result;
}

} // namespace kansoku
