#include "view/metric_browser_model.h"

#include "analysis/metric_units.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace kansoku {

QString MetricEntry::key() const
{
    return service + QChar(0x1f) + QString::fromStdString(name) + QChar(0x1f)
           + QString::number(static_cast<int>(type));
}

MetricBrowserModel::MetricBrowserModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void MetricBrowserModel::setStreams(const std::vector<MetricStream> &streams)
{
    std::map<QString, std::map<std::pair<std::string, int>, MetricEntry>> grouped;
    for (const MetricStream &info : streams) {
        const QString service = QString::fromStdString(info.resource.serviceName());
        MetricEntry &entry = grouped[service][{info.name, static_cast<int>(info.type)}];
        if (entry.streams.empty()) {
            entry.service = service;
            entry.name = info.name;
            entry.description = info.description;
            entry.unit = info.unit;
            entry.type = info.type;
            entry.temporality = info.temporality;
            entry.isMonotonic = info.isMonotonic;
        }
        entry.streams.push_back(info);
    }
    beginResetModel();
    m_services.clear();
    for (auto &[service, metrics] : grouped) {
        ServiceNode node;
        node.name = service;
        for (auto &[key, entry] : metrics) {
            node.streamCount += static_cast<std::int64_t>(entry.streams.size());
            node.metrics.push_back(std::move(entry));
        }
        m_services.push_back(std::move(node));
    }
    endResetModel();
}

const MetricEntry *MetricBrowserModel::metricAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == 0)
        return nullptr;
    const ServiceNode &service = m_services.at(index.internalId() - 1);
    return &service.metrics.at(static_cast<std::size_t>(index.row()));
}

QModelIndex MetricBrowserModel::indexOfKey(const QString &key) const
{
    for (std::size_t s = 0; s < m_services.size(); ++s) {
        const std::vector<MetricEntry> &metrics = m_services[s].metrics;
        for (std::size_t m = 0; m < metrics.size(); ++m) {
            if (metrics[m].key() == key)
                return createIndex(static_cast<int>(m), 0, static_cast<quintptr>(s + 1));
        }
    }
    return {};
}

QModelIndex MetricBrowserModel::indexOfService(const QString &service) const
{
    for (std::size_t s = 0; s < m_services.size(); ++s) {
        if (m_services[s].name == service)
            return createIndex(static_cast<int>(s), 0, quintptr(0));
    }
    return {};
}

int MetricBrowserModel::metricCount() const
{
    int count = 0;
    for (const ServiceNode &service : m_services)
        count += static_cast<int>(service.metrics.size());
    return count;
}

QString MetricBrowserModel::typeText(MetricType type, AggregationTemporality temporality,
                                     bool isMonotonic)
{
    QString temporalityText;
    if (temporality == AggregationTemporality::Delta)
        temporalityText = tr("delta");
    else if (temporality == AggregationTemporality::Cumulative)
        temporalityText = tr("cumulative");
    auto withTemporality = [&temporalityText](const QString &text) -> QString {
        return temporalityText.isEmpty()
                   ? text
                   : text + QStringLiteral(" (") + temporalityText + QLatin1Char(')');
    };
    switch (type) {
    case MetricType::Gauge:
        return tr("gauge");
    case MetricType::Sum:
        return withTemporality(isMonotonic ? tr("counter") : tr("up-down counter"));
    case MetricType::Histogram:
        return withTemporality(tr("histogram"));
    case MetricType::ExponentialHistogram:
        return withTemporality(tr("exp. histogram"));
    case MetricType::Summary:
        return tr("summary");
    }
    return tr("unknown");
}

QModelIndex MetricBrowserModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid()) {
        if (row >= static_cast<int>(m_services.size()))
            return {};
        return createIndex(row, column, quintptr(0));
    }
    if (parent.internalId() != 0 || parent.row() >= static_cast<int>(m_services.size()))
        return {};
    if (row >= static_cast<int>(m_services[static_cast<std::size_t>(parent.row())].metrics.size()))
        return {};
    return createIndex(row, column, static_cast<quintptr>(parent.row() + 1));
}

QModelIndex MetricBrowserModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

int MetricBrowserModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_services.size());
    if (parent.column() != 0 || parent.internalId() != 0)
        return 0;
    return static_cast<int>(m_services.at(static_cast<std::size_t>(parent.row())).metrics.size());
}

int MetricBrowserModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant MetricBrowserModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    if (index.internalId() == 0) {
        const ServiceNode &service = m_services.at(static_cast<std::size_t>(index.row()));
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == NameColumn)
                return service.name;
            if (index.column() == StreamsColumn)
                return QVariant::fromValue(static_cast<qint64>(service.streamCount));
            return {};
        case Qt::TextAlignmentRole:
            if (index.column() == StreamsColumn)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case ServiceRole:
            return service.name;
        case MetricKeyRole:
            return QString();
        case Qt::ToolTipRole:
            return tr("%n metric(s)", nullptr, static_cast<int>(service.metrics.size()));
        default:
            return {};
        }
    }
    const MetricEntry &metric = *metricAt(index);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return QString::fromStdString(metric.name);
        case TypeColumn:
            return typeText(metric.type, metric.temporality, metric.isMonotonic);
        case UnitColumn: {
            const QString unit = QString::fromStdString(metric.unit);
            const QString described = MetricUnits::describe(unit);
            return described.isEmpty() ? unit : described;
        }
        case StreamsColumn:
            return QVariant::fromValue(static_cast<qint64>(metric.streams.size()));
        case DescriptionColumn:
            return QString::fromStdString(metric.description);
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        const QString description = QString::fromStdString(metric.description);
        const QString text
            = QString::fromStdString(metric.name) + QStringLiteral("\n")
              + typeText(metric.type, metric.temporality, metric.isMonotonic)
              + (metric.unit.empty() ? QString()
                                     : tr(", unit %1").arg(QString::fromStdString(metric.unit)))
              + (description.isEmpty() ? QString() : QStringLiteral("\n") + description);
        return text;
    }
    case Qt::TextAlignmentRole:
        if (index.column() == StreamsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case MetricKeyRole:
        return metric.key();
    case ServiceRole:
        return metric.service;
    default:
        return {};
    }
}

QVariant MetricBrowserModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Metric");
    case TypeColumn:
        return tr("Type");
    case UnitColumn:
        return tr("Unit");
    case StreamsColumn:
        return tr("Streams");
    case DescriptionColumn:
        return tr("Description");
    default:
        return {};
    }
}

} // namespace kansoku
