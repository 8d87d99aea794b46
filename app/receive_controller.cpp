#include "receive_controller.h"

#include "forward_target.h"
#include "forwarding_dialog.h"
#include "kansoku_runtime.h"
#include "otlp_forwarder.h"
#include "workbench_window.h"

#include <QSettings>

namespace kansoku {

ReceiveController::ReceiveController(KansokuRuntime *runtime, WorkbenchWindow *window,
                                     QObject *parent)
    : QObject(parent)
    , m_runtime(runtime)
    , m_window(window)
{
    connect(window, &WorkbenchWindow::pauseRequested, this, &ReceiveController::setPaused);
    connect(window, &WorkbenchWindow::forwardingRequested, this, &ReceiveController::forward);
    connect(window, &WorkbenchWindow::forwardingStopRequested, this,
            &ReceiveController::stopForwarding);
    m_window->setPaused(m_runtime->isPaused());
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
