#include "forwarding_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kansoku {

ForwardingDialog::ForwardingDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Forward to an upstream"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Everything the receivers accept is also sent on, unchanged, to this OTLP endpoint "
           "(for example the team's Collector), so running Kansoku beside an app does not cut the "
           "team's backend off. Imported files are not forwarded. Data may leave this machine: "
           "only name an upstream you trust."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_current = new QLabel;
    m_current->setObjectName(QStringLiteral("forwardingCurrent"));
    m_current->setWordWrap(true);
    layout->addWidget(m_current);

    auto *form = new QFormLayout;
    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("forwardingUrl"));
    m_url->setPlaceholderText(QStringLiteral("http://collector:4318"));
    form->addRow(tr("Upstream URL:"), m_url);
    m_protocol = new QComboBox;
    m_protocol->setObjectName(QStringLiteral("forwardingProtocol"));
    m_protocol->addItem(QStringLiteral("http/protobuf"));
    m_protocol->addItem(QStringLiteral("grpc"));
    form->addRow(tr("Protocol:"), m_protocol);
    m_headers = new QPlainTextEdit;
    m_headers->setObjectName(QStringLiteral("forwardingHeaders"));
    m_headers->setPlaceholderText(QStringLiteral("authorization=Bearer TOKEN"));
    m_headers->setMaximumHeight(m_headers->fontMetrics().lineSpacing() * 5);
    m_headers->setToolTip(tr("One NAME=VALUE a line. Kept for this run only: header values are "
                             "never written to the settings file."));
    form->addRow(tr("Headers:"), m_headers);
    layout->addLayout(form);

    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("forwardingProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);
    layout->addWidget(m_problem);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton *forward = buttons->addButton(tr("Forward"), QDialogButtonBox::AcceptRole);
    forward->setObjectName(QStringLiteral("forwardingApply"));
    forward->setDefault(true);
    QPushButton *stop = buttons->addButton(tr("Stop forwarding"), QDialogButtonBox::ResetRole);
    stop->setObjectName(QStringLiteral("forwardingStop"));
    connect(forward, &QPushButton::clicked, this, &ForwardingDialog::apply);
    connect(stop, &QPushButton::clicked, this, &ForwardingDialog::stopRequested);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

void ForwardingDialog::setCurrent(const QString &url, const QString &protocol,
                                  const QStringList &headerNames)
{
    m_url->setText(url);
    m_protocol->setCurrentText(protocol.isEmpty() ? QStringLiteral("http/protobuf") : protocol);
    m_headers->clear();
    m_problem->setVisible(false);
    if (url.isEmpty())
        m_current->setText(tr("Not forwarding."));
    else if (headerNames.isEmpty())
        m_current->setText(tr("Forwarding to %1 (%2).").arg(url.toHtmlEscaped(), protocol));
    else
        m_current->setText(tr("Forwarding to %1 (%2) with the headers %3; enter their values "
                              "again to change the upstream.")
                               .arg(url.toHtmlEscaped(), protocol,
                                    headerNames.join(QStringLiteral(", ")).toHtmlEscaped()));
}

void ForwardingDialog::showProblem(const QString &problem)
{
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

QString ForwardingDialog::problemText() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

void ForwardingDialog::apply()
{
    QStringList headers;
    const QStringList lines = m_headers->toPlainText().split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty())
            headers << line.trimmed();
    }
    Q_EMIT forwardingRequested(m_url->text().trimmed(), m_protocol->currentText(), headers);
}

} // namespace kansoku
