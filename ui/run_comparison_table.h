// The rows of a RunComparison as a read-only table: one line per operation or statement with each
// figure as "before → after (change)", the impact, and a mark for rows that appeared, vanished or
// made the verdict worse. Shared by the training's and the Analyze menu's before/after dialogs.
// GUI thread.
#pragma once

#include "analysis/run_comparison.h"

#include <QTableWidget>
#include <vector>

namespace kansoku {

class RunComparisonTable : public QTableWidget
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        RequestsColumn,
        P50Column,
        P95Column,
        CallsPerRequestColumn,
        ErrorRateColumn,
        TimePerRequestColumn,
        ImpactColumn,
        MarkColumn,
        ColumnCount
    };

    explicit RunComparisonTable(QWidget *parent = nullptr);

    // The rows in the order given; emphasizedRow (an index into rows, -1 for none) is bold.
    void setRows(std::vector<ComparisonRow> rows, int emphasizedRow = -1);
    const ComparisonRow &comparisonRow(int row) const { return m_rows.at(std::size_t(row)); }

    // "GET /orders (shop)"; a statement row: "GET /orders (shop) › `SELECT …`".
    static QString rowName(const ComparisonRow &row);
    // "worse", "appeared", "vanished", "appeared, worse"…; empty for an unremarkable row.
    static QString markText(const ComparisonRow &row);
    // "120 ms → 15.2 ms (−87%)" for durations; "14.2 → 3.00 (−79%)" for counts.
    static QString durationChange(const MetricChange &change);
    static QString numberChange(const MetricChange &change, int decimals = 2);
    static QString percentChange(const MetricChange &change); // of rates 0..1, in percent

private:
    std::vector<ComparisonRow> m_rows;
};

} // namespace kansoku
