#include "service_map_pane.h"

#include "analysis/service_map_builder.h"
#include "core/plural_count.h"
#include "on_screen_watch.h"
#include "service_map_view.h"
#include "view/workbench_state.h"

#include <QLabel>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace kansoku {

ServiceMapPane::ServiceMapPane(WorkbenchState *state,
                               std::shared_ptr<const TelemetryQueries> queries, QWidget *parent)
    : QWidget(parent)
    , m_state(state)
    , m_queries(std::move(queries))
    , m_status(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new ServiceMapView(m_stack))
    , m_emptyState(new QLabel(m_stack))
    , m_liveTimer(new QTimer(this))
{
    m_status->setObjectName(QStringLiteral("serviceMapStatus"));
    m_status->setContentsMargins(6, 0, 6, 0);
    m_view->setObjectName(QStringLiteral("serviceMapView"));
    m_emptyState->setObjectName(QStringLiteral("serviceMapEmptyState"));
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_emptyState);
    m_stack->setCurrentWidget(m_emptyState);
    setFocusProxy(m_view);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_status);
    layout->addWidget(m_stack, 1);

    m_liveTimer->setSingleShot(true);
    connect(m_liveTimer, &QTimer::timeout, this, [this] {
        if (m_liveDataPending && !m_cancel)
            startBuild();
    });
    connect(m_view, &ServiceMapView::nodeActivated, this, &ServiceMapPane::activateNode);
    connect(m_view, &ServiceMapView::edgeActivated, this, &ServiceMapPane::activateEdge);
    m_onScreen = new OnScreenWatch(this);
    connect(m_onScreen, &OnScreenWatch::shown, this, [this] {
        if (m_buildDeferred)
            scheduleBuild();
    });
    connect(m_state, &WorkbenchState::timeRangeChanged, this, [this] {
        // Following live, the start of an open range moves forward with the data: new data,
        // mapped at the live pace, as the Findings pane does; anything else is a new question.
        const TimeRange range = m_state->timeRange();
        const bool followingForward
            = m_state->isFollowingLive() && m_state->rangePreset() == m_lastPreset
              && !range.hasEnd() && !m_lastRange.hasEnd() && range.startNs >= m_lastRange.startNs;
        m_lastRange = m_state->timeRange();
        m_lastPreset = m_state->rangePreset();
        if (followingForward)
            noteLiveData();
        else
            scheduleBuild();
    });
    connect(m_state, &WorkbenchState::serviceChanged, this, [this] {
        m_view->setSelectedService(m_state->service());
        scheduleBuild();
    });
    connect(m_state, &WorkbenchState::telemetryCommitted, this, &ServiceMapPane::noteLiveData);
    m_view->setSelectedService(m_state->service());
    m_lastRange = m_state->timeRange();
    m_lastPreset = m_state->rangePreset();
    startBuild();
}

ServiceMapPane::~ServiceMapPane()
{
    if (m_cancel)
        m_cancel->store(true);
    m_query.cancel();
}

void ServiceMapPane::scheduleBuild()
{
    if (m_buildScheduled)
        return;
    m_buildScheduled = true;
    // One build per event-loop turn, however many changes arrived in it.
    QTimer::singleShot(0, this, [this] {
        m_buildScheduled = false;
        startBuild();
    });
}

void ServiceMapPane::noteLiveData()
{
    m_liveDataPending = true;
    if (m_cancel || m_liveTimer->isActive() || m_buildScheduled)
        return;
    const qint64 intervalMs = std::max<qint64>(m_liveIntervalMs, 2 * m_lastBuildMs);
    m_liveTimer->start(int(std::max<qint64>(0, intervalMs - m_sinceBuildStart.elapsed())));
}

void ServiceMapPane::startBuild()
{
    if (!m_onScreen->isOnScreen()) {
        // Nobody looks at it (closed, or a tab behind another pane): build when it shows.
        m_buildDeferred = true;
        m_liveTimer->stop();
        return;
    }
    m_buildDeferred = false;
    if (m_cancel)
        m_cancel->store(true);
    m_liveTimer->stop();
    m_liveDataPending = false;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancel;
    m_sinceBuildStart.start();
    // Rates are per second of the range as drawn (clamped to the data), not of an open end.
    const TimeRange shown = m_state->displayRange();
    const std::int64_t durationNs
        = shown.hasStart() && shown.hasEnd() ? shown.endNs - shown.startNs : 0;
    m_query.run(
        this,
        [queries = m_queries, cancel, range = m_state->timeRange(), durationNs,
         service = m_state->service().toStdString()] {
            return std::make_shared<const ServiceMap>(
                ServiceMapBuilder::buildFrom(*queries, range, durationNs, service, *cancel));
        },
        [this](std::shared_ptr<const ServiceMap> map) { showMap(std::move(map)); });
    updateStatus();
}

void ServiceMapPane::showMap(std::shared_ptr<const ServiceMap> map)
{
    m_cancel.reset();
    m_lastBuildMs = m_sinceBuildStart.elapsed();
    ++m_completedBuilds;
    // A failed build leaves the last good map drawn; the status says it failed.
    m_lastError = QString::fromStdString(map->error);
    if (m_lastError.isEmpty()) {
        m_map = std::move(map);
        m_view->setMap(m_map);
        if (m_map->isEmpty()) {
            m_emptyState->setText(
                m_state->service().isEmpty()
                    ? tr("No traces in this time range.")
                    : tr("No traces through %1 in this time range.").arg(m_state->service()));
            m_stack->setCurrentWidget(m_emptyState);
        } else {
            m_stack->setCurrentWidget(m_view);
        }
    }
    updateStatus();
    Q_EMIT mapShown();
    if (m_liveDataPending)
        noteLiveData();
}

QString ServiceMapPane::statusText() const
{
    return m_status->text();
}

void ServiceMapPane::updateStatus()
{
    if (!m_lastError.isEmpty()) {
        m_status->setText(tr("Could not map the services: %1").arg(m_lastError));
        return;
    }
    if (m_cancel && !m_map) {
        m_status->setText(tr("Mapping the services of this range…"));
        return;
    }
    if (!m_map)
        return;
    const auto services
        = std::count_if(m_map->nodes.begin(), m_map->nodes.end(), [](const ServiceMapNode &node) {
              return node.kind == ServiceNodeKind::Service;
          });
    const std::int64_t others = std::int64_t(m_map->nodes.size()) - services;
    QString text
        = tr("%1, %2, %3 from %4")
              .arg(tr("%Ln service(s)", nullptr, pluralCount(services)),
                   tr("%Ln other(s)", nullptr, pluralCount(others)),
                   tr("%Ln call(s)", nullptr, pluralCount(std::int64_t(m_map->edges.size()))),
                   tr("%Ln trace(s)", nullptr, pluralCount(m_map->traceCount)));
    if (!m_state->service().isEmpty())
        text += tr(" through %1").arg(m_state->service());
    text += tr(" · click a service or call to filter every pane");
    if (m_cancel)
        text += tr(" · updating…");
    m_status->setText(text);
}

void ServiceMapPane::activateNode(int index)
{
    if (!m_map || index < 0 || index >= int(m_map->nodes.size()))
        return;
    const ServiceMapNode &node = m_map->nodes[std::size_t(index)];
    if (node.kind == ServiceNodeKind::Service) {
        // The filtered service again: back to every service, so the map is one click from whole.
        const QString service = QString::fromStdString(node.name);
        m_state->setService(m_state->service() == service ? QString() : service);
        return;
    }
    // A database or host has no spans of its own: its busiest caller's are where its calls are.
    const ServiceMapEdge *busiest = nullptr;
    for (const ServiceMapEdge &edge : m_map->edges) {
        if (edge.callee == index && (!busiest || edge.callCount > busiest->callCount))
            busiest = &edge;
    }
    if (busiest)
        m_state->setService(
            QString::fromStdString(m_map->nodes[std::size_t(busiest->caller)].name));
}

void ServiceMapPane::activateEdge(int index)
{
    if (!m_map || index < 0 || index >= int(m_map->edges.size()))
        return;
    const ServiceMapEdge &edge = m_map->edges[std::size_t(index)];
    // The callee's server spans are the calls as received; a database or host reports none, so
    // the caller's client spans stand for them.
    const int service = m_map->nodes[std::size_t(edge.callee)].kind == ServiceNodeKind::Service
                            ? edge.callee
                            : edge.caller;
    m_state->setService(QString::fromStdString(m_map->nodes[std::size_t(service)].name));
}

} // namespace kansoku
