// The findings of one analysis as a table: severity, title, service, operation, detector,
// occurrences, affected traces (and their share of the endpoint's), cost per request, total cost.
// Holds the worker's immutable result and a row order over it: filtered by detector and service,
// sorted by any column (largest first on a numeric column's first click), by default in the
// analyzer's order (worst first). Display strings are made in data(). GUI thread.
#pragma once

#include "analysis/finding.h"

#include <QAbstractTableModel>
#include <QColor>
#include <memory>
#include <optional>
#include <vector>

namespace kansoku {

class FindingListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        SeverityColumn,
        TitleColumn,
        ServiceColumn,
        OperationColumn,
        DetectorColumn,
        OccurrencesColumn,
        TracesColumn,
        CostPerRequestColumn,
        TotalCostColumn,
        ColumnCount
    };
    enum Role {
        KindRole = Qt::UserRole + 1, // int, FindingKind
        SeverityRole                 // int, FindingSeverity (higher is worse)
    };

    explicit FindingListModel(QObject *parent = nullptr);

    // A new analysis (worst first): resets the rows; filters and sort order stay.
    void setFindings(std::shared_ptr<const std::vector<Finding>> findings);
    // nullopt shows every detector's findings.
    void setKindFilter(std::optional<FindingKind> kind);
    std::optional<FindingKind> kindFilter() const { return m_kindFilter; }
    // Findings of this service only (Finding::service); empty shows every service.
    void setServiceFilter(const QString &service);
    QString serviceFilter() const { return m_serviceFilter; }

    // Findings of the analysis, before any filter.
    int totalCount() const { return int(m_findings->size()); }
    // Findings of a detector (or of all, nullopt) that pass the service filter: the counts the
    // detector filter offers.
    int countFor(std::optional<FindingKind> kind) const;

    const Finding &finding(int row) const;
    // The row showing the same problem as `finding` (same detector, service, operation and
    // statement; its figures may have changed with new data), or -1.
    int rowOfSameProblem(const Finding &finding) const;

    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // column -1 is the analyzer's order. Equal values keep the analyzer's order, so severity
    // descending is exactly the default order. Persistent indexes move with their rows.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Names people read: "N+1", "Slow query", ...; "High", "Medium", ...
    static QString kindName(FindingKind kind);
    static QString kindDescription(FindingKind kind); // one sentence: what the detector finds
    static QString severityName(FindingSeverity severity);
    static QColor severityColor(FindingSeverity severity);
    static bool isSameProblem(const Finding &a, const Finding &b);
    // "40%", "<1%" for a share (0..1) that is not zero but rounds to it.
    static QString shareText(double share);
    // "40 of the 80 traces of GET /orders show it (50%)"; without the endpoint's count when
    // unknown.
    static QString tracesSentence(const Finding &finding);
    // "About 52 ms per affected request, 25% of its latency".
    static QString costSentence(const Finding &finding);

private:
    bool passesFilters(const Finding &finding) const;
    void rebuildRows();
    void sortRows(std::vector<int> &rows) const;
    QString displayText(const Finding &finding, int column) const;
    QString toolTip(const Finding &finding, int column) const;

    std::shared_ptr<const std::vector<Finding>> m_findings;
    std::vector<int> m_rows; // row → index into *m_findings
    std::optional<FindingKind> m_kindFilter;
    QString m_serviceFilter;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace kansoku
