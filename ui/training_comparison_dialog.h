// Before/after for a training scenario: the RunComparison of the time before the fix with the
// time after it. A headline for the endpoint the incident hurt (latency, calls per request,
// errors), every endpoint in both runs by impact, and the findings the fix removed. Non-modal;
// shown again with fresh figures on each comparison. GUI thread.
#pragma once

#include "analysis/run_comparison.h"

#include <QDialog>
#include <optional>

class QLabel;

namespace kansoku {

class RunComparisonTable;

class TrainingComparisonDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TrainingComparisonDialog(QWidget *parent = nullptr);

    // focusService / focusOperation: the endpoint the scenario's incident is about (empty: the
    // endpoint with the largest impact).
    void setComparison(const RunComparison &comparison, const std::string &focusService,
                       const std::string &focusOperation);

    // The row of the headline: the incident's endpoint (or the one with the largest impact).
    const std::optional<ComparisonRow> &headlineRow() const { return m_headlineRow; }
    QString headlineText() const;
    QString findingsText() const;
    RunComparisonTable *table() const { return m_table; }

private:
    QLabel *m_headline = nullptr;
    RunComparisonTable *m_table = nullptr;
    QLabel *m_findings = nullptr;
    std::optional<ComparisonRow> m_headlineRow;
};

} // namespace kansoku
