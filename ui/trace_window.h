// One trace in a window of its own, so several can be open at once (two side by side, a slow
// request beside a fast one): a TraceInspector over the trace, loaded by id on a worker. Span
// links and "logs of this span / trace" go to the WorkbenchState like the Traces pane's. GUI
// thread; a top-level child of the pane that opened it (closes with it), deleted when closed.
#pragma once

#include "core/telemetry_queries.h"
#include "view/background_query.h"

#include <QWidget>
#include <memory>

namespace kansoku {

class TraceInspector;
class WorkbenchState;

class TraceWindow : public QWidget
{
    Q_OBJECT
public:
    TraceWindow(WorkbenchState *state, std::shared_ptr<const TelemetryQueries> queries,
                const TraceId &traceId, QWidget *parent = nullptr);

    TraceId traceId() const { return m_traceId; }
    TraceInspector *traceInspector() const { return m_inspector; }
    bool isLoading() const { return m_load.isBusy(); }

Q_SIGNALS:
    void loaded(); // the trace is shown, or the message that the session does not hold it

private:
    WorkbenchState *m_state;
    std::shared_ptr<const TelemetryQueries> m_queries;
    TraceId m_traceId;
    TraceInspector *m_inspector;
    BackgroundQuery m_load;
};

} // namespace kansoku
