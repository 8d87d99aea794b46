#include "before_after_dialog.h"

#include "core/plural_count.h"
#include "formats/export_file.h"
#include "run_comparison_table.h"
#include "view/workbench_state.h"

#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace kansoku {

namespace {

constexpr std::int64_t minuteNs = 60'000'000'000;

QString findingLine(const FindingComparison &finding)
{
    const FindingSummary &summary = finding.latest();
    return QStringLiteral("%1 [%2]").arg(QString::fromStdString(summary.title),
                                         QLatin1String(findingSeverityId(summary.severity)));
}

QString runLine(const QString &side, const std::string &name, const RunTotals &totals)
{
    return BeforeAfterDialog::tr("%1: %2 — %3, %4")
        .arg(side, QString::fromStdString(name).toHtmlEscaped(),
             BeforeAfterDialog::tr("%Ln trace(s)", nullptr, pluralCount(totals.traceCount)),
             BeforeAfterDialog::tr("%Ln span(s)", nullptr, pluralCount(totals.spanCount)));
}

} // namespace

BeforeAfterDialog::BeforeAfterDialog(WorkbenchState *state, QWidget *parent)
    : QDialog(parent)
    , m_state(state)
{
    setObjectName(QStringLiteral("beforeAfterDialog"));
    setWindowTitle(tr("Before / after"));
    resize(1180, 720);

    m_before = new BeforeAfterSideBox(tr("Before"));
    m_before->setObjectName(QStringLiteral("beforeSide"));
    m_after = new BeforeAfterSideBox(tr("After"));
    m_after->setObjectName(QStringLiteral("afterSide"));
    for (BeforeAfterSideBox *box : {m_before, m_after}) {
        connect(box->currentRangeButton(), &QPushButton::clicked, this,
                [this, box] { box->setRange(m_state->displayRange()); });
    }

    m_threshold = new QDoubleSpinBox;
    m_threshold->setObjectName(QStringLiteral("thresholdBox"));
    m_threshold->setRange(0, 1000);
    m_threshold->setDecimals(1);
    m_threshold->setSuffix(QStringLiteral(" %"));
    m_threshold->setValue(RunComparisonOptions{}.thresholdPercent);
    m_threshold->setToolTip(tr("An operation or statement is worse when its p95 or its calls per "
                               "request grew by more than this"));
    m_compare = new QPushButton(tr("Compare"));
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_compare->setDefault(true);
    connect(m_compare, &QPushButton::clicked, this, &BeforeAfterDialog::compare);
    m_save = new QPushButton(tr("Save report…"));
    m_save->setObjectName(QStringLiteral("saveReportButton"));
    m_save->setEnabled(false);
    connect(m_save, &QPushButton::clicked, this, &BeforeAfterDialog::chooseReportFile);
    m_busyBar = new QProgressBar;
    m_busyBar->setRange(0, 0); // no figure to show: the analysis reports no progress
    m_busyBar->setMaximumWidth(120);
    m_busyBar->hide();
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("beforeAfterStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Verdict, rows and findings share the height by a splitter: a regression can come with a
    // dozen reasons and findings, and the table must stay readable beside them.
    m_verdict = new QTextBrowser;
    m_verdict->setObjectName(QStringLiteral("beforeAfterVerdict"));
    m_table = new RunComparisonTable;
    m_table->setToolTip(tr("Double-click a row to list its traces in the Traces pane"));
    connect(m_table, &RunComparisonTable::cellDoubleClicked, this,
            [this](int row) { showRowInTraces(row); });
    m_findings = new QTextBrowser;
    m_findings->setObjectName(QStringLiteral("beforeAfterFindings"));
    auto *results = new QSplitter(Qt::Vertical);
    results->addWidget(m_verdict);
    results->addWidget(m_table);
    results->addWidget(m_findings);
    results->setStretchFactor(1, 1);
    results->setSizes({150, 400, 130});

    auto *sides = new QHBoxLayout;
    sides->addWidget(m_before);
    sides->addWidget(m_after);
    auto *actions = new QHBoxLayout;
    actions->addWidget(new QLabel(tr("Worse above:")));
    actions->addWidget(m_threshold);
    actions->addWidget(m_compare);
    actions->addWidget(m_busyBar);
    actions->addWidget(m_status, 1);
    actions->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(sides);
    layout->addLayout(actions);
    layout->addWidget(results, 1);

    m_savePathProvider
        = [this](const QString &caption, const QString &suggestedPath, const QString &filter) {
              return QFileDialog::getSaveFileName(this, caption, suggestedPath, filter);
          };
}

void BeforeAfterDialog::setSessions(const QString &openSessionPath,
                                    const QStringList &recentSessions)
{
    m_before->setSessions(openSessionPath, recentSessions);
    m_after->setSessions(openSessionPath, recentSessions);
}

void BeforeAfterDialog::useDefaultRanges()
{
    TimeRange range = m_state->displayRange();
    if (!range.isBounded() || range.isEmpty()) {
        // No telemetry yet: the last half hour, so the edits show sensible times.
        const std::int64_t nowNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
        range = TimeRange{nowNs - 30 * minuteNs, nowNs};
    }
    const std::int64_t middleNs = range.startNs + (range.endNs - range.startNs) / 2;
    m_before->useThisSession(TimeRange{range.startNs, middleNs});
    m_after->useThisSession(TimeRange{middleNs, range.endNs});
}

void BeforeAfterDialog::setOpenPathProvider(const BeforeAfterSideBox::PathProvider &provider)
{
    m_before->setPathProvider(provider);
    m_after->setPathProvider(provider);
}

void BeforeAfterDialog::compare()
{
    BeforeAfterRequest request;
    request.before = m_before->side();
    request.after = m_after->side();
    request.thresholdPercent = m_threshold->value();
    for (const auto &[box, side] :
         {std::pair{m_before, request.before}, {m_after, request.after}}) {
        if (side.range.isEmpty()) {
            showError(tr("%1, %2: the range is empty — its end must be after its start.")
                          .arg(box->title(), box->sourceName()));
            return;
        }
    }
    setBusy(true);
    m_comparedBefore = request.before;
    m_comparedAfter = request.after;
    showStatus(tr("Comparing %1 with %2…").arg(m_before->sourceName(), m_after->sourceName()),
               false);
    Q_EMIT compareRequested(request);
}

void BeforeAfterDialog::showComparison(const RunComparisonReport &report)
{
    setBusy(false);
    m_report = report;
    const RunComparison &comparison = report.comparison;
    QString verdict;
    if (comparison.worse) {
        QStringList reasons;
        for (const WorseReason &reason : comparison.reasons)
            reasons << QStringLiteral("<li>%1</li>")
                           .arg(QString::fromStdString(reason.description).toHtmlEscaped());
        verdict = tr("<b style=\"color:#b3261e\">After is worse</b> (threshold %1%):<ul "
                     "style=\"margin:0\">%2</ul>")
                      .arg(comparison.options.thresholdPercent)
                      .arg(reasons.join(QString()));
    } else {
        verdict = tr("<b>After is not worse</b>: no operation's or statement's p95 or calls per "
                     "request grew by more than %1%, and no new finding.")
                      .arg(comparison.options.thresholdPercent);
    }
    verdict += QStringLiteral("<p><small>%1<br>%2</small></p>")
                   .arg(runLine(tr("Before"), report.beforeName, comparison.before),
                        runLine(tr("After"), report.afterName, comparison.after));
    m_verdict->setHtml(verdict);
    m_table->setRows(comparison.rows);

    QStringList fresh;
    QStringList persisting;
    QStringList fixed;
    for (const FindingComparison &finding : comparison.findings) {
        QStringList &list = finding.status == FindingStatus::New          ? fresh
                            : finding.status == FindingStatus::Persisting ? persisting
                                                                          : fixed;
        list << QStringLiteral("<li>%1</li>").arg(findingLine(finding).toHtmlEscaped());
    }
    QString findings;
    for (const auto &[heading, list] : {std::pair{tr("New findings"), fresh},
                                        {tr("Persisting"), persisting},
                                        {tr("Fixed"), fixed}}) {
        findings += list.isEmpty() ? tr("<p><b>%1</b>: none</p>").arg(heading)
                                   : QStringLiteral("<p><b>%1</b> (%2):</p><ul>%3</ul>")
                                         .arg(heading)
                                         .arg(list.size())
                                         .arg(list.join(QString()));
    }
    m_findings->setHtml(findings);
    m_save->setEnabled(true);
    showStatus(
        tr("Compared: %n operation and statement rows", nullptr, int(comparison.rows.size())),
        false);
    Q_EMIT comparisonShown(true);
}

void BeforeAfterDialog::showError(const QString &message)
{
    setBusy(false);
    // What was shown belongs to another question: no stale table or report to save.
    m_report.reset();
    m_verdict->clear();
    m_table->setRows({});
    m_findings->clear();
    m_save->setEnabled(false);
    showStatus(message, true);
    Q_EMIT comparisonShown(false);
}

void BeforeAfterDialog::saveReport(const QString &path)
{
    if (!m_report)
        return;
    // A newer run would supersede this one before it writes (BackgroundQuery): one save at a time.
    m_save->setEnabled(false);
    m_saveQuery.run(
        this,
        [report = *m_report, path] {
            const bool json = path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive);
            const std::string text = json ? RunComparisonReportWriter::json(report) + '\n'
                                          : RunComparisonReportWriter::text(report);
            ExportFile file(path);
            file.write(QByteArray::fromStdString(text));
            return file.finish();
        },
        [this](const ExportResult &result) {
            m_save->setEnabled(bool(m_report));
            const QString message
                = result.ok ? tr("Saved the report to %1").arg(result.path) : result.error;
            showStatus(message, !result.ok);
            Q_EMIT reportSaved(result.ok, message);
        });
}

void BeforeAfterDialog::showRowInTraces(int row)
{
    if (row < 0 || row >= m_table->rowCount())
        return;
    const ComparisonRow &comparisonRow = m_table->comparisonRow(row);
    // The range the dialog was last asked about, not what the edits say since.
    const BeforeAfterSide side
        = comparisonRow.presence == RowPresence::Vanished ? m_comparedBefore : m_comparedAfter;
    if (side.sessionPath.isEmpty() && side.range.isBounded())
        m_state->setCustomRange(side.range);
    m_state->setService(QString::fromStdString(comparisonRow.service));
    m_state->requestTraceOperation(QString::fromStdString(comparisonRow.operation));
    Q_EMIT tracesPaneWanted();
}

void BeforeAfterDialog::chooseReportFile()
{
    const QString path = m_savePathProvider(
        tr("Save before/after report"), QDir::home().filePath(QStringLiteral("before-after.txt")),
        tr("Text report (*.txt);;JSON report (*.json)"));
    if (!path.isEmpty())
        saveReport(path);
}

void BeforeAfterDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_busyBar->setVisible(busy);
}

void BeforeAfterDialog::showStatus(const QString &message, bool error)
{
    m_status->setStyleSheet(error ? QStringLiteral("color: #b3261e;") : QString());
    m_status->setText(message);
}

QString BeforeAfterDialog::verdictText() const
{
    return m_verdict->toPlainText();
}

QString BeforeAfterDialog::findingsText() const
{
    return m_findings->toPlainText();
}

QString BeforeAfterDialog::statusText() const
{
    return m_status->text();
}

} // namespace kansoku
