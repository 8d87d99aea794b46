// The main window while the workbench panes are not built yet: an honest view of what Kansoku is
// doing — receiver endpoints and their state, live counts per signal, the database. GUI thread;
// it is fed values by the app and never reaches into ingest or storage itself.
#pragma once

#include "core/client_statistics.h"
#include "core/forwarding_status.h"
#include "core/ingest_counters.h"
#include "core/receiver_status.h"
#include "core/storage_status.h"

#include <QMainWindow>
#include <vector>

class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace kansoku {

class ClientsView;

class StatusWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit StatusWindow(QWidget *parent = nullptr);

    void setReceivers(const std::vector<ReceiverStatus> &receivers);
    void setCounts(const IngestCountersSnapshot &counters, const StorageStatus &storage);
    // The training room's lines for participants (ParticipantSetup::lines), shown with a Copy
    // button; none hides the section (no token in force).
    void setParticipantLines(const QStringList &lines);
    // The Clients view: one row per sender (ClientStatistics::snapshot()).
    void setClients(const std::vector<ClientActivity> &clients);
    // What forwarding to an upstream did; the section hides while not forwarding.
    void setForwarding(const ForwardingStatus &forwarding);

    // Column order of the signal table; also used by tests.
    enum SignalColumn { Received = 1, Stored, Rejected, Malformed, Refused, Unauthorized, Paused };

private:
    void copyParticipantLines();

    QGroupBox *m_trainingRoomBox = nullptr;
    QPlainTextEdit *m_participantLines = nullptr;
    QTableWidget *m_receiverTable = nullptr;
    QTableWidget *m_signalTable = nullptr;
    ClientsView *m_clientsView = nullptr;
    QLabel *m_hintLabel = nullptr;
    QLabel *m_databaseLabel = nullptr;
    QLabel *m_queueLabel = nullptr;
    QLabel *m_limitsLabel = nullptr;
    QLabel *m_retentionLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QGroupBox *m_forwardingBox = nullptr;
    QLabel *m_forwardingLabel = nullptr;
};

} // namespace kansoku
