#include "trace_window.h"

#include "trace_inspector.h"
#include "view/workbench_state.h"

#include <QVBoxLayout>

namespace kansoku {

TraceWindow::TraceWindow(WorkbenchState *state, std::shared_ptr<const TelemetryQueries> queries,
                         const TraceId &traceId, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_state(state)
    , m_queries(std::move(queries))
    , m_traceId(traceId)
    , m_inspector(new TraceInspector(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    const QString id = QString::fromStdString(toHex(traceId));
    setWindowTitle(tr("Trace %1 — Kansoku").arg(id));
    m_inspector->setObjectName(QStringLiteral("traceInspector"));
    m_inspector->setNewWindowButtonVisible(false);
    // Its trace has no time range or list to find a baseline in; the pane's copy has.
    m_inspector->setCompareButtonVisible(false);
    m_inspector->setEmptyText(tr("Loading trace %1…").arg(id));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_inspector);
    // Wide enough for the span details beside the waterfall.
    resize(std::max(1100, TraceInspector::wideLayoutMinWidth + 100), 800);

    connect(m_inspector, &TraceInspector::linkActivated, m_state, &WorkbenchState::selectSpan);
    connect(m_inspector, &TraceInspector::logsOfTraceRequested, m_state,
            [this](const TraceId &trace) { m_state->requestLogsOf(trace); });
    connect(m_inspector, &TraceInspector::logsOfSpanRequested, m_state,
            &WorkbenchState::requestLogsOf);

    m_load.run(
        this,
        [queries = m_queries, traceId]() -> std::shared_ptr<const Trace> {
            std::optional<Trace> trace = queries->trace(traceId);
            return trace ? std::make_shared<const Trace>(std::move(*trace)) : nullptr;
        },
        [this, id](std::shared_ptr<const Trace> trace) {
            m_inspector->setTrace(trace);
            if (!trace) {
                m_inspector->setEmptyText(tr("Trace %1 is not in this session").arg(id));
            } else if (!trace->spans.empty()) {
                setWindowTitle(tr("%1 — trace %2 — Kansoku")
                                   .arg(m_inspector->titleText(), id.left(8) + QChar(0x2026)));
            }
            Q_EMIT loaded();
        });
}

} // namespace kansoku
