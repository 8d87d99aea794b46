// The Service map pane: the services of the shared time range and the calls between them
// (ServiceMapBuilder over every trace of the range, or of the traces through the filtered
// service), drawn by a ServiceMapView. Clicking a service filters every pane to it (again: back
// to every service); clicking a
// call filters to the service that received it (the caller when the callee is a database or
// host, which has no spans of its own). The map is built on a worker (BackgroundQuery, the
// superseded build cancelled): at once when the range or service changes, at most every few
// seconds while data arrives, and not at all while the pane is hidden. GUI thread.
#pragma once

#include "analysis/service_map.h"
#include "core/telemetry_queries.h"
#include "view/background_query.h"
#include "view/workbench_state.h"

#include <QElapsedTimer>
#include <QWidget>
#include <atomic>
#include <memory>

class QLabel;
class QStackedWidget;
class QTimer;

namespace kansoku {

class OnScreenWatch;
class ServiceMapView;

class ServiceMapPane : public QWidget
{
    Q_OBJECT
public:
    // Live data rebuilds the map at most this often, and never sooner than twice the last build's
    // time: like an analysis, a build reads every trace of the range.
    static constexpr int LiveIntervalMs = 5000;

    ServiceMapPane(WorkbenchState *state, std::shared_ptr<const TelemetryQueries> queries,
                   QWidget *parent = nullptr);
    ~ServiceMapPane() override;

    ServiceMapView *view() const { return m_view; }
    const ServiceMap *map() const { return m_map.get(); }
    QString statusText() const;
    bool isBuilding() const { return m_cancel != nullptr; }
    int completedBuilds() const { return m_completedBuilds; }
    // Tests shorten the live interval; LiveIntervalMs by default.
    void setLiveIntervalMs(int intervalMs) { m_liveIntervalMs = intervalMs; }

    // What a click on a node or an edge does: filter every pane to a service.
    void activateNode(int node);
    void activateEdge(int edge);

Q_SIGNALS:
    void mapShown(); // a build's answer is drawn

private:
    void scheduleBuild();
    void startBuild();
    void noteLiveData();
    void showMap(std::shared_ptr<const ServiceMap> map);
    void updateStatus();

    WorkbenchState *m_state;
    std::shared_ptr<const TelemetryQueries> m_queries;
    QLabel *m_status = nullptr;
    QStackedWidget *m_stack = nullptr;
    ServiceMapView *m_view = nullptr;
    QLabel *m_emptyState = nullptr;
    QTimer *m_liveTimer = nullptr;
    OnScreenWatch *m_onScreen = nullptr;

    BackgroundQuery m_query;
    std::shared_ptr<std::atomic<bool>> m_cancel; // the running build's; null when idle
    std::shared_ptr<const ServiceMap> m_map;     // the last one built without error
    QString m_lastError;
    QElapsedTimer m_sinceBuildStart;
    qint64 m_lastBuildMs = 0;
    int m_liveIntervalMs = LiveIntervalMs;
    int m_completedBuilds = 0;
    bool m_buildScheduled = false;
    bool m_buildDeferred = false; // asked for while hidden: runs when shown
    bool m_liveDataPending = false;
    TimeRange m_lastRange;
    WorkbenchState::RangePreset m_lastPreset = WorkbenchState::RangePreset::All;
};

} // namespace kansoku
