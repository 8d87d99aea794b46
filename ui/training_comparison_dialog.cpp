#include "training_comparison_dialog.h"

#include "core/time_format.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace kansoku {

namespace {

QString relative(const MetricChange &change)
{
    if (!change.changePercent)
        return {};
    return QStringLiteral(" (%1%2%)")
        .arg(*change.changePercent >= 0 ? QStringLiteral("+") : QStringLiteral("−"))
        .arg(std::abs(*change.changePercent), 0, 'f', 0);
}

QString endpointName(const ComparisonRow &row)
{
    return QStringLiteral("%1 (%2)").arg(QString::fromStdString(row.operation),
                                         QString::fromStdString(row.service));
}

} // namespace

TrainingComparisonDialog::TrainingComparisonDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("trainingComparison"));
    setWindowTitle(tr("Before and after the fix"));
    resize(960, 460);
    m_headline = new QLabel;
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table = new QTableWidget(0, 6);
    m_table->setHorizontalHeaderLabels({tr("Endpoint"), tr("Requests"), tr("p50"), tr("p95"),
                                        tr("Calls per request"), tr("Errors")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
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

    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < int(rows.size()); ++i) {
        const ComparisonRow &row = *rows[std::size_t(i)];
        const QStringList cells{
            endpointName(row),
            QStringLiteral("%1 → %2").arg(row.requestsBefore).arg(row.requestsAfter),
            durationChange(row.p50Ns),
            durationChange(row.p95Ns),
            numberChange(row.callsPerRequest),
            percentChange(row.errorRate)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (i == 0 && focus != rows.end()) {
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
            }
            m_table->setItem(i, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);

    m_headlineRow.reset();
    if (rows.empty()) {
        m_headline->setText(tr("Not enough requests on both sides of the fix yet: let the "
                               "scenario run a little longer, then compare again."));
    } else {
        const ComparisonRow &row = *rows.front();
        m_headlineRow = row;
        m_headline->setText(tr("<b>%1</b><br>p95 %2 · p50 %3 · calls per request %4 · errors %5<br>"
                               "<small>%6 requests before the fix, %7 after it.</small>")
                                .arg(endpointName(row).toHtmlEscaped(), durationChange(row.p95Ns),
                                     durationChange(row.p50Ns), numberChange(row.callsPerRequest),
                                     percentChange(row.errorRate))
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

QString TrainingComparisonDialog::durationChange(const MetricChange &change)
{
    return formatDurationNs(std::llround(change.before)) + QStringLiteral(" → ")
           + formatDurationNs(std::llround(change.after)) + relative(change);
}

QString TrainingComparisonDialog::numberChange(const MetricChange &change, int decimals)
{
    return QString::number(change.before, 'f', decimals) + QStringLiteral(" → ")
           + QString::number(change.after, 'f', decimals) + relative(change);
}

QString TrainingComparisonDialog::percentChange(const MetricChange &change)
{
    return QString::number(change.before * 100, 'f', 1) + QStringLiteral("% → ")
           + QString::number(change.after * 100, 'f', 1) + QStringLiteral("%");
}

} // namespace kansoku
