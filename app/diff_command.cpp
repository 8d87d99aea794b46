#include "diff_command.h"

#include "analysis/run_comparison_report_writer.h"
#include "session_analysis.h"

#include <cstdio>
#include <future>

namespace kansoku {

int DiffCommand::run() const
{
    const bool ranges = m_options.beforeRange.has_value();
    const QString beforePath = m_options.sessionFiles.constFirst();
    const QString afterPath = ranges ? beforePath : m_options.sessionFiles.at(1);
    const SessionAnalyzer analyzer;
    // The two runs are independent reads (each its own read-only store and connection): one on
    // a second thread halves the wall time on a two-core machine.
    QString afterError;
    std::future<std::optional<SessionAnalysis>> afterAnalysis = std::async(std::launch::async, [&] {
        return analyzer.analyze(afterPath, ranges ? *m_options.afterRange : TimeRange{},
                                &afterError);
    });
    QString beforeError;
    const std::optional<SessionAnalysis> before
        = analyzer.analyze(beforePath, ranges ? *m_options.beforeRange : TimeRange{}, &beforeError);
    const std::optional<SessionAnalysis> after = afterAnalysis.get();
    if (!before || !after) {
        const QString &error = before ? afterError : beforeError;
        std::fprintf(stderr, "kansoku diff: %s\n", error.toLocal8Bit().constData());
        return 2;
    }
    RunComparisonOptions options;
    options.thresholdPercent = m_options.thresholdPercent;
    RunComparisonReport report;
    report.beforeName
        = RunComparisonReportWriter::runName(beforePath.toStdString(), m_options.beforeRange);
    report.afterName
        = RunComparisonReportWriter::runName(afterPath.toStdString(), m_options.afterRange);
    report.comparison = RunComparison::compare(before->profile, after->profile, options);
    const std::string output = m_options.json ? RunComparisonReportWriter::json(report) + '\n'
                                              : RunComparisonReportWriter::text(report);
    std::fputs(output.c_str(), stdout);
    return report.comparison.worse ? 1 : 0;
}

} // namespace kansoku
