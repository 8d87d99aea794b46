#include "time_range_dialog.h"

#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>

namespace kansoku {

namespace {
constexpr std::int64_t nsPerMs = 1'000'000;

QDateTime toDateTime(std::int64_t timeNs)
{
    return QDateTime::fromMSecsSinceEpoch(timeNs / nsPerMs);
}
} // namespace

TimeRangeDialog::TimeRangeDialog(TimeRange initial, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Custom time range"));
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz");
    m_start = new QDateTimeEdit(toDateTime(initial.startNs));
    m_end = new QDateTimeEdit(toDateTime(initial.endNs));
    for (QDateTimeEdit *edit : {m_start, m_end}) {
        edit->setDisplayFormat(format);
        edit->setCalendarPopup(true);
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &TimeRangeDialog::validate);
    }
    m_start->setObjectName(QStringLiteral("rangeStart"));
    m_end->setObjectName(QStringLiteral("rangeEnd"));
    m_error = new QLabel;
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QFormLayout(this);
    layout->addRow(tr("From (local time):"), m_start);
    layout->addRow(tr("To:"), m_end);
    layout->addRow(m_error);
    layout->addRow(m_buttons);
    validate();
}

TimeRange TimeRangeDialog::range() const
{
    return TimeRange{m_start->dateTime().toMSecsSinceEpoch() * nsPerMs,
                     m_end->dateTime().toMSecsSinceEpoch() * nsPerMs};
}

void TimeRangeDialog::validate()
{
    const bool valid = !range().isEmpty();
    m_error->setText(valid ? QString() : tr("The end must be after the start."));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
}

} // namespace kansoku
