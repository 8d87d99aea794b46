// The evidence of one finding, for the Findings pane: title, severity and detector, where it
// happens (service, operation, the statement in monospace, all selectable), the figures, the
// detector's facts, first and last seen, the example traces (each a button that opens it) and the
// fix hint, with the actions the finding offers (open the worst example or narrow every pane to
// its range; show the logs of an error hotspot). GUI thread.
#pragma once

#include "analysis/finding.h"

#include <QWidget>
#include <optional>

class QLabel;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QVBoxLayout;

namespace kansoku {

class FindingDetailsView : public QWidget
{
    Q_OBJECT
public:
    explicit FindingDetailsView(QWidget *parent = nullptr);

    void setFinding(const Finding &finding);
    // No finding: shows placeholderText() instead.
    void clear(const QString &placeholder);
    QString placeholderText() const;
    const std::optional<Finding> &finding() const { return m_finding; }

    // The parts, for tests and the pane.
    QLabel *titleLabel() const { return m_title; }
    QLabel *statementLabel() const { return m_statement; }
    QLabel *figuresLabel() const { return m_figures; }
    QLabel *factsLabel() const { return m_facts; }
    QLabel *fixHintLabel() const { return m_fixHint; }
    // "Open worst example", or for a traffic spike "Narrow to this range".
    QPushButton *openButton() const { return m_openButton; }
    QPushButton *logsButton() const { return m_logsButton; } // error hotspots only
    // One per example, worst first; empty when none.
    QList<QPushButton *> exampleButtons() const { return m_exampleButtons; }

Q_SIGNALS:
    void openRequested();                    // the open button
    void exampleActivated(int exampleIndex); // into Finding::examples
    void logsRequested();

private:
    void rebuildExamples(const Finding &finding);

    std::optional<Finding> m_finding;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QScrollArea *m_scrollArea = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_badge = nullptr;
    QLabel *m_where = nullptr;
    QLabel *m_statement = nullptr;
    QLabel *m_figures = nullptr;
    QLabel *m_facts = nullptr;
    QLabel *m_examplesHeading = nullptr;
    QWidget *m_examplesBox = nullptr;
    QVBoxLayout *m_examplesLayout = nullptr;
    QLabel *m_fixHint = nullptr;
    QPushButton *m_openButton = nullptr;
    QPushButton *m_logsButton = nullptr;
    QList<QPushButton *> m_exampleButtons;
};

} // namespace kansoku
