#include "empty_state_widget.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kansoku {

EmptyStateWidget::EmptyStateWidget(QWidget *parent)
    : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(2);
    auto *card = new QFrame;
    card->setObjectName(QStringLiteral("emptyStateCard"));
    card->setFrameShape(QFrame::StyledPanel);
    card->setMaximumWidth(1000);
    auto *cardLayout = new QVBoxLayout(card);
    cardLayout->setContentsMargins(28, 24, 28, 24);
    cardLayout->setSpacing(10);

    auto *title = new QLabel(tr("Waiting for telemetry"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    cardLayout->addWidget(title);
    auto *intro = new QLabel(
        tr("Kansoku is listening. Point an OpenTelemetry SDK or Collector at it and traces, "
           "metrics and logs appear here as they arrive. Set these in the environment of the app "
           "you are working on:"));
    intro->setWordWrap(true);
    cardLayout->addWidget(intro);

    m_snippetLayout = new QVBoxLayout;
    m_snippetLayout->setSpacing(6);
    cardLayout->addLayout(m_snippetLayout);

    auto *footer = new QLabel(
        tr("Everything received is stored in the session file shown in the status bar; copy "
           "that file to share the session. Exported telemetry files and other sessions open "
           "with File > Open… or by dropping them on this window."));
    footer->setWordWrap(true);
    footer->setStyleSheet(QStringLiteral("color: palette(mid)"));
    cardLayout->addWidget(footer);

    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(card, 1);
    row->addStretch();
    outer->addLayout(row);
    outer->addStretch(3);
}

void EmptyStateWidget::setReceivers(const std::vector<ReceiverStatus> &receivers)
{
    if (receivers == m_receivers)
        return;
    m_receivers = receivers;
    rebuild();
}

void EmptyStateWidget::setHeadersLine(const QString &line)
{
    if (line == m_headersLine)
        return;
    m_headersLine = line;
    rebuild();
}

void EmptyStateWidget::rebuild()
{
    while (QLayoutItem *item = m_snippetLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_snippets.clear();

    bool anyListening = false;
    for (const ReceiverStatus &receiver : m_receivers) {
        if (!receiver.listening)
            continue;
        anyListening = true;
        // Loopback addresses are written as localhost, which is what SDK docs show.
        QString endpoint = QString::fromStdString(receiver.endpoint);
        endpoint.replace(QLatin1String("127.0.0.1"), QLatin1String("localhost"));
        if (receiver.protocol == "OTLP/gRPC") {
            addSnippet(tr("OTLP/gRPC"), QStringLiteral("OTEL_EXPORTER_OTLP_PROTOCOL=grpc "
                                                       "OTEL_EXPORTER_OTLP_ENDPOINT=http://")
                                            + endpoint);
        } else {
            addSnippet(tr("OTLP/HTTP (protobuf or JSON)"),
                       QStringLiteral("OTEL_EXPORTER_OTLP_ENDPOINT=http://") + endpoint);
        }
    }
    if (anyListening && !m_headersLine.isEmpty())
        addSnippet(tr("Token (every exporter)"), m_headersLine);
    if (!anyListening) {
        auto *warning = new QLabel(tr("No receiver is listening, so nothing can arrive. See the "
                                      "receiver details in the status bar."));
        warning->setStyleSheet(QStringLiteral("color: #b00020"));
        warning->setWordWrap(true);
        m_snippetLayout->addWidget(warning);
    }
}

void EmptyStateWidget::addSnippet(const QString &title, const QString &snippet)
{
    m_snippets.append(snippet);
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(title);
    label->setMinimumWidth(190);
    auto *text = new QLineEdit(snippet);
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setCursorPosition(0);
    auto *copy = new QPushButton(tr("Copy"));
    copy->setObjectName(QStringLiteral("copySnippet%1").arg(m_snippets.size()));
    connect(copy, &QPushButton::clicked, this, [snippet, copy] {
        QApplication::clipboard()->setText(snippet);
        copy->setText(tr("Copied"));
    });
    layout->addWidget(label);
    layout->addWidget(text, 1);
    layout->addWidget(copy);
    m_snippetLayout->addWidget(row);
}

} // namespace kansoku
