// The Clients view's table: one row per sender (peer host, service.name) with its SDK, transport,
// encoding, compression, requests, items, rejections, last rejection reason and last seen.
// Refreshed from ClientStatistics snapshots; rows stay put across refreshes (changed rows emit
// dataChanged, new senders are inserted, evicted ones removed; never a reset). Sortable; the
// full last rejection reason is the tooltip. Display strings are made in data(). GUI thread.
#pragma once

#include "core/client_statistics.h"

#include <QAbstractTableModel>
#include <vector>

namespace kansoku {

class ClientListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        PeerColumn,
        ServiceColumn,
        SdkColumn,
        TransportColumn,
        EncodingColumn,
        CompressionColumn,
        RequestsColumn,
        ItemsColumn,
        RejectionsColumn,
        LastReasonColumn,
        LastSeenColumn,
        ColumnCount
    };

    explicit ClientListModel(QObject *parent = nullptr);

    // Senders in ClientStatistics::snapshot() form. Known senders keep their rows.
    void setSnapshot(const std::vector<ClientActivity> &senders);
    const ClientActivity &client(int row) const { return m_rows.at(std::size_t(row)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // column -1 keeps the order senders were first seen. Rows re-sort on refresh; persistent
    // indexes move with their rows.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // "nodejs · opentelemetry 1.25.0"; "—" when the resource named no SDK.
    static QString sdkText(const ClientActivity &client);
    static QString transportText(IngestTransport transport); // "OTLP/gRPC", "OTLP/HTTP", "File"
    static QString lastSeenText(std::int64_t epochMs);       // local time, "14:03:27"

private:
    QString displayText(const ClientActivity &client, int column) const;
    void sortRows(); // by m_sortColumn, emitting a layout change when rows move

    std::vector<ClientActivity> m_rows;
    std::vector<std::uint64_t> m_firstSeen; // per row: arrival order, for column -1
    std::uint64_t m_arrivals = 0;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace kansoku
