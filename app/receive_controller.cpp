#include "receive_controller.h"

#include "forward_target.h"
#include "forwarding_dialog.h"
#include "kansoku_runtime.h"
#include "lan_listening_dialog.h"
#include "otlp_forwarder.h"
#include "receive_menu.h"
#include "workbench_window.h"

#include <QSettings>

namespace kansoku {

ReceiveController::ReceiveController(KansokuRuntime *runtime, WorkbenchWindow *window,
                                     QObject *parent)
    : QObject(parent)
    , m_runtime(runtime)
    , m_window(window)
    , m_lanDialog(new LanListeningDialog(window))
{
    connect(window, &WorkbenchWindow::pauseRequested, this, &ReceiveController::setPaused);
    connect(window->receiveMenu(), &ReceiveMenu::lanListeningRequested, this,
            &ReceiveController::setListeningOnLan);
    connect(window, &WorkbenchWindow::forwardingRequested, this, &ReceiveController::forward);
    connect(window, &WorkbenchWindow::forwardingStopRequested, this,
            &ReceiveController::stopForwarding);
    m_window->setPaused(m_runtime->isPaused());
    m_window->setListeningOnLan(m_runtime->isListeningBeyondLoopback());
    showCurrent();
}

void ReceiveController::applyStartupForwarding(const CommandLineOptions &options)
{
    if (options.forwardTarget) {
        showCurrent(); // the runtime took it from the options
        return;
    }
    const QSettings settings;
    const QString url = settings.value(QLatin1String(urlKey)).toString();
    if (url.isEmpty())
        return;
    ForwardTarget::Problem problem;
    const std::optional<OtlpExportTarget> target = ForwardTarget::parse(
        url, settings.value(QLatin1String(protocolKey)).toString(), {}, &problem);
    QString error;
    if (!target || !m_runtime->setForwarding(target, m_runtime->forwardQueueMiB(), &error))
        m_window->showStatusMessage(tr("Saved forwarding to %1 not resumed: %2")
                                        .arg(url, target ? error : problem.message));
    showCurrent();
}

void ReceiveController::setPaused(bool paused)
{
    m_runtime->setPaused(paused);
    m_window->setPaused(paused);
    m_window->setReceivers(m_runtime->receiverStatuses()); // the status bar says it at once
    m_window->showStatusMessage(paused ? tr("Receiving paused: senders are told to retry later")
                                       : tr("Receiving resumed"));
}

void ReceiveController::setListeningOnLan(bool lan)
{
    QString error;
    const bool changed = m_runtime->setListeningOnLan(lan, &error);
    showListening();
    if (!changed) {
        m_window->showError(
            lan ? tr("Listen on the LAN") : tr("Listen on this machine only"),
            tr("The receivers could not listen there, so they listen as before.\n%1").arg(error));
        return;
    }
    if (lan) {
        m_lanDialog->setRoom(m_runtime->reachableAddresses(), m_runtime->participantLines());
        m_lanDialog->show();
        m_lanDialog->raise();
        m_window->showStatusMessage(tr("Listening on the LAN: exports must carry the token"));
    } else {
        m_lanDialog->hide();
        m_window->showStatusMessage(tr("Listening on this machine only (127.0.0.1)"));
    }
}

void ReceiveController::showListening()
{
    m_window->setListeningOnLan(m_runtime->isListeningBeyondLoopback());
    m_window->setParticipantLines(m_runtime->participantLines());
    m_window->setReceivers(m_runtime->receiverStatuses());
}

bool ReceiveController::forward(const QString &url, const QString &protocol,
                                const QStringList &headers)
{
    ForwardingDialog *dialog = m_window->forwardingDialog();
    ForwardTarget::Problem problem;
    const std::optional<OtlpExportTarget> target
        = ForwardTarget::parse(url, protocol, headers, &problem);
    if (!target) {
        const QString field = problem.field == ForwardTarget::Field::Url        ? tr("Upstream URL")
                              : problem.field == ForwardTarget::Field::Protocol ? tr("Protocol")
                                                                                : tr("Headers");
        dialog->showProblem(tr("%1: %2").arg(field, problem.message));
        return false;
    }
    QString error;
    if (!m_runtime->setForwarding(target, m_runtime->forwardQueueMiB(), &error)) {
        dialog->showProblem(tr("Upstream URL: %1").arg(error));
        return false;
    }
    QSettings settings;
    settings.setValue(QLatin1String(urlKey), url);
    settings.setValue(QLatin1String(protocolKey), OtlpExportTarget::protocolName(target->protocol));
    showCurrent();
    dialog->accept();
    m_window->showStatusMessage(
        tr("Forwarding to %1").arg(QString::fromStdString(OtlpForwarder::describe(*target))));
    return true;
}

void ReceiveController::stopForwarding()
{
    QString ignored;
    m_runtime->setForwarding(std::nullopt, m_runtime->forwardQueueMiB(), &ignored);
    QSettings settings;
    settings.remove(QLatin1String(urlKey));
    settings.remove(QLatin1String(protocolKey));
    showCurrent();
    m_window->forwardingDialog()->accept();
    m_window->showStatusMessage(tr("Forwarding stopped"));
}

void ReceiveController::showCurrent()
{
    const std::optional<OtlpExportTarget> target = m_runtime->forwardTarget();
    QStringList headerNames;
    if (target) {
        for (const auto &header : target->headers)
            headerNames << QString::fromUtf8(header.first);
    }
    m_window->forwardingDialog()->setCurrent(
        target ? target->endpoint.toString() : QString(),
        target ? OtlpExportTarget::protocolName(target->protocol) : QString(), headerNames);
}

} // namespace kansoku
