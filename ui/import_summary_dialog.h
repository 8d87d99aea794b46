// The details of a finished import: per file its format, outcome and counts, then every reported
// problem as FILE:LINE / FILE@OFFSET and the reason, selectable for copying. Non-modal. GUI thread.
#pragma once

#include "core/import_report.h"

#include <QDialog>

class QPlainTextEdit;

namespace kansoku {

class ImportSummaryDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ImportSummaryDialog(QWidget *parent = nullptr);

    void setSummary(const ImportSummary &summary);
    QString text() const;

    static QString reportText(const ImportSummary &summary);

private:
    QPlainTextEdit *m_text = nullptr;
};

} // namespace kansoku
