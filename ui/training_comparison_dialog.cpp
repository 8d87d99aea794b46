#include "training_comparison_dialog.h"

#include "run_comparison_table.h"

#include <QLabel>
#include <QVBoxLayout>

namespace kansoku {

TrainingComparisonDialog::TrainingComparisonDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("trainingComparison"));
    setWindowTitle(tr("Before and after the fix"));
    resize(960, 460);
    m_headline = new QLabel;
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table = new RunComparisonTable;
    m_findings = new QLabel;
    m_findings->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_findings);
}

void TrainingComparisonDialog::setComparison(const RunComparison &comparison,
                                             const std::string &focusService,
                                             const std::string &focusOperation)
{
    std::vector<const ComparisonRow *> rows;
    for (const ComparisonRow &row : comparison.rows) {
        if (row.kind == ComparisonRowKind::Operation && row.presence == RowPresence::Both)
            rows.push_back(&row);
    }
    // The incident's endpoint first; the rest stay in impact order.
    const auto focus = std::find_if(rows.begin(), rows.end(), [&](const ComparisonRow *row) {
        return row->service == focusService
               && (focusOperation.empty() || row->operation == focusOperation);
    });
    if (focus != rows.end())
        std::rotate(rows.begin(), focus, focus + 1);

    std::vector<ComparisonRow> tableRows;
    tableRows.reserve(rows.size());
    for (const ComparisonRow *row : rows)
        tableRows.push_back(*row);
    m_table->setRows(std::move(tableRows), focus != rows.end() ? 0 : -1);

    m_headlineRow.reset();
    if (rows.empty()) {
        m_headline->setText(tr("Not enough requests on both sides of the fix yet: let the "
                               "scenario run a little longer, then compare again."));
    } else {
        const ComparisonRow &row = *rows.front();
        m_headlineRow = row;
        m_headline->setText(tr("<b>%1</b><br>p95 %2 · p50 %3 · calls per request %4 · errors %5<br>"
                               "<small>%6 requests before the fix, %7 after it.</small>")
                                .arg(RunComparisonTable::rowName(row).toHtmlEscaped(),
                                     RunComparisonTable::durationChange(row.p95Ns),
                                     RunComparisonTable::durationChange(row.p50Ns),
                                     RunComparisonTable::numberChange(row.callsPerRequest),
                                     RunComparisonTable::percentChange(row.errorRate))
                                .arg(row.requestsBefore)
                                .arg(row.requestsAfter));
    }

    QStringList fixed;
    QStringList persisting;
    for (const FindingComparison &finding : comparison.findings) {
        if (finding.latest().severity <= FindingSeverity::Info)
            continue;
        const QString title = QString::fromStdString(finding.latest().title);
        if (finding.status == FindingStatus::Fixed)
            fixed << title;
        else
            persisting << title;
    }
    QString text = fixed.isEmpty()
                       ? tr("No finding went away.")
                       : tr("Gone after the fix: %1").arg(fixed.join(QStringLiteral("; ")));
    if (!persisting.isEmpty())
        text
            += QLatin1Char('\n') + tr("Still found: %1").arg(persisting.join(QStringLiteral("; ")));
    m_findings->setText(text);
}

QString TrainingComparisonDialog::headlineText() const
{
    return m_headline->text();
}

QString TrainingComparisonDialog::findingsText() const
{
    return m_findings->text();
}

} // namespace kansoku
