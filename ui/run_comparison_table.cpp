#include "run_comparison_table.h"

#include "core/time_format.h"

#include <QColor>
#include <QHeaderView>
#include <cmath>

namespace kansoku {

namespace {

QString relative(const MetricChange &change)
{
    if (!change.changePercent)
        return {};
    // Signed by the whole percent shown: −0.4% reads "+0%", not "−0%".
    const double percent = std::round(*change.changePercent);
    return QStringLiteral(" (%1%2%)")
        .arg(percent >= 0 ? QStringLiteral("+") : QStringLiteral("−"))
        .arg(std::abs(percent), 0, 'f', 0);
}

// The time the change adds (+) or saves (−) over a run; impactNs itself has no sign.
QString impactText(const ComparisonRow &row)
{
    if (row.impactNs < 1)
        return QStringLiteral("0");
    const QString sign
        = row.timePerRequestNs.change >= 0 ? QStringLiteral("+") : QStringLiteral("−");
    return sign + formatDurationNs(std::llround(row.impactNs));
}

} // namespace

RunComparisonTable::RunComparisonTable(QWidget *parent)
    : QTableWidget(0, ColumnCount, parent)
{
    setObjectName(QStringLiteral("runComparisonTable"));
    setHorizontalHeaderLabels({tr("Operation / statement"), tr("Requests"), tr("p50"), tr("p95"),
                               tr("Calls per request"), tr("Errors"), tr("Time per request"),
                               tr("Impact"), QString()});
    horizontalHeaderItem(ImpactColumn)
        ->setToolTip(tr("The time the change adds (+) or saves (−) over the larger run: the change "
                        "in time per request times its requests. Rows are sorted by it."));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setWordWrap(false);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
}

void RunComparisonTable::setRows(std::vector<ComparisonRow> rows, int emphasizedRow)
{
    m_rows = std::move(rows);
    setRowCount(int(m_rows.size()));
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const ComparisonRow &row = m_rows[std::size_t(i)];
        const QStringList cells{
            rowName(row),
            QStringLiteral("%1 → %2").arg(row.requestsBefore).arg(row.requestsAfter),
            durationChange(row.p50Ns),
            durationChange(row.p95Ns),
            numberChange(row.callsPerRequest),
            percentChange(row.errorRate),
            durationChange(row.timePerRequestNs),
            impactText(row),
            markText(row)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            QFont font = item->font();
            font.setBold(i == emphasizedRow || (column == MarkColumn && row.worse));
            // A vanished row's "after" figures are zeros of a row that is not there any more.
            font.setItalic(row.presence == RowPresence::Vanished);
            item->setFont(font);
            if (column == MarkColumn && row.worse)
                item->setForeground(QColor(0xb3, 0x26, 0x1e));
            if (column == NameColumn)
                item->setToolTip(row.statement.empty() ? cells.at(column)
                                                       : QString::fromStdString(row.statement));
            setItem(i, column, item);
        }
    }
    resizeColumnsToContents();
    horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
}

QString RunComparisonTable::rowName(const ComparisonRow &row)
{
    const QString endpoint = QStringLiteral("%1 (%2)").arg(QString::fromStdString(row.operation),
                                                           QString::fromStdString(row.service));
    if (row.kind == ComparisonRowKind::Operation)
        return endpoint;
    // The endpoint first: a long statement is elided, its endpoint stays readable.
    return tr("%1 › `%2`").arg(endpoint, QString::fromStdString(row.statement));
}

QString RunComparisonTable::markText(const ComparisonRow &row)
{
    QStringList marks;
    if (row.presence == RowPresence::Appeared)
        marks << tr("appeared");
    else if (row.presence == RowPresence::Vanished)
        marks << tr("vanished");
    if (row.worse)
        marks << tr("worse");
    return marks.join(QStringLiteral(", "));
}

QString RunComparisonTable::durationChange(const MetricChange &change)
{
    return formatDurationNs(std::llround(change.before)) + QStringLiteral(" → ")
           + formatDurationNs(std::llround(change.after)) + relative(change);
}

QString RunComparisonTable::numberChange(const MetricChange &change, int decimals)
{
    return QString::number(change.before, 'f', decimals) + QStringLiteral(" → ")
           + QString::number(change.after, 'f', decimals) + relative(change);
}

QString RunComparisonTable::percentChange(const MetricChange &change)
{
    return QString::number(change.before * 100, 'f', 1) + QStringLiteral("% → ")
           + QString::number(change.after * 100, 'f', 1) + QStringLiteral("%");
}

} // namespace kansoku
