// Details of the selected span: a summary header (name, service, status, timing), buttons to the
// span's and the trace's logs, and a tree of fields, typed attributes, events, links (activating
// one emits linkActivated), resource and scope. GUI thread.
#pragma once

#include "core/telemetry_queries.h"

#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;
class QTreeView;

namespace kansoku {

class SpanDetailsModel;

class SpanDetailsView : public QWidget
{
    Q_OBJECT
public:
    explicit SpanDetailsView(QWidget *parent = nullptr);

    // Shows trace->spans[spanIndex]; selfTimeNs comes from the span tree. nullptr clears.
    void setSpan(std::shared_ptr<const Trace> trace, int spanIndex, std::int64_t selfTimeNs);
    void clear();

    QTreeView *treeView() const { return m_tree; }
    SpanDetailsModel *model() const { return m_model; }

Q_SIGNALS:
    void linkActivated(const kansoku::TraceId &traceId, const kansoku::SpanId &spanId);
    void logsOfSpanRequested();
    void logsOfTraceRequested();

private:
    void activate(const QModelIndex &index);
    void copy(const QModelIndex &index, bool withKey);
    void showContextMenu(const QPoint &pos);

    std::shared_ptr<const Trace> m_trace;
    QLabel *m_titleLabel = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QPushButton *m_spanLogsButton = nullptr;
    QPushButton *m_traceLogsButton = nullptr;
    QTreeView *m_tree = nullptr;
    SpanDetailsModel *m_model = nullptr;
};

} // namespace kansoku
