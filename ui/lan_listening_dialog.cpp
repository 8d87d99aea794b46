#include "lan_listening_dialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kansoku {

LanListeningDialog::LanListeningDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("lanListeningDialog"));
    setWindowTitle(tr("Listening on the LAN"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("The receivers listen on every network interface of this machine, on the same ports. "
           "Every export must carry the token: requests without it, or with another one, are "
           "refused (OTLP/HTTP 401 Unauthorized, OTLP/gRPC UNAUTHENTICATED). Apps on this "
           "machine need the token too."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_addresses = new QLabel;
    m_addresses->setObjectName(QStringLiteral("lanAddresses"));
    m_addresses->setTextFormat(Qt::PlainText);
    m_addresses->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_addresses->setWordWrap(true);
    layout->addWidget(m_addresses);
    auto *linesHint = new QLabel(tr("Participants set these variables for their app:"));
    linesHint->setWordWrap(true);
    layout->addWidget(linesHint);
    m_lineRows = new QVBoxLayout;
    layout->addLayout(m_lineRows);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(760, sizeHint().height());
}

void LanListeningDialog::setRoom(const QStringList &addresses, const QStringList &participantLines)
{
    m_lines = participantLines;
    m_addresses->setText(
        addresses.isEmpty()
            ? tr("No network address was found: participants use this machine's address with "
                 "the ports shown in the status bar.")
            : tr("This machine's LAN addresses: %1").arg(addresses.join(QStringLiteral(", "))));
    while (QLayoutItem *item = m_lineRows->takeAt(0)) {
        if (QLayout *row = item->layout()) {
            while (QLayoutItem *child = row->takeAt(0)) {
                delete child->widget();
                delete child;
            }
        }
        delete item;
    }
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (int i = 0; i < participantLines.size(); ++i) {
        const QString line = participantLines.at(i);
        auto *row = new QHBoxLayout;
        auto *text = new QLineEdit(line);
        text->setObjectName(QStringLiteral("participantLine%1").arg(i));
        text->setReadOnly(true);
        text->setFont(fixed);
        text->setCursorPosition(0);
        auto *copy = new QPushButton(tr("Copy"));
        copy->setObjectName(QStringLiteral("copyParticipantLine%1").arg(i));
        copy->setToolTip(tr("Copy this line to the clipboard"));
        connect(copy, &QPushButton::clicked, this,
                [line] { QGuiApplication::clipboard()->setText(line); });
        row->addWidget(text, 1);
        row->addWidget(copy);
        m_lineRows->addLayout(row);
    }
}

QString LanListeningDialog::addressesText() const
{
    return m_addresses->text();
}

} // namespace kansoku
