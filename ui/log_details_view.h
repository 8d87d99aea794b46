// The details of the selected log: the full body (pretty-printed when structured), a header with
// severity and time, the trace and span ids with "Open trace" and copy buttons, and a tree of the
// fields, attributes, resource and scope. GUI thread.
#pragma once

#include "core/telemetry_queries.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QToolButton;
class QTreeView;

namespace kansoku {

class LogDetailsModel;

class LogDetailsView : public QWidget
{
    Q_OBJECT
public:
    explicit LogDetailsView(QWidget *parent = nullptr);

    void showLog(const StoredLog &log);
    void clear();
    bool hasLog() const { return m_log.has_value(); }

Q_SIGNALS:
    void openTraceRequested(const kansoku::TraceId &traceId, const kansoku::SpanId &spanId);

private:
    QLabel *m_header = nullptr;
    QLabel *m_ids = nullptr;
    QToolButton *m_openTrace = nullptr;
    QToolButton *m_copyTrace = nullptr;
    QToolButton *m_copySpan = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QTreeView *m_tree = nullptr;
    LogDetailsModel *m_model = nullptr;
    std::optional<StoredLog> m_log;
};

} // namespace kansoku
