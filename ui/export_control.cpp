#include "export_control.h"

#include "chart_view.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPointer>
#include <QToolButton>

namespace kansoku {

ExportControl::ExportControl(QWidget *parent)
    : QWidget(parent)
    , m_button(new QToolButton(this))
    , m_status(new QLabel(this))
    , m_lastDirectory(QDir::homePath())
{
    m_button->setObjectName(QStringLiteral("exportButton"));
    m_button->setText(tr("Export…"));
    m_button->setPopupMode(QToolButton::InstantPopup);
    m_button->setMenu(new QMenu(m_button));
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_button);

    m_pathProvider
        = [this](const QString &caption, const QString &suggestedPath, const QString &filter) {
              return QFileDialog::getSaveFileName(window(), caption, suggestedPath, filter);
          };
}

QAction *ExportControl::addExport(const QString &text, const QString &suggestedFileName,
                                  const QString &filter, const QString &noun,
                                  std::function<Work()> prepare, RunOn runOn)
{
    QAction *action = m_button->menu()->addAction(text);
    connect(action, &QAction::triggered, this,
            [this, text, suggestedFileName, filter, noun, prepare = std::move(prepare), runOn] {
                run(text, suggestedFileName, filter, noun, prepare, runOn);
            });
    return action;
}

void ExportControl::addSeparator()
{
    m_button->menu()->addSeparator();
}

void ExportControl::addChartImageExports(ChartView *chart, const QString &what,
                                         const QString &baseName)
{
    const QPointer<ChartView> guarded(chart);
    for (const QString &format :
         {QStringLiteral("PNG"), QStringLiteral("SVG"), QStringLiteral("PDF")}) {
        const QString suffix = format.toLower();
        addExport(
            tr("Export %1 as %2…").arg(what, format), baseName + QLatin1Char('.') + suffix,
            tr("%1 image (*.%2)").arg(format, suffix), tr("chart"),
            [guarded]() -> Work {
                return [guarded](const QString &path) {
                    ExportResult result;
                    result.path = path;
                    result.ok = guarded && guarded->saveImage(path);
                    result.items = result.ok ? 1 : 0;
                    if (!result.ok)
                        result.error = tr("Cannot write %1").arg(path);
                    return result;
                };
            },
            RunOn::GuiThread);
    }
}

QString ExportControl::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void ExportControl::showError(const QString &message)
{
    m_status->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_status->setText(message);
    m_status->setToolTip(message);
    m_status->show();
    Q_EMIT exportFinished(false, message);
}

void ExportControl::run(const QString &text, const QString &suggestedFileName,
                        const QString &filter, const QString &noun,
                        const std::function<Work()> &prepare, RunOn runOn)
{
    if (m_busy)
        return;
    Work work = prepare();
    if (!work)
        return;
    QString caption = text;
    caption.remove(QStringLiteral("…"));
    const QString path
        = m_pathProvider(caption, QDir(m_lastDirectory).filePath(suggestedFileName), filter);
    if (path.isEmpty())
        return;
    m_lastDirectory = QFileInfo(path).absolutePath();
    if (runOn == RunOn::GuiThread) {
        finish(work(path), noun);
        return;
    }
    m_busy = true;
    m_button->setEnabled(false);
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Exporting to %1…").arg(QFileInfo(path).fileName()));
    m_status->show();
    m_export.run(
        this, [work = std::move(work), path] { return work(path); },
        [this, noun](const ExportResult &result) { finish(result, noun); });
}

void ExportControl::finish(const ExportResult &result, const QString &noun)
{
    m_busy = false;
    m_button->setEnabled(true);
    if (!result.ok) {
        showError(result.error);
        return;
    }
    const QString message = tr("Exported %1 %2 to %3")
                                .arg(QLocale().toString(static_cast<qlonglong>(result.items)), noun,
                                     QDir::toNativeSeparators(result.path));
    m_status->setStyleSheet(QStringLiteral("color: #2e6b30;"));
    m_status->setText(message);
    m_status->setToolTip(message);
    m_status->show();
    Q_EMIT exportFinished(true, message);
}

} // namespace kansoku
