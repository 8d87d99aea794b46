#include "analysis/run_comparison_report_writer.h"

#include "analysis/finding_text.h"
#include "core/time_format.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <cmath>

namespace kansoku {

namespace {

QString qt(const std::string &text)
{
    return QString::fromStdString(text);
}

double rounded(double value, double scale)
{
    return std::round(value * scale) / scale;
}

// Figures in ns become ms with microsecond precision; rates and counts keep four decimals.
QJsonObject changeObject(const MetricChange &change, double divisor)
{
    const double scale = divisor == 1.0 ? 10000.0 : 1000.0;
    QJsonObject object{{QStringLiteral("before"), rounded(change.before / divisor, scale)},
                       {QStringLiteral("after"), rounded(change.after / divisor, scale)},
                       {QStringLiteral("change"), rounded(change.change / divisor, scale)}};
    object.insert(QStringLiteral("change_percent"),
                  change.changePercent ? QJsonValue(rounded(*change.changePercent, 10.0))
                                       : QJsonValue(QJsonValue::Null));
    return object;
}

QJsonObject runObject(const std::string &name, const RunTotals &totals)
{
    const bool hasRange = totals.range.endNs > totals.range.startNs;
    return {{QStringLiteral("name"), qt(name)},
            {QStringLiteral("traces"), qint64(totals.traceCount)},
            {QStringLiteral("spans"), qint64(totals.spanCount)},
            {QStringLiteral("from"), hasRange
                                         ? QJsonValue(formatIsoTimestampNs(totals.range.startNs))
                                         : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("to"), hasRange ? QJsonValue(formatIsoTimestampNs(totals.range.endNs))
                                            : QJsonValue(QJsonValue::Null)}};
}

QString percentText(const MetricChange &change)
{
    if (change.change == 0)
        return QString();
    if (!change.changePercent)
        return QStringLiteral(" (new)");
    return QStringLiteral(" (%1%2%)")
        .arg(*change.changePercent > 0 ? QStringLiteral("+") : QString())
        .arg(std::round(*change.changePercent));
}

QString durationChange(const MetricChange &change)
{
    return QStringLiteral("%1 → %2%3")
        .arg(formatDurationNs(std::llround(change.before)),
             formatDurationNs(std::llround(change.after)), percentText(change));
}

QString numberChange(const MetricChange &change, int decimals)
{
    return QStringLiteral("%1 → %2%3")
        .arg(QString::number(change.before, 'f', decimals),
             QString::number(change.after, 'f', decimals), percentText(change));
}

QString rowName(const ComparisonRow &row)
{
    if (row.kind == ComparisonRowKind::Operation)
        return QStringLiteral("%1 %2").arg(qt(row.service), qt(row.operation));
    return QStringLiteral("%1 %2 → %3").arg(qt(row.service), qt(row.operation), qt(row.statement));
}

bool changed(const ComparisonRow &row)
{
    return row.presence != RowPresence::Both || row.callsPerRequest.change != 0
           || row.p95Ns.change != 0 || row.p50Ns.change != 0 || row.errorRate.change != 0;
}

} // namespace

std::string RunComparisonReportWriter::runName(const std::string &session,
                                               const std::optional<TimeRange> &range)
{
    if (!range)
        return session;
    return session + ' ' + formatIsoTimestampNs(range->startNs).toStdString() + ".."
           + formatIsoTimestampNs(range->endNs).toStdString();
}

std::string RunComparisonReportWriter::json(const RunComparisonReport &report)
{
    const RunComparison &comparison = report.comparison;
    QJsonObject root;
    root.insert(QStringLiteral("before"), runObject(report.beforeName, comparison.before));
    root.insert(QStringLiteral("after"), runObject(report.afterName, comparison.after));
    root.insert(QStringLiteral("threshold_percent"), comparison.options.thresholdPercent);
    root.insert(QStringLiteral("worse"), comparison.worse);
    QJsonArray reasons;
    for (const WorseReason &reason : comparison.reasons)
        reasons.append(
            QJsonObject{{QStringLiteral("kind"), QLatin1String(worseReasonKindId(reason.kind))},
                        {QStringLiteral("description"), qt(reason.description)}});
    root.insert(QStringLiteral("reasons"), reasons);
    QJsonArray rows;
    for (const ComparisonRow &row : comparison.rows) {
        QJsonObject object{
            {QStringLiteral("kind"), QLatin1String(comparisonRowKindId(row.kind))},
            {QStringLiteral("presence"), QLatin1String(rowPresenceId(row.presence))},
            {QStringLiteral("service"), qt(row.service)},
            {QStringLiteral("operation"), qt(row.operation)},
            {QStringLiteral("requests_before"), qint64(row.requestsBefore)},
            {QStringLiteral("requests_after"), qint64(row.requestsAfter)},
            {QStringLiteral("calls_per_request"), changeObject(row.callsPerRequest, 1.0)},
            {QStringLiteral("p50_ms"), changeObject(row.p50Ns, 1e6)},
            {QStringLiteral("p95_ms"), changeObject(row.p95Ns, 1e6)},
            {QStringLiteral("error_rate"), changeObject(row.errorRate, 1.0)},
            {QStringLiteral("time_per_request_ms"), changeObject(row.timePerRequestNs, 1e6)},
            {QStringLiteral("impact_ms"), rounded(row.impactNs / 1e6, 1000.0)},
            {QStringLiteral("enough_samples"), row.enoughSamples},
            {QStringLiteral("worse"), row.worse}};
        if (row.kind == ComparisonRowKind::Statement)
            object.insert(QStringLiteral("statement"), qt(row.statement));
        rows.append(object);
    }
    root.insert(QStringLiteral("rows"), rows);
    QJsonArray findings;
    for (const FindingComparison &finding : comparison.findings) {
        const FindingSummary &latest = finding.latest();
        QJsonObject object{
            {QStringLiteral("status"), QLatin1String(findingStatusId(finding.status))},
            {QStringLiteral("detector"), QLatin1String(findingKindId(latest.key.kind))},
            {QStringLiteral("service"), qt(latest.key.service)},
            {QStringLiteral("operation"), qt(latest.key.operation)},
            {QStringLiteral("title"), qt(latest.title)},
            {QStringLiteral("worse"), finding.worse}};
        if (!latest.key.statement.empty())
            object.insert(QStringLiteral("statement"), qt(latest.key.statement));
        for (const auto &[side, summary] : {std::pair{QStringLiteral("before"), &finding.before},
                                            std::pair{QStringLiteral("after"), &finding.after}}) {
            object.insert(QStringLiteral("severity_") + side,
                          *summary
                              ? QJsonValue(QLatin1String(findingSeverityId((*summary)->severity)))
                              : QJsonValue(QJsonValue::Null));
            object.insert(QStringLiteral("cost_ms_per_request_") + side,
                          *summary ? QJsonValue(rounded((*summary)->costNsPerRequest / 1e6, 1000.0))
                                   : QJsonValue(QJsonValue::Null));
        }
        findings.append(object);
    }
    root.insert(QStringLiteral("findings"), findings);
    return QJsonDocument(root).toJson(QJsonDocument::Compact).toStdString();
}

std::string RunComparisonReportWriter::text(const RunComparisonReport &report)
{
    const RunComparison &comparison = report.comparison;
    QString out
        = QStringLiteral("before: %1 (%2 traces, %3 spans)\nafter:  %4 (%5 traces, %6 spans)\n")
              .arg(qt(report.beforeName))
              .arg(comparison.before.traceCount)
              .arg(comparison.before.spanCount)
              .arg(qt(report.afterName))
              .arg(comparison.after.traceCount)
              .arg(comparison.after.spanCount);
    out += comparison.worse ? QStringLiteral("\nWORSE (threshold %1%):\n")
                                  .arg(comparison.options.thresholdPercent)
                            : QStringLiteral("\nnot worse (threshold %1%)\n")
                                  .arg(comparison.options.thresholdPercent);
    for (const WorseReason &reason : comparison.reasons)
        out += QStringLiteral("  - %1\n").arg(qt(reason.description));

    if (!comparison.findings.empty()) {
        out += QStringLiteral("\nfindings:\n");
        for (const FindingComparison &finding : comparison.findings) {
            const FindingSummary &latest = finding.latest();
            out += QStringLiteral("  %1 [%2] %3\n")
                       .arg(QLatin1String(findingStatusId(finding.status)), -10)
                       .arg(QLatin1String(findingSeverityId(latest.severity)), qt(latest.title));
        }
    }

    QStringList lines;
    for (const ComparisonRow &row : comparison.rows) {
        if (!changed(row))
            continue;
        QString line = rowName(row);
        if (row.presence != RowPresence::Both)
            line += QStringLiteral(" [%1]").arg(QLatin1String(rowPresenceId(row.presence)));
        if (row.worse)
            line += QStringLiteral(" [worse]");
        line += QStringLiteral("\n      calls/request %1, p50 %2, p95 %3")
                    .arg(numberChange(row.callsPerRequest, 2), durationChange(row.p50Ns),
                         durationChange(row.p95Ns));
        // Error rates only where there were errors, so a healthy table stays short.
        if (row.errorRate.before != 0 || row.errorRate.after != 0)
            line += QStringLiteral(", error rate %1 → %2%3")
                        .arg(QString::fromStdString(formatShare(row.errorRate.before)),
                             QString::fromStdString(formatShare(row.errorRate.after)),
                             percentText(row.errorRate));
        lines << line;
    }
    if (!lines.isEmpty())
        out += QStringLiteral("\nchanges, largest impact first:\n") + lines.join(QLatin1Char('\n'))
               + QLatin1Char('\n');
    else
        out += QStringLiteral("\nno operation or statement changed\n");
    return out.toStdString();
}

} // namespace kansoku
