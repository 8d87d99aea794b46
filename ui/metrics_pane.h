// The Metrics pane: a browser of service → metric (filterable by name) on the left and the
// selected metric's chart on the right. Queries run on workers through BackgroundQuery; the pane
// follows the WorkbenchState (range, service, live commits) and reports dragged ranges back to
// it. GUI thread.
#pragma once

#include "core/telemetry_queries.h"
#include "view/background_query.h"

#include <QSet>
#include <QWidget>
#include <memory>
#include <optional>

class QLineEdit;
class QSortFilterProxyModel;
class QSplitter;
class QTreeView;

namespace kansoku {

class ExportControl;
class MetricBrowserModel;
class MetricChartPanel;
class WorkbenchState;

class MetricsPane : public QWidget
{
    Q_OBJECT
public:
    MetricsPane(WorkbenchState *state, std::shared_ptr<const TelemetryQueries> queries,
                QWidget *parent = nullptr);

    // For tests and the app's "select metric" actions.
    MetricBrowserModel *browserModel() const { return m_model; }
    MetricChartPanel *chartPanel() const { return m_chartPanel; }
    QTreeView *browserView() const { return m_tree; }
    ExportControl *exportControl() const { return m_export; }
    // Selects the metric with this MetricEntry::key(); false when it is not listed.
    bool selectMetric(const QString &key);
    // Shows the metric grouped by groupByKey (empty: no grouping), clearing a name filter that
    // hides it; a metric not listed yet is shown once the browser lists it.
    void openMetric(const QString &key, const QString &groupByKey);
    // True while a browser or chart query has not answered.
    bool isLoading() const;

Q_SIGNALS:
    // An exemplar's span was selected (WorkbenchState::selectSpan): the window should bring the
    // Traces pane into view.
    void tracesPaneWanted();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    static constexpr int wideLayoutMinWidth = 900;
    void scheduleReload();
    void reloadBrowser();
    void applyStreams(const std::vector<MetricStream> &streams);
    void showCurrent(const QModelIndex &proxyIndex);
    void reloadChart();
    void restoreExpansion();
    void addExports();

    WorkbenchState *m_state;
    std::shared_ptr<const TelemetryQueries> m_queries;
    MetricBrowserModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTreeView *m_tree;
    QSplitter *m_splitter = nullptr;
    MetricChartPanel *m_chartPanel;
    ExportControl *m_export = nullptr;
    BackgroundQuery m_browserQuery;
    BackgroundQuery m_pointsQuery;
    QSet<QString> m_collapsedServices; // the user's; every other service shows expanded
    int m_queriedPlotWidth = 0;        // the plot width the shown points were fetched for
    bool m_reloadPending = false;
    bool m_chartReloadPending = false;
    bool m_restoring = false;
    bool m_userPicked = false; // the user chose a metric; until then the first one is shown
    // A metric another pane asked for (WorkbenchState::metricRequested) before it was listed.
    std::optional<std::pair<QString, QString>> m_requestedMetric; // key, group-by key
};

} // namespace kansoku
