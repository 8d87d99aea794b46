// The details of one log as a tree of name / value / type rows: the record's fields (severity,
// times, ids, event name, flags), its attributes, its resource and its scope; attributes as
// AttributeTreeBuilder lists them (maps and arrays expand into children), long values cut at 300
// characters. Reset for each log shown. GUI thread.
#pragma once

#include "core/telemetry_queries.h"
#include "view/attribute_tree_builder.h"

#include <QAbstractItemModel>
#include <vector>

namespace kansoku {

class LogDetailsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, TypeColumn, ColumnCount };

    explicit LogDetailsModel(QObject *parent = nullptr);

    void setLog(const StoredLog &log);
    void clear();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Node
    {
        QString name;
        QString value;
        QString type;
        int parent = -1; // index into m_nodes; -1 for top-level rows
        int row = 0;     // position among its siblings
        std::vector<int> children;
        bool isSection = false;
    };

    int addNode(int parent, QString name, QString value, QString type, bool isSection = false);

    std::vector<Node> m_nodes;
    std::vector<int> m_topLevel;
    AttributeTreeBuilder m_attributes; // adds attribute nodes
};

} // namespace kansoku
