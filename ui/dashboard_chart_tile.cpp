#include "dashboard_chart_tile.h"

#include "analysis/dashboard_catalog.h"
#include "chart_view.h"
#include "metric_chart_presenter.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace kansoku {

DashboardChartTile::DashboardChartTile(const DashboardChart &chart, QWidget *parent)
    : QFrame(parent)
    , m_spec(chart)
    , m_title(new QLabel(chart.title, this))
    , m_subtitle(new QLabel(this))
    , m_open(new QToolButton(this))
    , m_chart(new ChartView(this))
{
    setObjectName(QStringLiteral("dashboardTile"));
    setFrameShape(QFrame::StyledPanel);
    m_title->setObjectName(QStringLiteral("tileTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_subtitle->setObjectName(QStringLiteral("tileSubtitle"));
    m_subtitle->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setToolTip(chart.metrics.join(QStringLiteral(", ")));
    m_open->setObjectName(QStringLiteral("openInMetrics"));
    m_open->setText(tr("Open in Metrics"));
    m_open->setToolTip(tr("Show %1 in the Metrics pane, with its browser and chart options (or "
                          "double-click the chart)")
                           .arg(chart.metrics.value(0)));
    m_open->setAutoRaise(true);
    m_chart->setObjectName(QStringLiteral("tileChart"));
    m_chart->setLegendVisible(true);

    auto *header = new QHBoxLayout;
    header->setSpacing(6);
    header->addWidget(m_title);
    header->addWidget(m_subtitle, 1);
    header->addWidget(m_open);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addWidget(m_chart, 1);

    connect(m_open, &QToolButton::clicked, this, &DashboardChartTile::openRequested);
    connect(m_chart, &ChartView::doubleClicked, this, &DashboardChartTile::openRequested);
    connect(m_chart, &ChartView::rangeSelected, this, &DashboardChartTile::rangeSelected);
    connect(m_chart, &ChartView::exemplarClicked, this, &DashboardChartTile::exemplarClicked);
    setEmpty(tr("Loading…"), TimeRange{});
}

void DashboardChartTile::setChart(MetricChart chart, TimeRange range, bool hasPoints)
{
    m_chart->setEmptyText(hasPoints ? tr("No values in the range") : tr("No points in the range"));
    const QString shown = chart.shown;
    // A single line has no legend: the subtitle says what it is, unless it is the whole scope.
    QString onlyLine;
    if (chart.series.size() == 1
        && m_spec.groupBy != DashboardCatalog::scopeKey(Dashboard::Scope::Host)
        && m_spec.groupBy != DashboardCatalog::scopeKey(Dashboard::Scope::Service))
        onlyLine = chart.series.front().displayName();
    const QString unit = MetricChartPresenter::show(m_chart, std::move(chart), range);
    // "rate /s" with "bytes/s" says per second twice: the unit alone says it once.
    QString subtitle = shown;
    if (shown.startsWith(QLatin1String("rate")) && unit.endsWith(QLatin1String("/s")))
        subtitle = unit == QLatin1String("/s") ? tr("per second") : unit;
    else if (!unit.isEmpty())
        subtitle += QStringLiteral(" · ") + unit;
    if (!onlyLine.isEmpty())
        subtitle += QStringLiteral(" · ") + onlyLine;
    m_subtitle->setText(subtitle);
}

void DashboardChartTile::setEmpty(const QString &text, TimeRange range)
{
    m_chart->clear();
    m_chart->setEmptyText(text);
    m_chart->setTimeRange(range);
    m_subtitle->clear();
}

QString DashboardChartTile::titleText() const
{
    return m_title->text();
}

QString DashboardChartTile::subtitleText() const
{
    return m_subtitle->text();
}

} // namespace kansoku
