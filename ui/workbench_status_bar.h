// The workbench's status bar: receiver endpoints and state (paused or not), live counts per
// signal, forwarding, the session file and its size, and ingest, forwarding or storage errors;
// "Details…" asks for the full status window.
// GUI thread; fed plain values by the app.
#pragma once

#include "core/forwarding_status.h"
#include "core/ingest_counters.h"
#include "core/receiver_status.h"
#include "core/storage_status.h"

#include <QStatusBar>
#include <vector>

class QLabel;

namespace kansoku {

class WorkbenchStatusBar : public QStatusBar
{
    Q_OBJECT
public:
    explicit WorkbenchStatusBar(QWidget *parent = nullptr);

    void setReceivers(const std::vector<ReceiverStatus> &receivers);
    void setCounts(const IngestCountersSnapshot &counters, const StorageStatus &storage);
    // The import progress and summary, placed first among the permanent widgets.
    void setImportWidget(QWidget *widget);
    // A read-only session: the file label says so (receivers are paused by the app).
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
    // The receivers take only exports with the bearer token: the receivers text says so.
    void setTokenRequired(bool required) { m_tokenRequired = required; }
    // The receivers listen beyond loopback (Receive › Listen on the LAN, --listen): the receivers
    // text says so (applied by setReceivers()).
    void setListeningOnLan(bool lan) { m_onLan = lan; }
    // Receiving paused by the user: the receivers text says so (applied by setReceivers()).
    void setPaused(bool paused) { m_paused = paused; }
    void setForwarding(const ForwardingStatus &forwarding);

    QString receiversText() const;
    QString countsText() const;
    QString databaseText() const;
    QString problemsText() const;
    QString forwardingText() const;

Q_SIGNALS:
    void detailsRequested();

private:
    QLabel *m_receivers = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_database = nullptr;
    QLabel *m_problems = nullptr;
    QLabel *m_forwarding = nullptr;
    bool m_readOnly = false;
    bool m_tokenRequired = false;
    bool m_paused = false;
    bool m_onLan = false;
    QStringList m_ingestProblems; // from setCounts()
    QString m_forwardingProblem;  // from setForwarding()
    void showProblems();
};

} // namespace kansoku
