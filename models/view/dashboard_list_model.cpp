#include "view/dashboard_list_model.h"

namespace kansoku {

DashboardListModel::DashboardListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void DashboardListModel::setDashboards(std::vector<OfferedDashboard> dashboards)
{
    beginResetModel();
    m_dashboards = std::move(dashboards);
    endResetModel();
}

const OfferedDashboard *DashboardListModel::dashboardAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount())
        return nullptr;
    return &m_dashboards[static_cast<std::size_t>(index.row())];
}

int DashboardListModel::rowOfKey(const QString &key) const
{
    for (std::size_t row = 0; row < m_dashboards.size(); ++row) {
        if (m_dashboards[row].key() == key)
            return static_cast<int>(row);
    }
    return -1;
}

int DashboardListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_dashboards.size());
}

QVariant DashboardListModel::data(const QModelIndex &index, int role) const
{
    const OfferedDashboard *offered = dashboardAt(index);
    if (!offered)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return offered->title();
    case Qt::ToolTipRole:
        return QString(offered->dashboard->description + QLatin1Char('\n')
                       + tr("%n chart(s)", nullptr, static_cast<int>(offered->charts.size())));
    case KeyRole:
        return offered->key();
    case ChartCountRole:
        return static_cast<int>(offered->charts.size());
    default:
        return {};
    }
}

} // namespace kansoku
