// The dashboards a session offers (DashboardCatalog::offered()), one row each: its title with
// the host or service, the charts it draws, its description as tooltip. Whole results go in
// with a reset. GUI thread.
#pragma once

#include "analysis/dashboard_catalog.h"

#include <QAbstractListModel>

namespace kansoku {

class DashboardListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        KeyRole = Qt::UserRole + 1, // OfferedDashboard::key()
        ChartCountRole,             // how many charts it draws
    };

    explicit DashboardListModel(QObject *parent = nullptr);

    void setDashboards(std::vector<OfferedDashboard> dashboards);
    const std::vector<OfferedDashboard> &dashboards() const { return m_dashboards; }
    // nullptr for an invalid index.
    const OfferedDashboard *dashboardAt(const QModelIndex &index) const;
    // The row of the dashboard with this key; -1 when it is not offered.
    int rowOfKey(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    std::vector<OfferedDashboard> m_dashboards;
};

} // namespace kansoku
