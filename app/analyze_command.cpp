#include "analyze_command.h"

#include "session_analysis.h"

#include <cstdio>

namespace kansoku {

int AnalyzeCommand::run() const
{
    QString error;
    const std::optional<SessionAnalysis> analysis = SessionAnalyzer().analyze(
        m_options.sessionFiles.constFirst(), m_options.analysisRange, &error);
    if (!analysis) {
        std::fprintf(stderr, "kansoku analyze: %s\n", error.toLocal8Bit().constData());
        return 2;
    }
    const std::string output = m_options.json ? FindingsReportWriter::json(analysis->report) + '\n'
                                              : FindingsReportWriter::text(analysis->report);
    std::fputs(output.c_str(), stdout);
    return 0;
}

} // namespace kansoku
