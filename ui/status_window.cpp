#include "status_window.h"

#include "clients_view.h"
#include "core/plural_count.h"
#include "view/retention_summary.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kansoku {

static QTableWidgetItem *readOnlyItem(const QString &text, Qt::Alignment alignment = Qt::AlignLeft)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setTextAlignment(alignment | Qt::AlignVCenter);
    return item;
}

static QTableWidget *makeTable(const QStringList &headers)
{
    auto *table = new QTableWidget(0, int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    return table;
}

static QString formatBytes(std::int64_t bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

StatusWindow::StatusWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("Kansoku"));

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);

    auto *receiversBox = new QGroupBox(tr("OTLP receivers"));
    auto *receiversLayout = new QVBoxLayout(receiversBox);
    m_receiverTable = makeTable({tr("Protocol"), tr("Endpoint"), tr("State")});
    m_receiverTable->setObjectName(QStringLiteral("receiverTable"));
    receiversLayout->addWidget(m_receiverTable);
    m_hintLabel = new QLabel;
    m_hintLabel->setObjectName(QStringLiteral("hintLabel"));
    m_hintLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hintLabel->setWordWrap(true);
    receiversLayout->addWidget(m_hintLabel);
    layout->addWidget(receiversBox);

    m_trainingRoomBox = new QGroupBox(tr("Training room"));
    m_trainingRoomBox->setObjectName(QStringLiteral("trainingRoomBox"));
    auto *roomLayout = new QVBoxLayout(m_trainingRoomBox);
    auto *roomHint = new QLabel(tr("Exports must carry the token. Participants set:"));
    roomHint->setWordWrap(true);
    roomLayout->addWidget(roomHint);
    m_participantLines = new QPlainTextEdit;
    m_participantLines->setObjectName(QStringLiteral("participantLines"));
    m_participantLines->setReadOnly(true);
    m_participantLines->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_participantLines->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_participantLines->setMaximumHeight(m_participantLines->fontMetrics().lineSpacing() * 8);
    roomLayout->addWidget(m_participantLines);
    auto *copyButton = new QPushButton(tr("Copy"));
    copyButton->setObjectName(QStringLiteral("copyParticipantLines"));
    copyButton->setToolTip(tr("Copy these lines to the clipboard"));
    connect(copyButton, &QPushButton::clicked, this, &StatusWindow::copyParticipantLines);
    roomLayout->addWidget(copyButton, 0, Qt::AlignRight);
    m_trainingRoomBox->setVisible(false);
    layout->addWidget(m_trainingRoomBox);

    auto *signalsBox = new QGroupBox(tr("Telemetry"));
    auto *signalsLayout = new QVBoxLayout(signalsBox);
    m_signalTable = makeTable({tr("Signal"), tr("Received"), tr("Stored"), tr("Rejected"),
                               tr("Malformed requests"), tr("Refused (queue full)"),
                               tr("Unauthorized requests"), tr("Requests refused while paused")});
    m_signalTable->setObjectName(QStringLiteral("signalTable"));
    const QString signalNames[] = {tr("Spans"), tr("Metric data points"), tr("Log records")};
    m_signalTable->setRowCount(telemetrySignalCount);
    for (int row = 0; row < telemetrySignalCount; ++row) {
        m_signalTable->setItem(row, 0, readOnlyItem(signalNames[row]));
        for (int column = Received; column <= Paused; ++column)
            m_signalTable->setItem(row, column, readOnlyItem(QStringLiteral("0"), Qt::AlignRight));
    }
    m_signalTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    signalsLayout->addWidget(m_signalTable);
    layout->addWidget(signalsBox);

    m_forwardingBox = new QGroupBox(tr("Forwarding"));
    m_forwardingBox->setObjectName(QStringLiteral("forwardingBox"));
    auto *forwardingLayout = new QVBoxLayout(m_forwardingBox);
    m_forwardingLabel = new QLabel;
    m_forwardingLabel->setObjectName(QStringLiteral("forwardingLabel"));
    m_forwardingLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_forwardingLabel->setWordWrap(true);
    forwardingLayout->addWidget(m_forwardingLabel);
    m_forwardingBox->setVisible(false);
    layout->addWidget(m_forwardingBox);

    auto *clientsBox = new QGroupBox(tr("Clients"));
    auto *clientsLayout = new QVBoxLayout(clientsBox);
    m_clientsView = new ClientsView;
    clientsLayout->addWidget(m_clientsView);
    layout->addWidget(clientsBox, 1);

    auto *storageBox = new QGroupBox(tr("Session database"));
    auto *storageLayout = new QFormLayout(storageBox);
    m_databaseLabel = new QLabel;
    m_databaseLabel->setObjectName(QStringLiteral("databaseLabel"));
    m_databaseLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_queueLabel = new QLabel;
    m_queueLabel->setObjectName(QStringLiteral("queueLabel"));
    m_errorLabel = new QLabel;
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020"));
    m_errorLabel->setWordWrap(true);
    storageLayout->addRow(tr("File:"), m_databaseLabel);
    storageLayout->addRow(tr("Write queue:"), m_queueLabel);
    m_limitsLabel = new QLabel;
    m_limitsLabel->setObjectName(QStringLiteral("limitsLabel"));
    m_limitsLabel->setToolTip(tr("The session's limits (File › Session limits…): the oldest "
                                 "telemetry is deleted to stay within them"));
    m_retentionLabel = new QLabel;
    m_retentionLabel->setObjectName(QStringLiteral("retentionLabel"));
    m_retentionLabel->setWordWrap(true);
    storageLayout->addRow(tr("Limits:"), m_limitsLabel);
    storageLayout->addRow(tr("Retention:"), m_retentionLabel);
    storageLayout->addRow(m_errorLabel);
    layout->addWidget(storageBox);

    setCentralWidget(central);
    statusBar()->showMessage(tr("Starting…"));
    resize(1000, 760);
}

void StatusWindow::setReceivers(const std::vector<ReceiverStatus> &receivers)
{
    m_receiverTable->setRowCount(int(receivers.size()));
    QStringList listening;
    QStringList hints;
    for (int row = 0; row < int(receivers.size()); ++row) {
        const ReceiverStatus &receiver = receivers[std::size_t(row)];
        const QString endpoint = QString::fromStdString(receiver.endpoint);
        m_receiverTable->setItem(row, 0, readOnlyItem(QString::fromStdString(receiver.protocol)));
        m_receiverTable->setItem(row, 1, readOnlyItem(endpoint));
        auto *state = readOnlyItem(
            receiver.listening
                ? tr("Listening")
                : tr("Not listening: %1").arg(QString::fromStdString(receiver.error)));
        state->setForeground(receiver.listening ? QColor(0x1b, 0x7f, 0x3b) : QColor(0xb0, 0, 0x20));
        m_receiverTable->setItem(row, 2, state);
        if (!receiver.listening)
            continue;
        listening << QString::fromStdString(receiver.protocol) + QLatin1Char(' ') + endpoint;
        const bool grpc = receiver.protocol == "OTLP/gRPC";
        hints << QStringLiteral("<code>%1OTEL_EXPORTER_OTLP_ENDPOINT=http://%2</code> (%3)")
                     .arg(grpc ? QStringLiteral("OTEL_EXPORTER_OTLP_PROTOCOL=grpc ") : QString(),
                          endpoint.toHtmlEscaped(), QString::fromStdString(receiver.protocol));
    }
    m_receiverTable->resizeColumnsToContents();
    m_hintLabel->setText(hints.isEmpty()
                             ? tr("No receiver is listening, so nothing can be received.")
                             : tr("Point an OpenTelemetry SDK at Kansoku:<br>%1")
                                   .arg(hints.join(QStringLiteral("<br>"))));
    statusBar()->showMessage(listening.isEmpty()
                                 ? tr("No receiver is listening")
                                 : tr("Receiving on %1").arg(listening.join(QStringLiteral(", "))));
}

void StatusWindow::setParticipantLines(const QStringList &lines)
{
    m_participantLines->setPlainText(lines.join(QLatin1Char('\n')));
    m_trainingRoomBox->setVisible(!lines.isEmpty());
}

void StatusWindow::setClients(const std::vector<ClientActivity> &clients)
{
    m_clientsView->setClients(clients);
}

void StatusWindow::setForwarding(const ForwardingStatus &forwarding)
{
    m_forwardingBox->setVisible(forwarding.enabled);
    if (!forwarding.enabled)
        return;
    const QLocale locale;
    const auto number = [&locale](std::int64_t value) {
        return locale.toString(qlonglong(value));
    };
    const auto requests = [](std::int64_t count) {
        return tr("%Ln request(s)", nullptr, pluralCount(count));
    };
    const auto items = [](std::int64_t count) {
        return tr("%Ln item(s)", nullptr, pluralCount(count));
    };
    QString text
        = tr("To %1<br>Forwarded: %2 (%3) · Waiting: %4 (%5 of %6) · Retries: %7 · "
             "Dropped: %8 (%9)")
              .arg(QString::fromStdString(forwarding.upstream).toHtmlEscaped(),
                   requests(forwarding.forwardedRequests), items(forwarding.forwardedItems),
                   requests(forwarding.queuedRequests), formatBytes(forwarding.queuedBytes),
                   formatBytes(forwarding.queueCapacityBytes), number(forwarding.retries),
                   requests(forwarding.droppedRequests), items(forwarding.droppedItems));
    if (!forwarding.lastError.empty())
        text += tr("<br>Last failure: %1")
                    .arg(QString::fromStdString(forwarding.lastError).toHtmlEscaped());
    m_forwardingLabel->setText(text);
}

void StatusWindow::copyParticipantLines()
{
    QGuiApplication::clipboard()->setText(m_participantLines->toPlainText() + QLatin1Char('\n'));
    statusBar()->showMessage(tr("Copied the participants' lines"), 3000);
}

void StatusWindow::setCounts(const IngestCountersSnapshot &counters, const StorageStatus &storage)
{
    const QLocale locale;
    const std::int64_t stored[]
        = {storage.totals.spans, storage.totals.dataPoints, storage.totals.logRecords};
    for (int row = 0; row < telemetrySignalCount; ++row) {
        const IngestCounts counts = counters.total(static_cast<TelemetrySignal>(row));
        const std::int64_t values[]
            = {counts.received, stored[row],         counts.rejected, counts.malformed,
               counts.refused,  counts.unauthorized, counts.paused};
        for (int column = Received; column <= Paused; ++column)
            m_signalTable->item(row, column)
                ->setText(locale.toString(qlonglong(values[column - Received])));
    }
    m_databaseLabel->setText(tr("%1 (%2)").arg(QString::fromStdString(storage.databasePath),
                                               formatBytes(storage.fileSizeBytes)));
    // The capacity is the durability bound: what the writer commits in about 200 ms.
    const QString waiting
        = tr("%1 of %Ln item(s) waiting", nullptr, pluralCount(storage.queueCapacityItems))
              .arg(locale.toString(qlonglong(storage.queuedItems)));
    m_queueLabel->setText(
        storage.writerItemsPerSecond > 0
            ? tr("%1 (the writer commits %2 items/s)")
                  .arg(waiting, locale.toString(storage.writerItemsPerSecond, 'f', 0))
            : waiting);
    m_limitsLabel->setText(RetentionSummary::limitsText(storage.limits));
    m_retentionLabel->setText(RetentionSummary::usageText(storage));
    m_errorLabel->setText(
        storage.lastError.empty()
            ? QString()
            : tr("Storage error: %1").arg(QString::fromStdString(storage.lastError)));
    m_errorLabel->setVisible(!storage.lastError.empty());
}

} // namespace kansoku
