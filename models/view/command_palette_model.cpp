#include "view/command_palette_model.h"

#include "analysis/fuzzy_matcher.h"
#include "analysis/trace_filter_text.h"

#include <algorithm>

namespace kansoku {

namespace {

// A 64-bit trace id (16 hex digits, as Jaeger and Zipkin write them) is the 128-bit id with
// zeros in front, the way the importers store it.
std::optional<TraceId> typedTraceId(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() == 16)
        return TraceFilterText::parseTraceId(QString(16, u'0') + trimmed);
    return TraceFilterText::parseTraceId(trimmed);
}

} // namespace

CommandPaletteModel::CommandPaletteModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void CommandPaletteModel::setEntries(std::vector<CommandPaletteEntry> entries)
{
    m_entries = std::move(entries);
    rebuild();
}

void CommandPaletteModel::setQuery(const QString &query)
{
    m_query = query;
    rebuild();
}

void CommandPaletteModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    const QString trimmed = m_query.trimmed();
    if (const std::optional<TraceId> traceId = typedTraceId(trimmed)) {
        const QString hex = QString::fromStdString(toHex(*traceId));
        m_rows.push_back({{CommandPaletteEntry::Kind::Trace,
                           hex,
                           tr("Open in the Traces pane"),
                           {},
                           hex,
                           nullptr},
                          {}});
    }

    struct Scored
    {
        int score;
        std::size_t index;
        QList<int> positions;
    };
    std::vector<Scored> matched;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        if (const std::optional<FuzzyMatch> match
            = FuzzyMatcher::match(trimmed, m_entries[i].text)) {
            matched.push_back(
                {match->score, i, QList<int>(match->positions.cbegin(), match->positions.cend())});
        }
    }
    // Equal scores keep the gathered order (menu actions before services, metrics, sessions).
    std::stable_sort(matched.begin(), matched.end(),
                     [](const Scored &a, const Scored &b) { return a.score > b.score; });
    if (matched.size() > static_cast<std::size_t>(maxMatchedRows))
        matched.resize(static_cast<std::size_t>(maxMatchedRows));
    for (Scored &scored : matched)
        m_rows.push_back({m_entries[scored.index], std::move(scored.positions)});

    if (!trimmed.isEmpty()) {
        m_rows.push_back({{CommandPaletteEntry::Kind::LogSearch,
                           trimmed,
                           tr("Search in the Logs pane"),
                           {},
                           trimmed,
                           nullptr},
                          {}});
    }
    endResetModel();
}

const CommandPaletteEntry *CommandPaletteModel::entryAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_rows.size()))
        return nullptr;
    return &m_rows[static_cast<std::size_t>(row)].entry;
}

QString CommandPaletteModel::kindText(CommandPaletteEntry::Kind kind)
{
    switch (kind) {
    case CommandPaletteEntry::Kind::Trace:
        return tr("Open trace");
    case CommandPaletteEntry::Kind::Action:
        return tr("Menu");
    case CommandPaletteEntry::Kind::Service:
        return tr("Filter service");
    case CommandPaletteEntry::Kind::Metric:
        return tr("Show metric");
    case CommandPaletteEntry::Kind::Session:
        return tr("Open session");
    case CommandPaletteEntry::Kind::LogSearch:
        return tr("Search logs");
    }
    return {};
}

int CommandPaletteModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant CommandPaletteModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return row.entry.text;
    case Qt::ToolTipRole:
        return row.entry.detail.isEmpty() ? row.entry.text
                                          : row.entry.text + u" — " + row.entry.detail;
    case KindRole:
        return static_cast<int>(row.entry.kind);
    case KindTextRole:
        return kindText(row.entry.kind);
    case DetailRole:
        return row.entry.detail;
    case ShortcutRole:
        return row.entry.shortcut;
    case MatchPositionsRole:
        return QVariant::fromValue(row.positions);
    default:
        return {};
    }
}

} // namespace kansoku
