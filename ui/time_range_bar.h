// The shared time-range control at the top of the workbench: presets (5 m … 6 h, all), a custom
// range, "follow live", and the resolved range in words. It only edits the WorkbenchState; every
// pane follows the state. GUI thread.
#pragma once

#include <QWidget>

class QButtonGroup;
class QLabel;
class QToolButton;

namespace kansoku {

class WorkbenchState;

class TimeRangeBar : public QWidget
{
    Q_OBJECT
public:
    explicit TimeRangeBar(WorkbenchState *state, QWidget *parent = nullptr);

    // "14:02:10 – 14:07:10 (5 min)", "all time", "last 5 min of data (following)"; for tests too.
    QString rangeText() const;

private:
    void syncFromState();
    void editCustomRange();

    WorkbenchState *m_state;
    QButtonGroup *m_presets = nullptr;
    QToolButton *m_customButton = nullptr;
    QToolButton *m_followButton = nullptr;
    QLabel *m_rangeLabel = nullptr;
};

} // namespace kansoku
