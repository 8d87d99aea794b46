#include "clients_view.h"

#include "view/client_list_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace kansoku {

ClientsView::ClientsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ClientListModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_summaryLabel = new QLabel;
    m_summaryLabel->setObjectName(QStringLiteral("clientsSummary"));
    m_summaryLabel->setWordWrap(true);
    layout->addWidget(m_summaryLabel);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("clientsTable"));
    m_table->setModel(m_model);
    // Arrival order until the user picks a column (set before sorting is enabled, which sorts).
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ClientListModel::LastReasonColumn,
                                                      QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    layout->addWidget(m_table);
    setClients({});
}

void ClientsView::setClients(const std::vector<ClientActivity> &clients)
{
    m_model->setSnapshot(clients);
    std::int64_t rejecting = 0;
    for (const ClientActivity &client : clients)
        rejecting += client.rejections > 0 ? 1 : 0;
    if (clients.empty())
        m_summaryLabel->setText(tr("No application has sent telemetry yet."));
    else if (rejecting == 0)
        m_summaryLabel->setText(
            tr("%n sender(s); every request was accepted.", nullptr, int(clients.size())));
    else
        m_summaryLabel->setText(tr("%n sender(s); %1 had requests turned away (see the last "
                                   "rejection).",
                                   nullptr, int(clients.size()))
                                    .arg(rejecting));
}

} // namespace kansoku
