#include "time_range_bar.h"

#include "time_range_dialog.h"
#include "view/workbench_state.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace kansoku {

namespace {

using Preset = WorkbenchState::RangePreset;

QString formatTime(std::int64_t timeNs, std::int64_t spanNs)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(timeNs / 1'000'000);
    const bool sameDay = spanNs < 86'400'000'000'000LL;
    return time.toString(sameDay ? QStringLiteral("HH:mm:ss") : QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString formatSpan(std::int64_t spanNs)
{
    const double seconds = static_cast<double>(spanNs) / 1e9;
    if (seconds < 120)
        return QObject::tr("%1 s").arg(seconds, 0, 'f', seconds < 10 ? 1 : 0);
    if (seconds < 7200)
        return QObject::tr("%1 min").arg(seconds / 60, 0, 'f', 0);
    if (seconds < 172800)
        return QObject::tr("%1 h").arg(seconds / 3600, 0, 'f', 1);
    return QObject::tr("%1 days").arg(seconds / 86400, 0, 'f', 1);
}

} // namespace

TimeRangeBar::TimeRangeBar(WorkbenchState *state, QWidget *parent)
    : QWidget(parent)
    , m_state(state)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    m_presets = new QButtonGroup(this);
    const std::pair<Preset, QString> presets[] = {
        {Preset::Last5Minutes, tr("5 m")}, {Preset::Last15Minutes, tr("15 m")},
        {Preset::LastHour, tr("1 h")},     {Preset::Last6Hours, tr("6 h")},
        {Preset::All, tr("All")},
    };
    for (const auto &[preset, text] : presets) {
        auto *button = new QToolButton;
        button->setText(text);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setObjectName(QStringLiteral("preset_")
                              + text.simplified().remove(QLatin1Char(' ')));
        button->setToolTip(preset == Preset::All
                               ? tr("Everything in the session")
                               : tr("The last %1 of the session's data").arg(text));
        m_presets->addButton(button, static_cast<int>(preset));
        layout->addWidget(button);
    }
    m_customButton = new QToolButton;
    m_customButton->setObjectName(QStringLiteral("customRangeButton"));
    m_customButton->setText(tr("Custom…"));
    m_customButton->setCheckable(true);
    m_customButton->setAutoRaise(true);
    m_customButton->setToolTip(
        tr("Pick a start and end; dragging across any chart also sets a custom range"));
    m_presets->addButton(m_customButton, static_cast<int>(Preset::Custom));
    layout->addWidget(m_customButton);

    layout->addSpacing(8);
    m_followButton = new QToolButton;
    m_followButton->setObjectName(QStringLiteral("followLiveButton"));
    m_followButton->setText(tr("● Follow live"));
    m_followButton->setCheckable(true);
    m_followButton->setAutoRaise(true);
    m_followButton->setToolTip(tr("Keep the range on the newest data as it arrives"));
    layout->addWidget(m_followButton);
    layout->addSpacing(8);
    m_rangeLabel = new QLabel;
    m_rangeLabel->setObjectName(QStringLiteral("rangeLabel"));
    m_rangeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_rangeLabel);

    connect(m_presets, &QButtonGroup::idClicked, this, [this](int id) {
        const auto preset = static_cast<Preset>(id);
        if (preset == Preset::Custom)
            editCustomRange();
        else
            m_state->setRangePreset(preset);
        syncFromState(); // a cancelled dialog leaves the old preset checked
    });
    connect(m_followButton, &QToolButton::toggled, m_state, &WorkbenchState::setFollowLive);
    connect(m_state, &WorkbenchState::timeRangeChanged, this, &TimeRangeBar::syncFromState);
    connect(m_state, &WorkbenchState::followLiveChanged, this, &TimeRangeBar::syncFromState);
    // The data bounds move without a range change while "All" follows new data.
    connect(m_state, &WorkbenchState::telemetryCommitted, this, &TimeRangeBar::syncFromState);
    syncFromState();
}

void TimeRangeBar::editCustomRange()
{
    TimeRange initial = m_state->displayRange();
    if (!initial.isBounded()) {
        const std::int64_t nowNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
        initial = TimeRange{nowNs - 3'600'000'000'000LL, nowNs};
    }
    TimeRangeDialog dialog(initial, window());
    if (dialog.exec() == QDialog::Accepted)
        m_state->setCustomRange(dialog.range());
}

QString TimeRangeBar::rangeText() const
{
    const TimeRange shown = m_state->displayRange();
    if (!shown.isBounded())
        return tr("all time (no data yet)");
    const std::int64_t spanNs = shown.endNs - shown.startNs;
    const QString text = tr("%1 – %2 (%3)")
                             .arg(formatTime(shown.startNs, spanNs),
                                  formatTime(shown.endNs, spanNs), formatSpan(spanNs));
    return m_state->isFollowingLive() ? text + tr(" · following new data") : text;
}

void TimeRangeBar::syncFromState()
{
    if (QAbstractButton *button = m_presets->button(static_cast<int>(m_state->rangePreset())))
        button->setChecked(true);
    const QSignalBlocker blocker(m_followButton);
    m_followButton->setChecked(m_state->isFollowingLive());
    m_rangeLabel->setText(rangeText());
}

} // namespace kansoku
