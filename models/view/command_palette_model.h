// The command palette's list: the entries the window gathered (menu actions, services, metrics,
// recent sessions) that fuzzy-match the typed text, best first, plus entries made from the text
// itself: "Open trace" first when it is a trace id (32 or 16 hex digits), "Search logs for" last.
// Each row carries the matched character positions for highlighting. GUI thread.
#pragma once

#include "view/command_palette_entry.h"

#include <QAbstractListModel>
#include <vector>

namespace kansoku {

class CommandPaletteModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        KindRole = Qt::UserRole + 1, // CommandPaletteEntry::Kind as int
        KindTextRole,                // "Menu", "Service", "Metric", "Session", "Trace", "Logs"
        DetailRole,
        ShortcutRole,
        MatchPositionsRole, // QList<int>: indexes into the display text that matched the query
    };
    // Matched rows past this are not listed; typing more narrows them.
    static constexpr int maxMatchedRows = 200;

    explicit CommandPaletteModel(QObject *parent = nullptr);

    // The gathered entries in their order for an empty query; applies the current query.
    void setEntries(std::vector<CommandPaletteEntry> entries);
    void setQuery(const QString &query);
    QString query() const { return m_query; }

    // nullptr for an invalid row.
    const CommandPaletteEntry *entryAt(int row) const;
    static QString kindText(CommandPaletteEntry::Kind kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        CommandPaletteEntry entry;
        QList<int> positions;
    };
    void rebuild();

    std::vector<CommandPaletteEntry> m_entries;
    std::vector<Row> m_rows;
    QString m_query;
};

} // namespace kansoku
