#include "view/client_list_model.h"

#include <QDateTime>
#include <algorithm>
#include <map>
#include <numeric>

namespace kansoku {

namespace {

using SenderKey = std::pair<std::string, std::string>; // (peer host, service.name)

SenderKey keyOf(const ClientActivity &client)
{
    return {client.peerHost, client.serviceName};
}

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

QString orDash(const std::string &text)
{
    return text.empty() ? QStringLiteral("—") : fromStd(text);
}

template<typename T>
int threeWay(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

bool isNumericColumn(int column)
{
    return column == ClientListModel::RequestsColumn || column == ClientListModel::ItemsColumn
           || column == ClientListModel::RejectionsColumn;
}

} // namespace

ClientListModel::ClientListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ClientListModel::setSnapshot(const std::vector<ClientActivity> &senders)
{
    std::map<SenderKey, const ClientActivity *> incoming;
    for (const ClientActivity &sender : senders)
        incoming.emplace(keyOf(sender), &sender);

    // Evicted senders go, bottom up so the rows above keep their numbers.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (incoming.count(keyOf(m_rows[std::size_t(row)])) == 0) {
            beginRemoveRows({}, row, row);
            m_rows.erase(m_rows.begin() + row);
            m_firstSeen.erase(m_firstSeen.begin() + row);
            endRemoveRows();
        }
    }

    bool changed = false;
    std::map<SenderKey, int> rowOf;
    for (std::size_t row = 0; row < m_rows.size(); ++row)
        rowOf.emplace(keyOf(m_rows[row]), int(row));
    std::vector<const ClientActivity *> added;
    for (const ClientActivity &sender : senders) {
        const auto found = rowOf.find(keyOf(sender));
        if (found == rowOf.end()) {
            added.push_back(&sender);
            continue;
        }
        ClientActivity &current = m_rows[std::size_t(found->second)];
        if (current == sender)
            continue;
        current = sender;
        changed = true;
        Q_EMIT dataChanged(index(found->second, 0), index(found->second, ColumnCount - 1));
    }
    if (!added.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const ClientActivity *sender : added) {
            m_rows.push_back(*sender);
            m_firstSeen.push_back(++m_arrivals);
        }
        endInsertRows();
        changed = true;
    }
    if (changed && m_sortColumn >= 0)
        sortRows();
}

int ClientListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ClientListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ClientListModel::sdkText(const ClientActivity &client)
{
    QStringList parts;
    if (!client.sdkLanguage.empty())
        parts.append(fromStd(client.sdkLanguage));
    QString library = fromStd(client.sdkName);
    if (!client.sdkVersion.empty())
        library = (library.isEmpty() ? QString() : library + QLatin1Char(' '))
                  + fromStd(client.sdkVersion);
    if (!library.isEmpty())
        parts.append(library);
    return parts.isEmpty() ? QStringLiteral("—") : parts.join(QStringLiteral(" · "));
}

QString ClientListModel::transportText(IngestTransport transport)
{
    switch (transport) {
    case IngestTransport::Grpc:
        return QStringLiteral("OTLP/gRPC");
    case IngestTransport::Http:
        return QStringLiteral("OTLP/HTTP");
    case IngestTransport::File:
        return tr("File");
    }
    return {};
}

QString ClientListModel::lastSeenText(std::int64_t epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs).toLocalTime().toString(
        QStringLiteral("HH:mm:ss"));
}

QString ClientListModel::displayText(const ClientActivity &client, int column) const
{
    switch (column) {
    case PeerColumn:
        return fromStd(client.peerHost);
    case ServiceColumn:
        return client.serviceName.empty() ? tr("(not decoded)") : fromStd(client.serviceName);
    case SdkColumn:
        return sdkText(client);
    case TransportColumn:
        return transportText(client.transport);
    case EncodingColumn:
        return client.encoding == "json" ? QStringLiteral("JSON") : orDash(client.encoding);
    case CompressionColumn:
        return orDash(client.compression);
    case RequestsColumn:
        return QString::number(client.requests);
    case ItemsColumn:
        return QString::number(client.items);
    case RejectionsColumn:
        return QString::number(client.rejections);
    case LastReasonColumn:
        return fromStd(client.lastRejection);
    case LastSeenColumn:
        return lastSeenText(client.lastSeenMs);
    default:
        return {};
    }
}

QVariant ClientListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ClientActivity &row = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == ServiceColumn && row.serviceName.empty())
            return tr("Requests from %1 that could not be decoded or were turned away before "
                      "decoding")
                .arg(fromStd(row.peerHost));
        if (index.column() == CompressionColumn && row.compression.empty())
            return tr("gRPC does not tell a service how a call was compressed");
        if ((index.column() == LastReasonColumn || index.column() == RejectionsColumn)
            && !row.lastRejection.empty())
            return fromStd(row.lastRejection);
        return {};
    case Qt::TextAlignmentRole:
        if (isNumericColumn(index.column()))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ClientListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PeerColumn:
        return tr("Peer");
    case ServiceColumn:
        return tr("Service");
    case SdkColumn:
        return tr("SDK");
    case TransportColumn:
        return tr("Transport");
    case EncodingColumn:
        return tr("Encoding");
    case CompressionColumn:
        return tr("Compression");
    case RequestsColumn:
        return tr("Requests");
    case ItemsColumn:
        return tr("Items");
    case RejectionsColumn:
        return tr("Rejections");
    case LastReasonColumn:
        return tr("Last rejection");
    case LastSeenColumn:
        return tr("Last seen");
    default:
        return {};
    }
}

void ClientListModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column >= 0 && column < ColumnCount ? column : -1;
    m_sortOrder = order;
    sortRows();
}

void ClientListModel::sortRows()
{
    std::vector<int> order(m_rows.size());
    std::iota(order.begin(), order.end(), 0);
    const auto compare = [this](int a, int b) {
        const ClientActivity &left = m_rows[std::size_t(a)];
        const ClientActivity &right = m_rows[std::size_t(b)];
        int result = 0;
        switch (m_sortColumn) {
        case RequestsColumn:
            result = threeWay(left.requests, right.requests);
            break;
        case ItemsColumn:
            result = threeWay(left.items, right.items);
            break;
        case RejectionsColumn:
            result = threeWay(left.rejections, right.rejections);
            break;
        case LastSeenColumn:
            result = threeWay(left.lastSeenMs, right.lastSeenMs);
            break;
        case -1:
            break;
        default:
            result = QString::localeAwareCompare(displayText(left, m_sortColumn),
                                                 displayText(right, m_sortColumn));
            break;
        }
        if (result == 0) // ties, and column -1, keep the order senders arrived in
            return m_firstSeen[std::size_t(a)] < m_firstSeen[std::size_t(b)];
        return m_sortOrder == Qt::AscendingOrder ? result < 0 : result > 0;
    };
    std::stable_sort(order.begin(), order.end(), compare);
    bool moved = false;
    for (std::size_t i = 0; i < order.size(); ++i)
        moved = moved || order[i] != int(i);
    if (!moved)
        return;

    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> newRowOf(order.size());
    for (std::size_t newRow = 0; newRow < order.size(); ++newRow)
        newRowOf[std::size_t(order[newRow])] = int(newRow);
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &old : before)
        after.append(index(newRowOf[std::size_t(old.row())], old.column()));
    std::vector<ClientActivity> rows;
    std::vector<std::uint64_t> firstSeen;
    rows.reserve(order.size());
    firstSeen.reserve(order.size());
    for (int oldRow : order) {
        rows.push_back(std::move(m_rows[std::size_t(oldRow)]));
        firstSeen.push_back(m_firstSeen[std::size_t(oldRow)]);
    }
    m_rows = std::move(rows);
    m_firstSeen = std::move(firstSeen);
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace kansoku
