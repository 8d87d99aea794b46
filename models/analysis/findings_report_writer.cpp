#include "analysis/findings_report_writer.h"

#include "core/time_format.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace kansoku {

namespace {

QString qt(const std::string &text)
{
    return QString::fromStdString(text);
}

QJsonValue isoOrNull(std::int64_t timeNs, bool bounded)
{
    return bounded ? QJsonValue(formatIsoTimestampNs(timeNs)) : QJsonValue(QJsonValue::Null);
}

double milliseconds(double ns)
{
    // Three decimals: microsecond precision is what a person and a threshold need.
    return std::round(ns / 1000.0) / 1000.0;
}

double rounded(double share)
{
    return std::round(share * 10000.0) / 10000.0;
}

QJsonObject findingObject(const Finding &finding)
{
    QJsonObject object;
    object.insert(QStringLiteral("detector"), QLatin1String(findingKindId(finding.kind)));
    object.insert(QStringLiteral("title"), qt(finding.title));
    object.insert(QStringLiteral("severity"), QLatin1String(findingSeverityId(finding.severity)));
    object.insert(QStringLiteral("service"), qt(finding.service));
    object.insert(QStringLiteral("operation"), qt(finding.operation));
    if (!finding.statement.empty())
        object.insert(QStringLiteral("statement"), qt(finding.statement));
    object.insert(QStringLiteral("occurrences"), qint64(finding.occurrences));
    object.insert(QStringLiteral("traces"), qint64(finding.affectedTraces));
    object.insert(QStringLiteral("endpoint_traces"), qint64(finding.endpointTraces));
    object.insert(QStringLiteral("share_of_endpoint_traces"),
                  rounded(finding.shareOfEndpointTraces()));
    object.insert(QStringLiteral("cost_ms_per_request"), milliseconds(finding.costNsPerRequest));
    object.insert(QStringLiteral("total_cost_ms"), milliseconds(double(finding.totalCostNs)));
    object.insert(QStringLiteral("latency_share"), rounded(finding.latencyShare));
    QJsonArray examples;
    QJsonArray exampleSpans;
    for (const FindingExample &example : finding.examples) {
        examples.append(qt(toHex(example.traceId)));
        QJsonArray spanIds;
        for (const SpanId &spanId : example.spanIds)
            spanIds.append(qt(toHex(spanId)));
        exampleSpans.append(
            QJsonObject{{QStringLiteral("trace_id"), qt(toHex(example.traceId))},
                        {QStringLiteral("span_ids"), spanIds},
                        {QStringLiteral("cost_ms"), milliseconds(double(example.costNs))}});
    }
    object.insert(QStringLiteral("examples"), examples);
    object.insert(QStringLiteral("example_spans"), exampleSpans);
    object.insert(QStringLiteral("first_seen"),
                  isoOrNull(finding.range.startNs, finding.range.hasStart()));
    object.insert(QStringLiteral("last_seen"),
                  isoOrNull(finding.range.endNs, finding.range.hasEnd()));
    QJsonObject facts;
    for (const FindingFact &fact : finding.facts)
        facts.insert(qt(fact.label), qt(fact.value));
    object.insert(QStringLiteral("facts"), facts);
    object.insert(QStringLiteral("fix_hint"), qt(finding.fixHint));
    return object;
}

QString rangeText(const TimeRange &range)
{
    if (!range.hasStart() && !range.hasEnd())
        return QStringLiteral("all of it");
    return QStringLiteral("%1 .. %2")
        .arg(range.hasStart() ? formatIsoTimestampNs(range.startNs) : QStringLiteral("start"),
             range.hasEnd() ? formatIsoTimestampNs(range.endNs) : QStringLiteral("end"));
}

} // namespace

std::string FindingsReportWriter::json(const FindingsReport &report)
{
    QJsonObject root;
    root.insert(QStringLiteral("session"), qt(report.sessionPath));
    root.insert(
        QStringLiteral("range"),
        QJsonObject{
            {QStringLiteral("from"), isoOrNull(report.range.startNs, report.range.hasStart())},
            {QStringLiteral("to"), isoOrNull(report.range.endNs, report.range.hasEnd())}});
    root.insert(QStringLiteral("traces"), qint64(report.traceCount));
    root.insert(QStringLiteral("spans"), qint64(report.spanCount));
    QJsonArray findings;
    for (const Finding &finding : report.findings)
        findings.append(findingObject(finding));
    root.insert(QStringLiteral("findings"), findings);
    return QJsonDocument(root).toJson(QJsonDocument::Compact).toStdString();
}

std::string FindingsReportWriter::text(const FindingsReport &report)
{
    QString out
        = QStringLiteral("%1: %2 traces, %3 spans (%4): %5\n")
              .arg(qt(report.sessionPath))
              .arg(report.traceCount)
              .arg(report.spanCount)
              .arg(rangeText(report.range))
              .arg(report.findings.empty()
                       ? QStringLiteral("no findings")
                       : QStringLiteral("%1 finding%2")
                             .arg(report.findings.size())
                             .arg(report.findings.size() == 1 ? QString() : QStringLiteral("s")));
    int number = 0;
    for (const Finding &finding : report.findings) {
        out += QStringLiteral("\n%1. [%2] %3\n")
                   .arg(++number)
                   .arg(QLatin1String(findingSeverityId(finding.severity)), qt(finding.title));
        out += QStringLiteral("   %1 in %2 / %3\n")
                   .arg(QLatin1String(findingKindId(finding.kind)), qt(finding.service),
                        qt(finding.operation));
        if (!finding.statement.empty())
            out += QStringLiteral("   statement: %1\n").arg(qt(finding.statement));
        out += QStringLiteral("   %1 occurrences in %2 traces")
                   .arg(finding.occurrences)
                   .arg(finding.affectedTraces);
        if (finding.endpointTraces > 0)
            out += QStringLiteral(" (%1% of %2)")
                       .arg(std::round(finding.shareOfEndpointTraces() * 100.0))
                       .arg(finding.endpointTraces);
        out += QStringLiteral("; %1 per request, %2 in all, %3% of request latency\n")
                   .arg(formatDurationNs(std::int64_t(finding.costNsPerRequest)),
                        formatDurationNs(finding.totalCostNs))
                   .arg(std::round(finding.latencyShare * 100.0));
        for (const FindingFact &fact : finding.facts)
            out += QStringLiteral("   %1: %2\n").arg(qt(fact.label), qt(fact.value));
        if (finding.range.hasStart())
            out += QStringLiteral("   seen %1\n").arg(rangeText(finding.range));
        if (!finding.examples.empty()) {
            QStringList ids;
            for (const FindingExample &example : finding.examples)
                ids << qt(toHex(example.traceId));
            out += QStringLiteral("   examples: %1\n").arg(ids.join(QStringLiteral(", ")));
        }
        if (!finding.fixHint.empty())
            out += QStringLiteral("   fix: %1\n").arg(qt(finding.fixHint));
    }
    return out.toStdString();
}

} // namespace kansoku
