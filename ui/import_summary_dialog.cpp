#include "import_summary_dialog.h"

#include "core/plural_count.h"
#include "import_progress_widget.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace kansoku {

ImportSummaryDialog::ImportSummaryDialog(QWidget *parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit)
{
    setObjectName(QStringLiteral("importSummaryDialog"));
    setWindowTitle(tr("Import summary"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setFont(QFont(QStringLiteral("monospace")));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    resize(820, 420);
}

void ImportSummaryDialog::setSummary(const ImportSummary &summary)
{
    m_text->setPlainText(reportText(summary));
}

QString ImportSummaryDialog::text() const
{
    return m_text->toPlainText();
}

QString ImportSummaryDialog::reportText(const ImportSummary &summary)
{
    QStringList lines{ImportProgressWidget::summaryText(summary), QString()};
    for (const ImportFileReport &file : summary.files) {
        const QString format = file.format.isEmpty() ? tr("unknown format") : file.format;
        lines << tr("%1 (%2): %3 — %4")
                     .arg(QFileInfo(file.path).fileName(), format, file.outcome,
                          ImportProgressWidget::countsText(file.spans, file.dataPoints,
                                                           file.logRecords));
        for (const QString &problem : file.problems)
            lines << QStringLiteral("  ") + problem;
        const std::int64_t unlisted = file.problemCount - file.problems.size();
        if (unlisted > 0)
            lines << tr("  … and %Ln more problem(s) not listed", nullptr, pluralCount(unlisted));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace kansoku
