// The status bar's import area: while files import, the file name, MB done of total, items and a
// progress bar with Cancel; afterwards a one-line summary with "Details…" (the per-file problems)
// and a button to dismiss it. Hidden when there is nothing to say. GUI thread; fed plain values.
#pragma once

#include "core/import_report.h"

#include <QWidget>
#include <cstdint>

class QLabel;
class QProgressBar;
class QToolButton;

namespace kansoku {

class ImportProgressWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ImportProgressWidget(QWidget *parent = nullptr);

    void showProgress(const ImportProgressReport &progress);
    void showSummary(const ImportSummary &summary);

    QString text() const;
    bool isImporting() const { return m_importing; }
    // Test hooks: the buttons a user presses.
    QToolButton *cancelButton() const { return m_cancel; }
    QToolButton *detailsButton() const { return m_details; }

    static QString summaryText(const ImportSummary &summary);
    // "12 spans, 1 metric point, 0 logs": the counts of an import or of one of its files.
    static QString countsText(std::int64_t spans, std::int64_t dataPoints, std::int64_t logRecords);

Q_SIGNALS:
    void cancelRequested();
    void detailsRequested();

private:
    QLabel *m_label = nullptr;
    QProgressBar *m_bar = nullptr;
    QToolButton *m_cancel = nullptr;
    QToolButton *m_details = nullptr;
    QToolButton *m_dismiss = nullptr;
    bool m_importing = false;
};

} // namespace kansoku
