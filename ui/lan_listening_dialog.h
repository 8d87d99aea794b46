// Shown when Receive › Listen on the LAN is switched on: what participants of a training room
// need, each line with its own Copy button (ParticipantSetup::lines: the headers line with the
// token, then per address the OTLP/HTTP and OTLP/gRPC endpoints), the machine's LAN addresses,
// and that requests without the token are refused. Shows what the app hands in; non-modal, GUI
// thread.
#pragma once

#include <QDialog>
#include <QStringList>

class QLabel;
class QVBoxLayout;

namespace kansoku {

class LanListeningDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LanListeningDialog(QWidget *parent = nullptr);

    // addresses: the IP addresses participants can reach this machine on (none: say so).
    void setRoom(const QStringList &addresses, const QStringList &participantLines);
    QStringList participantLines() const { return m_lines; }
    QString addressesText() const;

private:
    QLabel *m_addresses = nullptr;
    QVBoxLayout *m_lineRows = nullptr;
    QStringList m_lines;
};

} // namespace kansoku
