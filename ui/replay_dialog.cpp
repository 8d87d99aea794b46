#include "replay_dialog.h"

#include "core/plural_count.h"
#include "core/time_format.h"
#include "view/workbench_state.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>
#include <algorithm>

namespace kansoku {

ReplayDialog::ReplayDialog(WorkbenchState *state, QWidget *parent)
    : QDialog(parent)
    , m_state(state)
{
    setObjectName(QStringLiteral("replayDialog"));
    setWindowTitle(tr("Replay into…"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Sends this session's telemetry again as OTLP to another Kansoku or a Collector, with "
           "its timestamps moved to now and its relative timing kept, scaled by the speed. Ids "
           "stay as recorded, so replay into a fresh session."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_endpoint = new QLineEdit;
    m_endpoint->setObjectName(QStringLiteral("replayEndpoint"));
    m_endpoint->setPlaceholderText(QStringLiteral("http://127.0.0.1:4318"));
    m_endpoint->setToolTip(tr("The receiver to send to: http:// or https://, for gRPC its port "
                              "(4317 by default)"));
    form->addRow(tr("Endpoint:"), m_endpoint);
    m_protocol = new QComboBox;
    m_protocol->setObjectName(QStringLiteral("replayProtocol"));
    m_protocol->addItem(QStringLiteral("http/protobuf"));
    m_protocol->addItem(QStringLiteral("grpc"));
    form->addRow(tr("Protocol:"), m_protocol);
    auto *ranges = new QVBoxLayout;
    m_wholeSession = new QRadioButton(tr("The whole session"));
    m_wholeSession->setObjectName(QStringLiteral("replayWholeSession"));
    m_selectedRange = new QRadioButton;
    m_selectedRange->setObjectName(QStringLiteral("replaySelectedRange"));
    ranges->addWidget(m_wholeSession);
    ranges->addWidget(m_selectedRange);
    form->addRow(tr("Range:"), ranges);
    m_speed = new QDoubleSpinBox;
    m_speed->setObjectName(QStringLiteral("replaySpeed"));
    // The command's bounds (--speed): above 0, at most 1000.
    m_speed->setRange(0.1, 1000.0);
    m_speed->setDecimals(1);
    m_speed->setValue(1.0);
    m_speed->setSuffix(tr("×"));
    m_speed->setToolTip(tr("10×: ten recorded minutes are sent in one"));
    form->addRow(tr("Speed:"), m_speed);
    layout->addLayout(form);

    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("replayProgress"));
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("replayStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);
    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("replayProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText); // a receiver's error text, shown as it is
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setVisible(false);
    layout->addWidget(m_problem);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_start = buttons->addButton(tr("Start"), QDialogButtonBox::AcceptRole);
    m_start->setObjectName(QStringLiteral("replayStart"));
    m_start->setDefault(true);
    m_cancel = buttons->addButton(tr("Cancel replay"), QDialogButtonBox::ActionRole);
    m_cancel->setObjectName(QStringLiteral("replayCancel"));
    m_cancel->setEnabled(false);
    connect(m_start, &QPushButton::clicked, this, &ReplayDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &ReplayDialog::cancelRequested);
    // Closing only hides the dialog: a running replay goes on, File › Replay into… shows it.
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

void ReplayDialog::openWith(const QString &endpoint, const QString &protocol)
{
    if (!m_running) {
        m_endpoint->setText(endpoint);
        m_protocol->setCurrentText(protocol.isEmpty() ? QStringLiteral("http/protobuf") : protocol);
        // "All" is the whole session; any other choice of the time-range bar can be replayed.
        m_offeredRange.reset();
        if (m_state->rangePreset() != WorkbenchState::RangePreset::All)
            m_offeredRange = m_state->timeRange();
        if (m_offeredRange && m_offeredRange->isBounded())
            m_selectedRange->setText(tr("The selected time range, %1 to %2")
                                         .arg(formatTimestampNs(m_offeredRange->startNs),
                                              formatTimestampNs(m_offeredRange->endNs)));
        else
            m_selectedRange->setText(tr("The selected time range"));
        m_selectedRange->setEnabled(m_offeredRange.has_value());
        (m_offeredRange ? m_selectedRange : m_wholeSession)->setChecked(true);
    }
    show();
    raise();
    activateWindow();
}

void ReplayDialog::start()
{
    ReplayRequest request;
    request.endpoint = m_endpoint->text().trimmed();
    request.protocol = m_protocol->currentText();
    if (m_selectedRange->isChecked() && m_offeredRange)
        request.range = *m_offeredRange;
    request.speed = m_speed->value();
    m_problem->setVisible(false);
    m_status->setText(tr("Counting what to send…"));
    setRunning(true);
    m_progress->setVisible(false);
    Q_EMIT startRequested(request);
}

void ReplayDialog::setRunning(bool running)
{
    m_running = running;
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    for (QWidget *field : {static_cast<QWidget *>(m_endpoint), static_cast<QWidget *>(m_protocol),
                           static_cast<QWidget *>(m_wholeSession), static_cast<QWidget *>(m_speed)})
        field->setEnabled(!running);
    m_selectedRange->setEnabled(!running && m_offeredRange.has_value());
}

void ReplayDialog::showProblem(const QString &problem)
{
    setRunning(false);
    m_status->clear();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

void ReplayDialog::showStarted(std::int64_t totalItems, std::int64_t timeLeftNs)
{
    m_totalItems = totalItems;
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    showProgress(0, timeLeftNs);
}

void ReplayDialog::showProgress(std::int64_t sentItems, std::int64_t timeLeftNs)
{
    const QLocale locale;
    if (m_totalItems > 0)
        m_progress->setValue(int(std::min<std::int64_t>(1000, sentItems * 1000 / m_totalItems)));
    m_status->setText(tr("%1 of %Ln item(s) sent · %2 left", nullptr, pluralCount(m_totalItems))
                          .arg(locale.toString(qlonglong(sentItems)),
                               formatDurationNs(std::max<std::int64_t>(0, timeLeftNs))));
}

void ReplayDialog::showFinished(const QString &outcome)
{
    setRunning(false);
    m_status->setText(outcome);
}

QString ReplayDialog::problemText() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

QString ReplayDialog::progressText() const
{
    return m_status->text();
}

} // namespace kansoku
