#include "session_limits_dialog.h"

#include "view/retention_summary.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace kansoku {

namespace {
constexpr std::int64_t mib = 1024 * 1024;
}

SessionLimitsDialog::SessionLimitsDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("sessionLimitsDialog"));
    setWindowTitle(tr("Session limits"));
    auto *intro = new QLabel(tr("Kansoku deletes the session's oldest telemetry (whole traces, "
                                "logs, metric points) in the background to stay within these "
                                "limits. They are stored in the session file."));
    intro->setWordWrap(true);
    m_sizeMiB = new QSpinBox;
    m_sizeMiB->setObjectName(QStringLiteral("sizeCapField"));
    m_sizeMiB->setRange(0, 1 << 24);
    m_sizeMiB->setSingleStep(256);
    m_sizeMiB->setSuffix(tr(" MiB"));
    m_sizeMiB->setSpecialValueText(tr("No size cap"));
    m_age = new QLineEdit;
    m_age->setObjectName(QStringLiteral("ageLimitField"));
    m_age->setPlaceholderText(tr("e.g. 90m, 12h, 7d; off"));
    m_ageProblem = new QLabel;
    m_ageProblem->setObjectName(QStringLiteral("ageProblemLabel"));
    m_usage = new QLabel;
    m_usage->setObjectName(QStringLiteral("usageLabel"));
    m_usage->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Size cap:"), m_sizeMiB);
    form->addRow(tr("Keep the last:"), m_age);
    form->addRow(QString(), m_ageProblem);
    form->addRow(tr("Now:"), m_usage);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_age, &QLineEdit::textChanged, this, &SessionLimitsDialog::updateValidity);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        const std::optional<SessionLimits> limits = chosenLimits();
        if (!limits)
            return;
        accept();
        Q_EMIT limitsChosen(*limits);
    });
}

void SessionLimitsDialog::openFor(const SessionLimits &limits)
{
    m_sizeMiB->setValue(
        int(std::min<std::int64_t>(m_sizeMiB->maximum(), (limits.maxBytes + mib - 1) / mib)));
    m_age->setText(SessionLimits::retentionText(limits.retainNs));
    updateValidity();
    open();
}

void SessionLimitsDialog::setStatus(const StorageStatus &status)
{
    m_usage->setText(RetentionSummary::usageText(status));
}

std::optional<SessionLimits> SessionLimitsDialog::chosenLimits() const
{
    const std::optional<std::int64_t> retainNs = SessionLimits::parseRetention(m_age->text());
    if (!retainNs)
        return std::nullopt;
    return SessionLimits{std::int64_t(m_sizeMiB->value()) * mib, *retainNs};
}

void SessionLimitsDialog::updateValidity()
{
    const bool valid = chosenLimits().has_value();
    m_ageProblem->setText(valid ? QString()
                                : tr("Not a duration: a number with m, h, d or w, or off"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
}

} // namespace kansoku
