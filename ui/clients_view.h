// The Clients view: one row per sender (peer host, service.name) with its SDK, transport,
// encoding, compression, counts and last rejection, so a trainer sees whose app is not sending
// and why. Fed ClientStatistics snapshots by the app; GUI thread.
#pragma once

#include "core/client_statistics.h"

#include <QWidget>
#include <vector>

class QLabel;
class QTableView;

namespace kansoku {

class ClientListModel;

class ClientsView : public QWidget
{
    Q_OBJECT
public:
    explicit ClientsView(QWidget *parent = nullptr);

    void setClients(const std::vector<ClientActivity> &clients);
    ClientListModel *model() const { return m_model; }

private:
    ClientListModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_summaryLabel = nullptr;
};

} // namespace kansoku
