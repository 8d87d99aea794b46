#include "view/finding_list_model.h"

#include "core/plural_count.h"
#include "core/time_format.h"

#include <QLocale>
#include <algorithm>
#include <cmath>

namespace kansoku {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

QString costText(double ns)
{
    return formatDurationNs(std::llround(ns));
}

QString noCost()
{
    return QStringLiteral("—");
}

template<typename T>
int threeWay(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

// Negative, zero or positive as a sorts before, with or after b in the column, ascending.
int compareColumn(const Finding &a, const Finding &b, int column)
{
    switch (column) {
    case FindingListModel::SeverityColumn:
        return threeWay(int(a.severity), int(b.severity));
    case FindingListModel::TitleColumn:
        return QString::localeAwareCompare(fromStd(a.title), fromStd(b.title));
    case FindingListModel::ServiceColumn:
        return QString::localeAwareCompare(fromStd(a.service), fromStd(b.service));
    case FindingListModel::OperationColumn:
        return QString::localeAwareCompare(fromStd(a.operation), fromStd(b.operation));
    case FindingListModel::DetectorColumn:
        return QString::localeAwareCompare(FindingListModel::kindName(a.kind),
                                           FindingListModel::kindName(b.kind));
    case FindingListModel::OccurrencesColumn:
        return threeWay(a.occurrences, b.occurrences);
    case FindingListModel::TracesColumn:
        return threeWay(a.affectedTraces, b.affectedTraces);
    case FindingListModel::CostPerRequestColumn:
        return threeWay(a.costNsPerRequest, b.costNsPerRequest);
    case FindingListModel::TotalCostColumn:
        return threeWay(a.totalCostNs, b.totalCostNs);
    default:
        return 0;
    }
}

bool isNumericColumn(int column)
{
    switch (column) {
    case FindingListModel::SeverityColumn:
    case FindingListModel::OccurrencesColumn:
    case FindingListModel::TracesColumn:
    case FindingListModel::CostPerRequestColumn:
    case FindingListModel::TotalCostColumn:
        return true;
    default:
        return false;
    }
}

} // namespace

FindingListModel::FindingListModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_findings(std::make_shared<const std::vector<Finding>>())
{}

void FindingListModel::setFindings(std::shared_ptr<const std::vector<Finding>> findings)
{
    beginResetModel();
    m_findings = findings ? std::move(findings) : std::make_shared<const std::vector<Finding>>();
    rebuildRows();
    endResetModel();
}

void FindingListModel::setKindFilter(std::optional<FindingKind> kind)
{
    if (kind == m_kindFilter)
        return;
    beginResetModel();
    m_kindFilter = kind;
    rebuildRows();
    endResetModel();
}

void FindingListModel::setServiceFilter(const QString &service)
{
    if (service == m_serviceFilter)
        return;
    beginResetModel();
    m_serviceFilter = service;
    rebuildRows();
    endResetModel();
}

bool FindingListModel::passesFilters(const Finding &finding) const
{
    if (m_kindFilter && finding.kind != *m_kindFilter)
        return false;
    return m_serviceFilter.isEmpty() || fromStd(finding.service) == m_serviceFilter;
}

void FindingListModel::rebuildRows()
{
    m_rows.clear();
    for (std::size_t i = 0; i < m_findings->size(); ++i) {
        if (passesFilters((*m_findings)[i]))
            m_rows.push_back(int(i));
    }
    sortRows(m_rows);
}

int FindingListModel::countFor(std::optional<FindingKind> kind) const
{
    return int(std::count_if(m_findings->begin(), m_findings->end(), [&](const Finding &finding) {
        return (!kind || finding.kind == *kind)
               && (m_serviceFilter.isEmpty() || fromStd(finding.service) == m_serviceFilter);
    }));
}

const Finding &FindingListModel::finding(int row) const
{
    return (*m_findings)[std::size_t(m_rows.at(std::size_t(row)))];
}

bool FindingListModel::isSameProblem(const Finding &a, const Finding &b)
{
    return a.kind == b.kind && a.service == b.service && a.operation == b.operation
           && a.statement == b.statement;
}

int FindingListModel::rowOfSameProblem(const Finding &finding) const
{
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        if (isSameProblem((*m_findings)[std::size_t(m_rows[row])], finding))
            return int(row);
    }
    return -1;
}

int FindingListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FindingListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Finding &item = finding(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayText(item, column);
    case Qt::ToolTipRole:
        return toolTip(item, column);
    case Qt::TextAlignmentRole:
        if (isNumericColumn(column) && column != SeverityColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DecorationRole:
        if (column == SeverityColumn)
            return severityColor(item.severity);
        return {};
    case KindRole:
        return int(item.kind);
    case SeverityRole:
        return int(item.severity);
    default:
        return {};
    }
}

QString FindingListModel::displayText(const Finding &finding, int column) const
{
    switch (column) {
    case SeverityColumn:
        return severityName(finding.severity);
    case TitleColumn:
        return fromStd(finding.title);
    case ServiceColumn:
        return fromStd(finding.service);
    case OperationColumn:
        return fromStd(finding.operation);
    case DetectorColumn:
        return kindName(finding.kind);
    case OccurrencesColumn:
        return QLocale().toString(qint64(finding.occurrences));
    case TracesColumn: {
        const QString affected = QLocale().toString(qint64(finding.affectedTraces));
        if (finding.endpointTraces <= 0)
            return affected;
        return affected + QStringLiteral(" · ") + shareText(finding.shareOfEndpointTraces());
    }
    // A finding that costs no time (a traffic spike) shows a dash rather than "0 ns".
    case CostPerRequestColumn:
        return finding.costNsPerRequest > 0 ? costText(finding.costNsPerRequest) : noCost();
    case TotalCostColumn:
        return finding.totalCostNs > 0 ? formatDurationNs(finding.totalCostNs) : noCost();
    default:
        return {};
    }
}

QString FindingListModel::toolTip(const Finding &finding, int column) const
{
    switch (column) {
    case SeverityColumn:
        return tr("%1 — from the cost per request and its share of the requests' latency")
            .arg(severityName(finding.severity));
    case TitleColumn:
        // Rich text, so Qt wraps the long title and hint.
        return QStringLiteral("<p><b>%1</b></p><p>%2</p>")
            .arg(fromStd(finding.title).toHtmlEscaped(), fromStd(finding.fixHint).toHtmlEscaped());
    case DetectorColumn:
        return kindDescription(finding.kind);
    case OccurrencesColumn:
        return tr("Happened %Ln time(s)", nullptr, pluralCount(finding.occurrences));
    case TracesColumn:
        return tracesSentence(finding);
    case CostPerRequestColumn:
        return costSentence(finding);
    case TotalCostColumn:
        return tr("%1 over all %Ln affected trace(s)", nullptr, pluralCount(finding.affectedTraces))
            .arg(formatDurationNs(finding.totalCostNs));
    default:
        return displayText(finding, column);
    }
}

QVariant FindingListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::InitialSortOrderRole)
        return isNumericColumn(section) ? Qt::DescendingOrder : Qt::AscendingOrder;
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(
            (isNumericColumn(section) && section != SeverityColumn ? Qt::AlignRight : Qt::AlignLeft)
            | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case TracesColumn:
            return tr("Traces that show it, and their share of the endpoint's traces");
        case CostPerRequestColumn:
            return tr("Time it costs an affected request");
        case TotalCostColumn:
            return tr("Time it cost over all affected requests");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case TitleColumn:
        return tr("Finding");
    case ServiceColumn:
        return tr("Service");
    case OperationColumn:
        return tr("Operation");
    case DetectorColumn:
        return tr("Detector");
    case OccurrencesColumn:
        return tr("Occurrences");
    case TracesColumn:
        return tr("Traces");
    case CostPerRequestColumn:
        return tr("Per request");
    case TotalCostColumn:
        return tr("Total");
    default:
        return {};
    }
}

void FindingListModel::sortRows(std::vector<int> &rows) const
{
    const std::vector<Finding> &findings = *m_findings;
    const int column = m_sortColumn;
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    // Ties (and column -1) keep the analyzer's order: index ascending, whatever the direction.
    std::sort(rows.begin(), rows.end(), [&](int a, int b) {
        const int order = column < 0 ? 0
                                     : compareColumn(findings[std::size_t(a)],
                                                     findings[std::size_t(b)], column);
        if (order != 0)
            return descending ? order > 0 : order < 0;
        return a < b;
    });
}

void FindingListModel::sort(int column, Qt::SortOrder order)
{
    if (column >= ColumnCount)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    m_sortColumn = column;
    m_sortOrder = order;
    std::vector<int> sorted = m_rows;
    sortRows(sorted);
    std::vector<int> newRowOf(m_findings->size(), -1); // finding index → new row
    for (std::size_t row = 0; row < sorted.size(); ++row)
        newRowOf[std::size_t(sorted[row])] = int(row);
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &index : from)
        to.append(
            createIndex(newRowOf[std::size_t(m_rows[std::size_t(index.row())])], index.column()));
    m_rows = std::move(sorted);
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

QString FindingListModel::shareText(double share)
{
    const double percent = share * 100.0;
    if (percent > 0 && percent < 0.5)
        return QStringLiteral("<1%");
    return QStringLiteral("%1%").arg(std::llround(percent));
}

QString FindingListModel::tracesSentence(const Finding &finding)
{
    const int affected = pluralCount(finding.affectedTraces);
    if (finding.endpointTraces <= 0)
        return tr("%Ln trace(s) show it", nullptr, affected);
    if (finding.endpointTraces == 1 && finding.affectedTraces == 1)
        return tr("The one trace of %1 shows it").arg(fromStd(finding.operation));
    // The verb follows the affected traces: "1 of the 80 traces … shows it".
    return tr("%Ln of the %1 traces of %2 show it (%3)", nullptr, affected)
        .arg(QLocale().toString(qint64(finding.endpointTraces)), fromStd(finding.operation),
             shareText(finding.shareOfEndpointTraces()));
}

QString FindingListModel::costSentence(const Finding &finding)
{
    return tr("About %1 per affected request, %2 of its latency")
        .arg(costText(finding.costNsPerRequest), shareText(finding.latencyShare));
}

QString FindingListModel::kindName(FindingKind kind)
{
    switch (kind) {
    case FindingKind::NPlusOne:
        return tr("N+1");
    case FindingKind::RedundantCall:
        return tr("Redundant call");
    case FindingKind::SlowQuery:
        return tr("Slow query");
    case FindingKind::LockWait:
        return tr("Lock wait");
    case FindingKind::VersionRegression:
        return tr("Version regression");
    case FindingKind::ErrorHotspot:
        return tr("Error hotspot");
    case FindingKind::TrafficSpike:
        return tr("Traffic spike");
    case FindingKind::FanOut:
        return tr("Fan-out");
    case FindingKind::ConnectStall:
        return tr("Connect stall");
    case FindingKind::StartDelay:
        return tr("Start delay");
    }
    return QString::fromLatin1(findingKindId(kind));
}

QString FindingListModel::kindDescription(FindingKind kind)
{
    switch (kind) {
    case FindingKind::NPlusOne:
        return tr("The same statement or call run again and again, one after another, under one "
                  "parent span");
    case FindingKind::RedundantCall:
        return tr("The identical call, with identical parameters, repeated within one trace");
    case FindingKind::SlowQuery:
        return tr("A statement or call that is slow or takes most of its requests' latency");
    case FindingKind::LockWait:
        return tr("Calls that queue behind each other or wait far longer than usual: a likely "
                  "lock");
    case FindingKind::VersionRegression:
        return tr("One version of a service markedly slower or failing more than the others");
    case FindingKind::ErrorHotspot:
        return tr("Errors of one service, operation and exception type");
    case FindingKind::TrafficSpike:
        return tr("A request rate far above its trailing baseline");
    case FindingKind::FanOut:
        return tr("A span with many direct children calling the same downstream service");
    case FindingKind::ConnectStall:
        return tr("Connects that take just over 1, 3, 7 or 15 s: SYN retransmits, the server's "
                  "listen queue is full");
    case FindingKind::StartDelay:
        return tr("Work that starts long after its parent with nothing running in between: "
                  "waiting to be scheduled or picked from a queue");
    }
    return {};
}

QString FindingListModel::severityName(FindingSeverity severity)
{
    switch (severity) {
    case FindingSeverity::Info:
        return tr("Info");
    case FindingSeverity::Low:
        return tr("Low");
    case FindingSeverity::Medium:
        return tr("Medium");
    case FindingSeverity::High:
        return tr("High");
    }
    return {};
}

QColor FindingListModel::severityColor(FindingSeverity severity)
{
    switch (severity) {
    case FindingSeverity::Info:
        return QColor(0x8c, 0x8c, 0x8c);
    case FindingSeverity::Low:
        return QColor(0x3b, 0x82, 0xc4);
    case FindingSeverity::Medium:
        return QColor(0xe8, 0x9a, 0x0c);
    case FindingSeverity::High:
        return QColor(0xd6, 0x27, 0x28);
    }
    return {};
}

} // namespace kansoku
