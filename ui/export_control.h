// An "Export…" tool button with a menu of exports, and a short status beside it ("Exported 1,234
// logs to logs.jsonl", or the error naming the file). Each entry asks for a file (QFileDialog, or
// a path provider that tests replace), then runs its work on a worker thread (BackgroundQuery) so
// the GUI thread never touches SQLite; chart images render on the GUI thread. GUI thread.
#pragma once

#include "formats/telemetry_exporter.h"
#include "view/background_query.h"

#include <QWidget>
#include <functional>

class QLabel;
class QToolButton;

namespace kansoku {

class ChartView;

class ExportControl : public QWidget
{
    Q_OBJECT
public:
    // Returns the chosen path, or an empty string when the user cancelled.
    using PathProvider = std::function<QString(const QString &caption, const QString &suggestedPath,
                                               const QString &filter)>;
    // Writes the file at path. Must only use values it captured.
    using Work = std::function<ExportResult(const QString &path)>;
    enum class RunOn { Worker, GuiThread };

    explicit ExportControl(QWidget *parent = nullptr);

    // Adds a menu entry. prepare() runs on the GUI thread when the entry is chosen and captures
    // what to export; it returns an empty Work (after setting why through showError) when there
    // is nothing to export. noun names the counted items in the confirmation ("logs").
    QAction *addExport(const QString &text, const QString &suggestedFileName, const QString &filter,
                       const QString &noun, std::function<Work()> prepare,
                       RunOn runOn = RunOn::Worker);
    void addSeparator();
    // "Export <what> as PNG…", "… SVG…", "… PDF…": the chart as it is drawn, at its size.
    void addChartImageExports(ChartView *chart, const QString &what, const QString &baseName);

    void setPathProvider(PathProvider provider) { m_pathProvider = std::move(provider); }
    QToolButton *button() const { return m_button; }
    QString statusText() const;
    bool isBusy() const { return m_busy; }
    void showError(const QString &message);

Q_SIGNALS:
    // After every export that was started (not after a cancelled file dialog).
    void exportFinished(bool ok, const QString &message);

private:
    void run(const QString &text, const QString &suggestedFileName, const QString &filter,
             const QString &noun, const std::function<Work()> &prepare, RunOn runOn);
    void finish(const ExportResult &result, const QString &noun);

    QToolButton *m_button = nullptr;
    QLabel *m_status = nullptr;
    PathProvider m_pathProvider;
    QString m_lastDirectory;
    bool m_busy = false;
    BackgroundQuery m_export;
};

} // namespace kansoku
