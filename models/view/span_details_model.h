// Item model of one span's details as a tree: span fields, attributes (AttributeTreeBuilder: typed,
// arrays and maps as children), events with offsets and attributes, links, resource and scope.
// Display strings are made once in setSpan (a span has tens of items, not thousands). GUI thread.
#pragma once

#include "core/telemetry_queries.h"
#include "view/attribute_tree_builder.h"

#include <QAbstractItemModel>
#include <vector>

namespace kansoku {

class SpanDetailsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum class ItemKind { Section, Field, Attribute, Event, Link };
    enum Role {
        KindRole = Qt::UserRole + 1, // ItemKind as int
        LinkTraceIdRole,             // QString hex, on Link items
        LinkSpanIdRole,              // QString hex, on Link items
        CopyTextRole,                // the full, unelided value
    };

    // "Server", "Client", …: the name the details show for a span kind.
    static QString kindName(SpanKind kind);

    explicit SpanDetailsModel(QObject *parent = nullptr);

    // Shows trace.spans[spanIndex]; an out-of-range index clears the model.
    void setSpan(const Trace &trace, int spanIndex);
    void clear();

    // The index of a top-level section by its title prefix ("Attributes", "Events", "Links",
    // "Resource", "Scope", "Span"); invalid when absent.
    QModelIndex sectionIndex(const QString &title) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Item
    {
        int parent = -1; // item index; -1 for sections
        int row = 0;     // position among the parent's children
        std::vector<int> children;
        ItemKind kind = ItemKind::Field;
        QString key;
        QString value;
        QString type;
        QString linkTraceId;
        QString linkSpanId;
    };
    int addItem(int parent, ItemKind kind, const QString &key, const QString &value,
                const QString &type = {});
    const Item *itemOf(const QModelIndex &index) const;

    std::vector<Item> m_items;
    std::vector<int> m_sections;
    AttributeTreeBuilder m_attributes; // adds Attribute items
};

} // namespace kansoku
