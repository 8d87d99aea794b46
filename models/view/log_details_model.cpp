#include "view/log_details_model.h"

#include "core/log_severity.h"

#include <QDateTime>
#include <QFont>

namespace kansoku {

namespace {

QString timeText(std::int64_t timeNs)
{
    if (timeNs == 0)
        return LogDetailsModel::tr("unset");
    const std::int64_t nanos = ((timeNs % 1'000'000'000) + 1'000'000'000) % 1'000'000'000;
    return QDateTime::fromMSecsSinceEpoch(timeNs / 1'000'000)
               .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
           + QStringLiteral(".%1").arg(nanos, 9, 10, QLatin1Char('0'));
}

// A long value would make an unreadable one-line summary: it is cut at 300 characters (a nested
// value's children show all of it).
QString elided(QString value)
{
    if (value.size() > 300)
        value = value.left(300) + QChar(0x2026);
    return value;
}

} // namespace

LogDetailsModel::LogDetailsModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_attributes([this](int parentNode, const AttributeTreeBuilder::Row &row) {
        return addNode(parentNode, row.key, elided(row.value), row.type);
    })
{}

int LogDetailsModel::addNode(int parent, QString name, QString value, QString type, bool isSection)
{
    Node node;
    node.name = std::move(name);
    node.value = std::move(value);
    node.type = std::move(type);
    node.parent = parent;
    node.isSection = isSection;
    const int id = static_cast<int>(m_nodes.size());
    std::vector<int> &siblings = parent < 0 ? m_topLevel : m_nodes[parent].children;
    node.row = static_cast<int>(siblings.size());
    siblings.push_back(id);
    m_nodes.push_back(std::move(node));
    return id;
}

void LogDetailsModel::clear()
{
    beginResetModel();
    m_nodes.clear();
    m_topLevel.clear();
    endResetModel();
}

void LogDetailsModel::setLog(const StoredLog &log)
{
    beginResetModel();
    m_nodes.clear();
    m_topLevel.clear();
    const LogRecord &record = log.record;

    const int fields = addNode(-1, tr("Log"), {}, {}, true);
    const QString severityName = LogSeverity::shortName(record.severityNumber);
    addNode(fields, tr("severity"),
            QStringLiteral("%1 (%2)")
                .arg(severityName.isEmpty() ? QStringLiteral("UNSPECIFIED") : severityName)
                .arg(record.severityNumber),
            QStringLiteral("number"));
    addNode(fields, tr("severity text"), QString::fromStdString(record.severityText),
            QStringLiteral("string"));
    addNode(fields, tr("time"), timeText(record.timeNs), QStringLiteral("time"));
    addNode(fields, tr("observed time"), timeText(record.observedTimeNs), QStringLiteral("time"));
    addNode(fields, tr("trace id"),
            record.traceId.isZero() ? QString() : QString::fromStdString(toHex(record.traceId)),
            QStringLiteral("id"));
    addNode(fields, tr("span id"),
            record.spanId.isZero() ? QString() : QString::fromStdString(toHex(record.spanId)),
            QStringLiteral("id"));
    if (!record.eventName.empty())
        addNode(fields, tr("event name"), QString::fromStdString(record.eventName),
                QStringLiteral("string"));
    addNode(fields, tr("flags"),
            QStringLiteral("0x%1%2")
                .arg(record.flags, 2, 16, QLatin1Char('0'))
                .arg((record.flags & 0x1) ? tr(" (sampled)") : QString()),
            QStringLiteral("uint32"));
    if (record.droppedAttributesCount > 0)
        addNode(fields, tr("dropped attributes"), QString::number(record.droppedAttributesCount),
                QStringLiteral("uint32"));
    addNode(fields, tr("storage row"), QString::number(log.rowId), QStringLiteral("int"));

    const int attributes
        = addNode(-1, tr("Attributes"), QString::number(record.attributes.size()), {}, true);
    m_attributes.addAttributes(attributes, record.attributes);

    const int resource
        = addNode(-1, tr("Resource"), QString::fromStdString(log.resource.serviceName()), {}, true);
    m_attributes.addAttributes(resource, log.resource.attributes);
    if (!log.resourceSchemaUrl.empty())
        addNode(resource, tr("schema url"), QString::fromStdString(log.resourceSchemaUrl),
                QStringLiteral("string"));

    const int scope = addNode(-1, tr("Scope"), QString::fromStdString(log.scope.name), {}, true);
    addNode(scope, tr("name"), QString::fromStdString(log.scope.name), QStringLiteral("string"));
    addNode(scope, tr("version"), QString::fromStdString(log.scope.version),
            QStringLiteral("string"));
    m_attributes.addAttributes(scope, log.scope.attributes);
    if (!log.scopeSchemaUrl.empty())
        addNode(scope, tr("schema url"), QString::fromStdString(log.scopeSchemaUrl),
                QStringLiteral("string"));
    endResetModel();
}

QModelIndex LogDetailsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const std::vector<int> *siblings = &m_topLevel;
    if (parent.isValid())
        siblings = &m_nodes[static_cast<std::size_t>(parent.internalId())].children;
    if (row >= static_cast<int>(siblings->size()))
        return {};
    return createIndex(row, column, static_cast<quintptr>((*siblings)[row]));
}

QModelIndex LogDetailsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int parentId = m_nodes[static_cast<std::size_t>(child.internalId())].parent;
    if (parentId < 0)
        return {};
    return createIndex(m_nodes[parentId].row, 0, static_cast<quintptr>(parentId));
}

int LogDetailsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_topLevel.size());
    if (parent.column() != 0)
        return 0;
    return static_cast<int>(m_nodes[static_cast<std::size_t>(parent.internalId())].children.size());
}

int LogDetailsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant LogDetailsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node &node = m_nodes[static_cast<std::size_t>(index.internalId())];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Qt::EditRole) {
        switch (index.column()) {
        case NameColumn:
            return node.name;
        case ValueColumn:
            return node.value;
        case TypeColumn:
            return node.type;
        default:
            return {};
        }
    }
    if (role == Qt::FontRole && node.isSection) {
        QFont font;
        font.setBold(true);
        return font;
    }
    return {};
}

QVariant LogDetailsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    default:
        return {};
    }
}

} // namespace kansoku
