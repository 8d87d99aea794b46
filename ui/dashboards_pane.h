// The Dashboards pane: on the left the ready-made dashboards the session's metrics offer
// (DashboardCatalog), on the right the chosen one as a grid of DashboardChartTiles, or an empty
// state naming the metrics that would make one appear. Streams and points are queried on workers
// through BackgroundQuery; it follows the WorkbenchState (range, service, live commits), reports
// dragged ranges back to it and asks it to open a chart's metric in the Metrics pane. A hidden
// pane queries nothing until it shows. GUI thread.
#pragma once

#include "analysis/dashboard_catalog.h"
#include "core/telemetry_queries.h"
#include "view/background_query.h"

#include <QWidget>
#include <memory>

class QGridLayout;
class QLabel;
class QListView;
class QScrollArea;
class QStackedWidget;

namespace kansoku {

class DashboardChartTile;
class DashboardListModel;
class OnScreenWatch;
class WorkbenchState;

class DashboardsPane : public QWidget
{
    Q_OBJECT
public:
    DashboardsPane(WorkbenchState *state, std::shared_ptr<const TelemetryQueries> queries,
                   QWidget *parent = nullptr);

    // For tests.
    DashboardListModel *listModel() const { return m_model; }
    QListView *listView() const { return m_list; }
    const std::vector<DashboardChartTile *> &tiles() const { return m_tiles; }
    // The key (OfferedDashboard::key()) of the dashboard shown; empty when none.
    QString currentKey() const { return m_currentKey; }
    // Shows the dashboard with this key; false when the session does not offer it.
    bool selectDashboard(const QString &key);
    bool isShowingEmptyState() const;
    QString emptyStateText() const;
    int gridColumns() const { return m_columns; }
    // True while a query has not answered.
    bool isLoading() const;
    // True when the state changed while nobody could see the pane: it queries once it shows.
    bool hasDeferredReload() const { return m_reloadDeferred; }

Q_SIGNALS:
    // A chart was opened in the Metrics pane (through WorkbenchState::requestMetric): the window
    // should bring that pane into view.
    void metricsPaneWanted();
    // An exemplar's span was selected (WorkbenchState::selectSpan): the same for the Traces pane.
    void tracesPaneWanted();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleReload();
    void reloadStreams();
    void applyStreams(std::vector<MetricStream> streams);
    void showDashboard(const OfferedDashboard *offered);
    void reloadCharts();
    void layoutTiles();
    void openInMetrics(const DashboardChartTile *tile);
    void updateEmptyState();
    // The plot width of a tile in the current grid, for the query resolution.
    int tilePlotWidth() const;

    WorkbenchState *m_state;
    std::shared_ptr<const TelemetryQueries> m_queries;
    DashboardListModel *m_model;
    QListView *m_list;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QLabel *m_title;
    QLabel *m_description;
    QScrollArea *m_scroll;
    QWidget *m_grid;
    QGridLayout *m_gridLayout;
    std::vector<DashboardChartTile *> m_tiles;
    std::vector<MetricStream> m_streams; // of the last answer: what the charts draw from
    QString m_currentKey;
    BackgroundQuery m_streamsQuery;
    BackgroundQuery m_pointsQuery;
    int m_columns = 2;
    int m_queriedPlotWidth = 0; // the plot width the shown points were fetched for
    bool m_reloadPending = false;
    bool m_reloadDeferred = false; // state changed while off screen
    OnScreenWatch *m_onScreen = nullptr;
    bool m_applying = false; // the list's current row is set from a new answer
};

} // namespace kansoku
