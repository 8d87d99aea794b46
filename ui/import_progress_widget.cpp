#include "import_progress_widget.h"

#include "core/plural_count.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

namespace kansoku {

namespace {
QString megabytes(std::int64_t bytes)
{
    return QLocale().toString(double(bytes) / 1e6, 'f', 1);
}
} // namespace

ImportProgressWidget::ImportProgressWidget(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel)
    , m_bar(new QProgressBar)
    , m_cancel(new QToolButton)
    , m_details(new QToolButton)
    , m_dismiss(new QToolButton)
{
    m_label->setObjectName(QStringLiteral("importStatus"));
    m_bar->setObjectName(QStringLiteral("importProgress"));
    // Per mille, so files past 2 GiB fit an int range.
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(160);
    m_cancel->setObjectName(QStringLiteral("importCancel"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop importing; what was imported so far stays in the session"));
    m_details->setObjectName(QStringLiteral("importDetails"));
    m_details->setText(tr("Details…"));
    m_details->setToolTip(tr("Each file's counts and every skipped line or message"));
    m_dismiss->setObjectName(QStringLiteral("importDismiss"));
    m_dismiss->setText(QStringLiteral("×"));
    m_dismiss->setToolTip(tr("Hide the import summary"));
    for (QToolButton *button : {m_cancel, m_details, m_dismiss})
        button->setAutoRaise(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    layout->addWidget(m_details);
    layout->addWidget(m_dismiss);
    connect(m_cancel, &QToolButton::clicked, this, &ImportProgressWidget::cancelRequested);
    connect(m_details, &QToolButton::clicked, this, &ImportProgressWidget::detailsRequested);
    connect(m_dismiss, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void ImportProgressWidget::showProgress(const ImportProgressReport &progress)
{
    m_importing = true;
    QString text = tr("Importing %1").arg(progress.fileName);
    if (progress.fileCount > 1)
        text += tr(" (%1 of %2)").arg(progress.fileNumber).arg(progress.fileCount);
    text += tr(" · %1 of %2 MB · %3")
                .arg(megabytes(progress.bytesDone), megabytes(progress.bytesTotal),
                     tr("%Ln item(s)", nullptr, pluralCount(progress.items)));
    m_label->setText(text);
    m_label->setStyleSheet(QString());
    m_bar->setValue(
        progress.bytesTotal > 0
            ? int(1000 * std::min(progress.bytesDone, progress.bytesTotal) / progress.bytesTotal)
            : 0);
    m_bar->show();
    m_cancel->show();
    m_cancel->setEnabled(true);
    m_details->hide();
    m_dismiss->hide();
    show();
}

void ImportProgressWidget::showSummary(const ImportSummary &summary)
{
    m_importing = false;
    m_label->setText(summaryText(summary));
    m_label->setStyleSheet(summary.problemCount() > 0 ? QStringLiteral("color: #b00020")
                                                      : QString());
    m_bar->hide();
    m_cancel->hide();
    m_details->show();
    m_dismiss->show();
    show();
}

QString ImportProgressWidget::text() const
{
    return m_label->text();
}

QString ImportProgressWidget::summaryText(const ImportSummary &summary)
{
    QString text = summary.cancelled ? tr("Import cancelled: ") : tr("Imported ");
    text += tr("%1 from %2")
                .arg(countsText(summary.spans(), summary.dataPoints(), summary.logRecords()),
                     tr("%Ln file(s)", nullptr, pluralCount(std::int64_t(summary.files.size()))));
    const std::int64_t problems = summary.problemCount();
    if (problems > 0)
        text += tr(" · %Ln problem(s)", nullptr, pluralCount(problems));
    return text;
}

QString ImportProgressWidget::countsText(std::int64_t spans, std::int64_t dataPoints,
                                         std::int64_t logRecords)
{
    return tr("%1, %2, %3")
        .arg(tr("%Ln span(s)", nullptr, pluralCount(spans)),
             tr("%Ln metric point(s)", nullptr, pluralCount(dataPoints)),
             tr("%Ln log(s)", nullptr, pluralCount(logRecords)));
}

} // namespace kansoku
