// File › Session limits…: shows the open session's limits (a size cap in MiB, an age limit such
// as 7d) with how much of them is in use and what retention removed, and raises limitsChosen()
// on OK; the app stores them in the session. Non-modal (open(), never exec()). GUI thread.
#pragma once

#include "core/storage_status.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace kansoku {

class SessionLimitsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SessionLimitsDialog(QWidget *parent = nullptr);

    // Fills the fields with the session's limits and opens the dialog.
    void openFor(const SessionLimits &limits);
    // The usage line, kept current while the dialog is open; the fields are left alone.
    void setStatus(const StorageStatus &status);
    // What the fields say; nullopt while the age limit is not a duration.
    std::optional<SessionLimits> chosenLimits() const;

    QSpinBox *sizeField() const { return m_sizeMiB; }
    QLineEdit *ageField() const { return m_age; }
    QDialogButtonBox *buttons() const { return m_buttons; }

Q_SIGNALS:
    void limitsChosen(const kansoku::SessionLimits &limits);

private:
    void updateValidity();

    QSpinBox *m_sizeMiB = nullptr;
    QLineEdit *m_age = nullptr;
    QLabel *m_ageProblem = nullptr;
    QLabel *m_usage = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace kansoku
