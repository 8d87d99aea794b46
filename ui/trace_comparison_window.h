// "Compare traces": a window of its own showing two traces merged by operation path (what only A
// did, what only B did, and how calls and time changed for the rest), so a person can set a slow
// request beside a fast one, or a request before a fix beside one after it. Loads both traces and
// builds the comparison on a worker; several windows may be open at once. GUI thread.
#pragma once

#include "core/telemetry_queries.h"
#include "view/background_query.h"

#include <QWidget>
#include <memory>

class QCheckBox;
class QLabel;
class QSortFilterProxyModel;
class QTreeView;

namespace kansoku {

class TraceComparisonModel;

class TraceComparisonWindow : public QWidget
{
    Q_OBJECT
public:
    TraceComparisonWindow(std::shared_ptr<const TelemetryQueries> queries, const TraceId &a,
                          const TraceId &b, QWidget *parent = nullptr);
    ~TraceComparisonWindow() override;

    const TraceId &traceA() const { return m_traceA; }
    const TraceId &traceB() const { return m_traceB; }
    TraceComparisonModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    bool isLoading() const { return m_load.isBusy(); }
    // "Only differences" hides rows whose calls and time are the same in A and B.
    void setOnlyDifferences(bool only);

Q_SIGNALS:
    // Emitted once the comparison is shown (or the error); for tests and status.
    void loaded();

private:
    void load();

    std::shared_ptr<const TelemetryQueries> m_queries;
    TraceId m_traceA;
    TraceId m_traceB;
    QLabel *m_summary;
    QCheckBox *m_onlyDifferences;
    TraceComparisonModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_tree;
    BackgroundQuery m_load;
};

} // namespace kansoku
