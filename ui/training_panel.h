// The compact bar shown while a training scenario runs, docked above the panes: the scenario's
// title, the elapsed time, what is playing, the task, the buttons of the Training menu (I found
// it…, Hint, Apply the fix, Before/after…, Stop) and the coach's messages (verdicts, hints,
// what the fix changed), newest last. GUI thread.
#pragma once

#include <QDockWidget>
#include <QElapsedTimer>
#include <QTimer>

class QLabel;
class QTextBrowser;

namespace kansoku {

class TrainingMenu;

class TrainingPanel : public QDockWidget
{
    Q_OBJECT
public:
    explicit TrainingPanel(TrainingMenu *menu, QWidget *parent = nullptr);

    // A scenario started: the title and task shown, the messages cleared (gettingStarted shows
    // until the first one), the clock at zero.
    void begin(const QString &title, const QString &task, const QString &gettingStarted);
    // The title and task again (the training language changed).
    void setTexts(const QString &title, const QString &task);
    // "Before the fix · live", "After the fix · live", "The story has ended".
    void setPhase(const QString &phase);
    // heading in bold, then body; shown at the end of the messages, which scroll to it.
    void addMessage(const QString &heading, const QString &body);
    void end();

    QString messagesText() const;
    QString phaseText() const;
    QString elapsedText() const;

private:
    void updateElapsed();

    QLabel *m_title = nullptr;
    QLabel *m_elapsed = nullptr;
    QLabel *m_phase = nullptr;
    QLabel *m_task = nullptr;
    QTextBrowser *m_messages = nullptr;
    QElapsedTimer m_clock;
    QTimer m_tick;
};

} // namespace kansoku
