// Asks for a custom time range (start and end, local time, millisecond precision). GUI thread.
#pragma once

#include "core/time_range.h"

#include <QDialog>

class QDateTimeEdit;
class QLabel;
class QDialogButtonBox;

namespace kansoku {

class TimeRangeDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TimeRangeDialog(TimeRange initial, QWidget *parent = nullptr);
    TimeRange range() const;

private:
    void validate();

    QDateTimeEdit *m_start = nullptr;
    QDateTimeEdit *m_end = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace kansoku
