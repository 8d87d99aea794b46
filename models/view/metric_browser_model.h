// The metric browser: a tree of service → metric (name, type, unit, stream count, description)
// built from TelemetryQueries::metricStreams() results; each metric row carries its streams.
// Whole results go in with a reset. GUI thread.
#pragma once

#include "core/telemetry_queries.h"

#include <QAbstractItemModel>

namespace kansoku {

// One metric of one service: the streams sharing its name and type.
struct MetricEntry
{
    QString service;
    std::string name;
    std::string description;
    std::string unit;
    MetricType type = MetricType::Gauge;
    AggregationTemporality temporality = AggregationTemporality::Unspecified;
    bool isMonotonic = false;
    std::vector<MetricStream> streams;

    // Identifies the metric across reloads: service, name and type.
    QString key() const;
};

class MetricBrowserModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        TypeColumn,
        UnitColumn,
        StreamsColumn,
        DescriptionColumn,
        ColumnCount
    };
    enum Role {
        MetricKeyRole = Qt::UserRole + 1, // MetricEntry::key(); empty on service rows
        ServiceRole,                      // the row's service name
    };

    explicit MetricBrowserModel(QObject *parent = nullptr);

    // Groups the streams by service (Resource::serviceName()) and metric; services and metrics
    // sorted by name.
    void setStreams(const std::vector<MetricStream> &streams);

    // nullptr for service rows and invalid indexes.
    const MetricEntry *metricAt(const QModelIndex &index) const;
    QModelIndex indexOfKey(const QString &key) const;
    QModelIndex indexOfService(const QString &service) const;
    int metricCount() const;

    // "counter (cumulative)", "up-down counter (delta)", "gauge", "histogram (delta)", …
    static QString typeText(MetricType type, AggregationTemporality temporality, bool isMonotonic);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct ServiceNode
    {
        QString name;
        std::vector<MetricEntry> metrics;
        std::int64_t streamCount = 0;
    };

    // Service rows have internal id 0; metric rows the 1-based row of their service.
    std::vector<ServiceNode> m_services;
};

} // namespace kansoku
