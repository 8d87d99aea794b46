// One side (Before or After) of the before/after dialog: where its run comes from (this session,
// a recent session or another session file chosen in a file dialog) and the time range on it
// (from/to, or the whole session). GUI thread.
#pragma once

#include "core/time_range.h"

#include <QGroupBox>
#include <functional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QPushButton;

namespace kansoku {

struct BeforeAfterSide
{
    QString sessionPath; // empty: the session open in the window
    TimeRange range;     // the default (unbounded) range is the whole session
};

class BeforeAfterSideBox : public QGroupBox
{
    Q_OBJECT
public:
    // Returns the chosen file, or an empty string when the user cancelled.
    using PathProvider = std::function<QString(const QString &caption, const QString &filter)>;

    explicit BeforeAfterSideBox(const QString &title, QWidget *parent = nullptr);

    // "This session (name)" as the first source; the recent sessions follow it (the open one left
    // out), then "Another session file…".
    void setSessions(const QString &openSessionPath, const QStringList &recentSessions);
    // Selects this session with the range [range.startNs, range.endNs).
    void useThisSession(const TimeRange &range);
    // Selects a session file (added to the sources when it is not one yet), whole.
    void useSessionFile(const QString &path);
    void setRange(const TimeRange &range); // from/to, no longer the whole session
    BeforeAfterSide side() const;
    // The file's name, or "this session (name)", for messages.
    QString sourceName() const;

    void setPathProvider(PathProvider provider) { m_pathProvider = std::move(provider); }
    QComboBox *sourceBox() const { return m_source; }
    QDateTimeEdit *fromEdit() const { return m_from; }
    QDateTimeEdit *toEdit() const { return m_to; }
    QCheckBox *wholeSessionBox() const { return m_whole; }
    QPushButton *currentRangeButton() const { return m_currentRange; }

private:
    void sourceActivated(int index);
    void addSource(const QString &text, const QString &path);

    QComboBox *m_source = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QCheckBox *m_whole = nullptr;
    QPushButton *m_currentRange = nullptr;
    PathProvider m_pathProvider;
    QString m_openSessionPath;
    int m_lastSource = 0; // what a cancelled file dialog goes back to
};

} // namespace kansoku
