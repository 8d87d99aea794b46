// File › Replay into…: sends the open session (whole, or the window's selected time range) again
// as OTLP to another Kansoku or a Collector, timestamps moved to now and relative timing scaled by
// a speed. It asks (endpoint, protocol, range, speed) and raises startRequested/cancelRequested;
// the app replays on a worker (the engine of `kansoku replay`) and feeds back progress, problems
// and the outcome. The window stays usable while it runs. Non-modal, GUI thread.
#pragma once

#include "core/time_range.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace kansoku {

class WorkbenchState;

struct ReplayRequest
{
    QString endpoint; // as typed; the app checks it
    QString protocol; // "http/protobuf" or "grpc"
    TimeRange range;  // unbounded: the whole session
    double speed = 1.0;
};

class ReplayDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ReplayDialog(WorkbenchState *state, QWidget *parent = nullptr);

    // Fills the fields (the last endpoint and protocol used) and shows the dialog; the range
    // choice follows the window's time range at that moment.
    void openWith(const QString &endpoint, const QString &protocol);

    // The app's answers.
    void showProblem(const QString &problem); // refused or failed: say why, allow Start again
    void showStarted(std::int64_t totalItems, std::int64_t timeLeftNs);
    // sentItems of totalItems; timeLeftNs until the replay's (moved) timeline ends.
    void showProgress(std::int64_t sentItems, std::int64_t timeLeftNs);
    void showFinished(const QString &outcome); // done or cancelled; Start may run it again
    bool isRunning() const { return m_running; }
    std::int64_t totalItems() const { return m_totalItems; } // of the running or last replay

    QLineEdit *endpointEdit() const { return m_endpoint; }
    QComboBox *protocolBox() const { return m_protocol; }
    QRadioButton *selectedRangeButton() const { return m_selectedRange; }
    QDoubleSpinBox *speedBox() const { return m_speed; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *cancelButton() const { return m_cancel; }
    QString problemText() const;
    QString progressText() const;

Q_SIGNALS:
    void startRequested(const kansoku::ReplayRequest &request);
    void cancelRequested();

private:
    void start();
    void setRunning(bool running);

    WorkbenchState *m_state;
    QLineEdit *m_endpoint = nullptr;
    QComboBox *m_protocol = nullptr;
    QRadioButton *m_wholeSession = nullptr;
    QRadioButton *m_selectedRange = nullptr;
    QDoubleSpinBox *m_speed = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_cancel = nullptr;
    std::optional<TimeRange> m_offeredRange; // the window's range when the dialog opened
    std::int64_t m_totalItems = 0;
    bool m_running = false;
};

} // namespace kansoku
