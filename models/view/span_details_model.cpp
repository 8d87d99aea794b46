#include "view/span_details_model.h"

#include "core/plural_count.h"
#include "core/time_format.h"

namespace kansoku {

static QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

QString SpanDetailsModel::kindName(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Unspecified:
        return QStringLiteral("Unspecified");
    case SpanKind::Internal:
        return QStringLiteral("Internal");
    case SpanKind::Server:
        return QStringLiteral("Server");
    case SpanKind::Client:
        return QStringLiteral("Client");
    case SpanKind::Producer:
        return QStringLiteral("Producer");
    case SpanKind::Consumer:
        return QStringLiteral("Consumer");
    }
    return {};
}

static QString statusName(StatusCode code)
{
    switch (code) {
    case StatusCode::Unset:
        return QStringLiteral("Unset");
    case StatusCode::Ok:
        return QStringLiteral("Ok");
    case StatusCode::Error:
        return QStringLiteral("Error");
    }
    return {};
}

SpanDetailsModel::SpanDetailsModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_attributes([this](int parentItem, const AttributeTreeBuilder::Row &row) {
        return addItem(parentItem, ItemKind::Attribute, row.key, row.value, row.type);
    })
{}

int SpanDetailsModel::addItem(int parent, ItemKind kind, const QString &key, const QString &value,
                              const QString &type)
{
    Item item;
    item.parent = parent;
    item.kind = kind;
    item.key = key;
    item.value = value;
    item.type = type;
    const int index = int(m_items.size());
    if (parent < 0) {
        item.row = int(m_sections.size());
        m_sections.push_back(index);
    } else {
        item.row = int(m_items[std::size_t(parent)].children.size());
        m_items[std::size_t(parent)].children.push_back(index);
    }
    m_items.push_back(std::move(item));
    return index;
}

void SpanDetailsModel::clear()
{
    beginResetModel();
    m_items.clear();
    m_sections.clear();
    endResetModel();
}

void SpanDetailsModel::setSpan(const Trace &trace, int spanIndex)
{
    beginResetModel();
    m_items.clear();
    m_sections.clear();
    if (spanIndex >= 0 && std::size_t(spanIndex) < trace.spans.size()) {
        const TraceSpan &traceSpan = trace.spans[std::size_t(spanIndex)];
        const Span &span = traceSpan.span;

        const int fields = addItem(-1, ItemKind::Section, tr("Span"), {});
        addItem(fields, ItemKind::Field, tr("Name"), text(span.name));
        addItem(fields, ItemKind::Field, tr("Kind"), kindName(span.kind));
        addItem(fields, ItemKind::Field, tr("Status"), statusName(span.status.code));
        if (!span.status.message.empty())
            addItem(fields, ItemKind::Field, tr("Status message"), text(span.status.message));
        addItem(fields, ItemKind::Field, tr("Start"), formatTimestampNs(span.startTimeNs));
        addItem(fields, ItemKind::Field, tr("Duration"), formatDurationNs(span.durationNs()));
        addItem(fields, ItemKind::Field, tr("Span ID"), text(toHex(span.spanId)));
        addItem(fields, ItemKind::Field, tr("Parent ID"),
                span.parentSpanId.isZero() ? tr("(root)") : text(toHex(span.parentSpanId)));
        addItem(fields, ItemKind::Field, tr("Trace ID"), text(toHex(span.traceId)));
        if (!span.traceState.empty())
            addItem(fields, ItemKind::Field, tr("Trace state"), text(span.traceState));
        if (span.droppedAttributesCount + span.droppedEventsCount + span.droppedLinksCount > 0) {
            addItem(
                fields, ItemKind::Field, tr("Dropped"),
                tr("%1, %2, %3")
                    .arg(tr("%Ln attribute(s)", nullptr, pluralCount(span.droppedAttributesCount)),
                         tr("%Ln event(s)", nullptr, pluralCount(span.droppedEventsCount)),
                         tr("%Ln link(s)", nullptr, pluralCount(span.droppedLinksCount))));
        }

        const int attributes
            = addItem(-1, ItemKind::Section, tr("Attributes (%1)").arg(span.attributes.size()), {});
        m_attributes.addAttributes(attributes, span.attributes);

        const int events
            = addItem(-1, ItemKind::Section, tr("Events (%1)").arg(span.events.size()), {});
        for (const SpanEvent &event : span.events) {
            const int item
                = addItem(events, ItemKind::Event, text(event.name),
                          QStringLiteral("+") + formatDurationNs(event.timeNs - span.startTimeNs),
                          tr("event"));
            m_attributes.addAttributes(item, event.attributes);
        }

        const int links
            = addItem(-1, ItemKind::Section, tr("Links (%1)").arg(span.links.size()), {});
        for (const SpanLink &link : span.links) {
            const QString traceHex = text(toHex(link.traceId));
            const QString spanHex = text(toHex(link.spanId));
            const bool sameTrace = link.traceId == trace.traceId;
            const int item = addItem(links, ItemKind::Link,
                                     sameTrace ? tr("span in this trace") : tr("span in trace"),
                                     traceHex + QLatin1Char('/') + spanHex, tr("link"));
            m_items[std::size_t(item)].linkTraceId = traceHex;
            m_items[std::size_t(item)].linkSpanId = spanHex;
            m_attributes.addAttributes(item, link.attributes);
        }

        const auto resourceIndex = std::size_t(traceSpan.resourceIndex);
        if (resourceIndex < trace.resources.size()) {
            const Resource &resource = trace.resources[resourceIndex];
            const int section = addItem(-1, ItemKind::Section,
                                        tr("Resource (%1)").arg(resource.attributes.size()),
                                        text(resource.serviceName()));
            m_attributes.addAttributes(section, resource.attributes);
        }
        const auto scopeIndex = std::size_t(traceSpan.scopeIndex);
        if (scopeIndex < trace.scopes.size()) {
            const InstrumentationScope &scope = trace.scopes[scopeIndex];
            const int section = addItem(-1, ItemKind::Section, tr("Scope"), text(scope.name));
            addItem(section, ItemKind::Field, tr("Name"), text(scope.name));
            if (!scope.version.empty())
                addItem(section, ItemKind::Field, tr("Version"), text(scope.version));
            m_attributes.addAttributes(section, scope.attributes);
        }
    }
    endResetModel();
}

QModelIndex SpanDetailsModel::sectionIndex(const QString &title) const
{
    for (std::size_t row = 0; row < m_sections.size(); ++row) {
        if (m_items[std::size_t(m_sections[row])].key.startsWith(title))
            return createIndex(int(row), 0, quintptr(m_sections[row]));
    }
    return {};
}

const SpanDetailsModel::Item *SpanDetailsModel::itemOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() >= m_items.size())
        return nullptr;
    return &m_items[std::size_t(index.internalId())];
}

QModelIndex SpanDetailsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid()) {
        if (std::size_t(row) >= m_sections.size())
            return {};
        return createIndex(row, column, quintptr(m_sections[std::size_t(row)]));
    }
    const Item *item = itemOf(parent);
    if (!item || parent.column() != 0 || std::size_t(row) >= item->children.size())
        return {};
    return createIndex(row, column, quintptr(item->children[std::size_t(row)]));
}

QModelIndex SpanDetailsModel::parent(const QModelIndex &child) const
{
    const Item *item = itemOf(child);
    if (!item || item->parent < 0)
        return {};
    return createIndex(m_items[std::size_t(item->parent)].row, 0, quintptr(item->parent));
}

int SpanDetailsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_sections.size());
    if (parent.column() != 0)
        return 0;
    const Item *item = itemOf(parent);
    return item ? int(item->children.size()) : 0;
}

int SpanDetailsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant SpanDetailsModel::data(const QModelIndex &index, int role) const
{
    const Item *item = itemOf(index);
    if (!item)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return item->key;
        case ValueColumn: {
            // One line in the tree; the tooltip and copy keep the full text.
            QString line = item->value;
            line.replace(QLatin1Char('\n'), QChar(0x21b5));
            return line;
        }
        case TypeColumn:
            return item->type;
        }
        return {};
    case Qt::ToolTipRole:
        if (item->kind == ItemKind::Link)
            return tr("Open linked span %1").arg(item->value);
        return item->value.isEmpty() ? item->key : item->key + QStringLiteral(":\n") + item->value;
    case KindRole:
        return int(item->kind);
    case LinkTraceIdRole:
        return item->kind == ItemKind::Link ? QVariant(item->linkTraceId) : QVariant();
    case LinkSpanIdRole:
        return item->kind == ItemKind::Link ? QVariant(item->linkSpanId) : QVariant();
    case CopyTextRole:
        return item->value;
    }
    return {};
}

QVariant SpanDetailsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

} // namespace kansoku
