#include "training_controller.h"

#include "analysis/run_comparison.h"
#include "findings_pane.h"
#include "kansoku_runtime.h"
#include "metrics_pane.h"
#include "playback_console.h"
#include "scenarios/scenario_catalog.h"
#include "scenarios/scenario_engine.h"
#include "session_analysis.h"
#include "session_controller.h"
#include "telemetry_store.h"
#include "trace_inspector.h"
#include "traces_pane.h"
#include "training_comparison_dialog.h"
#include "training_dialog.h"
#include "training_menu.h"
#include "training_panel.h"
#include "training_playback.h"
#include "view/finding_list_model.h"
#include "view/metric_browser_model.h"
#include "workbench_window.h"

#include <QApplication>
#include <QCursor>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTableView>
#include <QTreeView>

namespace kansoku {

namespace {

const QString languageKey = QStringLiteral("training/language");
constexpr std::int64_t SecondNs = 1'000'000'000;

QString text(TrainingTexts::Line line, TrainingLanguage language)
{
    return QString::fromStdString(TrainingTexts::line(line, language));
}

// Where the app's own receiver takes exports: gRPC when it listens, else HTTP; a wildcard listen
// address is reached on loopback.
std::optional<OtlpExportTarget> ownReceiver(const KansokuRuntime &runtime)
{
    const auto statuses = runtime.receiverStatuses();
    for (const char *protocol : {"OTLP/gRPC", "OTLP/HTTP"}) {
        for (const ReceiverStatus &status : statuses) {
            if (status.protocol != protocol || !status.listening)
                continue;
            const QString endpoint = QString::fromStdString(status.endpoint);
            const QString port = endpoint.section(QLatin1Char(':'), -1);
            QString host = endpoint.section(QLatin1Char(':'), 0, -2);
            if (host.isEmpty() || host == QLatin1String("0.0.0.0"))
                host = QStringLiteral("127.0.0.1");
            else if (host == QLatin1String("::") || host == QLatin1String("[::]"))
                host = QStringLiteral("[::1]");
            else if (host.contains(QLatin1Char(':')) && !host.startsWith(QLatin1Char('[')))
                host = QLatin1Char('[') + host + QLatin1Char(']');
            OtlpExportTarget target;
            target.protocol = status.protocol == "OTLP/gRPC"
                                  ? OtlpExportTarget::Protocol::Grpc
                                  : OtlpExportTarget::Protocol::HttpProtobuf;
            target.endpoint = QUrl(QStringLiteral("http://%1:%2").arg(host, port));
            if (runtime.requiresToken())
                target.headers.append(
                    {QByteArrayLiteral("authorization"), "Bearer " + runtime.token().toUtf8()});
            return target;
        }
    }
    return std::nullopt;
}

// The endpoint the incident is about: the first expectation that names one.
std::pair<std::string, std::string> focusEndpoint(const Scenario &scenario)
{
    const ScenarioGroundTruth truth = scenario.groundTruth(ScenarioVariant::Before);
    for (const ExpectedFinding &expected : truth.findings) {
        if (!expected.operation.empty())
            return {expected.service, expected.operation};
    }
    return truth.findings.empty() ? std::pair<std::string, std::string>{}
                                  : std::pair{truth.findings.front().service, std::string()};
}

// "Span: shop-api · tcp.connect"
QString spanText(const AnsweredSpan &span, TrainingLanguage language)
{
    return text(TrainingTexts::Line::SpanLabel, language)
           + QString::fromStdString(span.span.service) + QStringLiteral(" · ")
           + QString::fromStdString(span.span.name);
}

struct ComparisonOutcome
{
    std::optional<RunComparison> comparison;
    QString error;
};

} // namespace

TrainingController::TrainingController(KansokuRuntime *runtime, SessionController *sessions,
                                       WorkbenchWindow *window, QObject *parent)
    : QObject(parent)
    , m_runtime(runtime)
    , m_sessions(sessions)
    , m_window(window)
{
    const QString saved = QSettings().value(languageKey).toString();
    m_language = saved.isEmpty() ? TrainingTexts::languageForLocale(QLocale().name().toStdString())
                                 : TrainingTexts::languageFromId(saved.toStdString());

    // The menu goes before Help, the panel above the panes; the window itself is not changed.
    m_menu = new TrainingMenu(window);
    QMenuBar *bar = window->menuBar();
    const QList<QAction *> menus = bar->actions();
    bar->insertMenu(menus.isEmpty() ? nullptr : menus.constLast(), m_menu);
    m_panel = new TrainingPanel(m_menu, window);
    window->addDockWidget(Qt::TopDockWidgetArea, m_panel);
    m_panel->hide();
    m_dialog = new TrainingDialog(window);
    m_dialog->setLanguages({QStringLiteral("English"), QStringLiteral("日本語")},
                           m_language == TrainingLanguage::Japanese ? 1 : 0);
    m_comparison = new TrainingComparisonDialog(window);

    connect(m_menu->startAction(), &QAction::triggered, this, &TrainingController::showDialog);
    connect(m_menu->foundItAction(), &QAction::triggered, this,
            &TrainingController::answerSelected);
    connect(m_menu->hintAction(), &QAction::triggered, this, &TrainingController::showNextHint);
    connect(m_menu->applyFixAction(), &QAction::triggered, this, &TrainingController::applyFix);
    connect(m_menu->compareAction(), &QAction::triggered, this, &TrainingController::compare);
    connect(m_menu->stopAction(), &QAction::triggered, this, &TrainingController::stop);
    connect(m_dialog, &TrainingDialog::startRequested, this, &TrainingController::start);
    connect(m_dialog, &TrainingDialog::languageChosen, this, [this](int index) {
        setLanguage(index == 1 ? TrainingLanguage::Japanese : TrainingLanguage::English);
    });
    connect(m_sessions, &SessionController::sessionChanged, this,
            &TrainingController::onSessionChanged);
    connect(qApp, &QApplication::focusChanged, this,
            [this](QWidget *, QWidget *focused) { noteFocus(focused); });
    refreshCards();
}

TrainingController::~TrainingController()
{
    shutdown();
}

void TrainingController::setLanguage(TrainingLanguage language)
{
    m_language = language;
    QSettings().setValue(languageKey, QLatin1String(TrainingTexts::languageId(language)));
    refreshCards();
    if (m_scenario) {
        const TrainingBriefing briefing = TrainingTexts::briefing(*m_scenario, m_language);
        m_panel->setTexts(QString::fromStdString(briefing.title),
                          QString::fromStdString(briefing.task));
    }
}

void TrainingController::refreshCards()
{
    std::vector<TrainingScenarioCard> cards;
    for (const auto &scenario : ScenarioCatalog::all()) {
        const TrainingBriefing briefing = TrainingTexts::briefing(*scenario, m_language);
        cards.push_back(
            {QString::fromStdString(scenario->info().id), QString::fromStdString(briefing.title),
             QString::fromStdString(briefing.system), QString::fromStdString(briefing.complaint),
             QString::fromStdString(briefing.task), scenario->info().storySeconds / 60,
             text(TrainingTexts::Line::SystemHeading, m_language),
             text(TrainingTexts::Line::ComplaintHeading, m_language),
             text(TrainingTexts::Line::TaskHeading, m_language)});
    }
    m_dialog->setCards(std::move(cards));
}

void TrainingController::showDialog()
{
    if (m_scenario)
        m_dialog->selectScenario(QString::fromStdString(m_scenario->info().id));
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
}

bool TrainingController::start(const QString &scenarioId)
{
    const std::shared_ptr<const Scenario> scenario
        = ScenarioCatalog::find(scenarioId.toStdString());
    if (!scenario)
        return false;
    stop();
    const QString path
        = QDir(m_sessionDirectory)
              .filePath(QStringLiteral("training-%1-%2.kansoku")
                            .arg(scenarioId, QDateTime::currentDateTime().toString(
                                                 QStringLiteral("yyyy-MM-dd-HHmmss"))));
    QDir().mkpath(m_sessionDirectory);
    m_switchingSession = true;
    const bool switched = m_sessions->newSession(path);
    m_switchingSession = false;
    if (!switched)
        return false;
    const std::optional<OtlpExportTarget> target = ownReceiver(*m_runtime);
    if (!target) {
        m_window->showError(tr("Training"),
                            tr("Kansoku's receivers are not listening, so the scenario has "
                               "nowhere to send its telemetry. See View > Receivers and storage."));
        return false;
    }

    m_scenario = scenario;
    m_fixAppliedNs.reset();
    m_hintsShown = 0;
    m_lastTouched = AnswerSource::None;
    const ScenarioInfo &info = scenario->info();
    const double liveSeconds = m_pacing.liveSeconds.value_or(
        std::max(30.0, info.storySeconds - m_pacing.historySeconds));
    const std::int64_t now = PlaybackConsole::wallClockNs();
    m_beforeTimeline = {now - std::int64_t(m_pacing.historySeconds * SecondNs),
                        now + std::int64_t(liveSeconds * SecondNs)};
    m_checker.emplace(scenario, m_beforeTimeline);
    startPlayback(ScenarioVariant::Before, m_beforeTimeline.startNs, m_beforeTimeline.endNs);

    const TrainingBriefing briefing = TrainingTexts::briefing(*scenario, m_language);
    m_panel->begin(QString::fromStdString(briefing.title), QString::fromStdString(briefing.task),
                   text(TrainingTexts::Line::GettingStarted, m_language));
    m_panel->setPhase(tr("Before the fix · live"));
    m_panel->show();
    m_window->showStatusMessage(
        tr("Training: %1 plays into %2").arg(scenarioId, QFileInfo(path).fileName()));
    updateActions();
    return true;
}

void TrainingController::startPlayback(ScenarioVariant variant, std::int64_t startNs,
                                       std::int64_t endNs)
{
    const std::optional<OtlpExportTarget> target = ownReceiver(*m_runtime);
    if (!target)
        return;
    const std::uint64_t seed = std::uint64_t(startNs) % 1'000'000;
    auto *playback
        = new TrainingPlayback(std::make_unique<ScenarioEngine>(
                                   *m_scenario, variant, ScenarioTimeline{startNs, endNs}, seed),
                               *target, this);
    connect(playback, &TrainingPlayback::finished, this,
            [this, playback](const PlaybackSummary &summary) {
                onPlaybackFinished(playback, summary);
            });
    m_playback = playback;
    playback->start();
}

void TrainingController::onPlaybackFinished(TrainingPlayback *playback,
                                            const PlaybackSummary &summary)
{
    playback->deleteLater();
    if (playback != m_playback)
        return; // a variant replaced by the fix, or a stopped training
    m_playback = nullptr;
    if (!summary.ok)
        m_panel->addMessage(tr("The scenario could not send its telemetry:"), summary.error);
    else if (!summary.stopped)
        m_panel->setPhase(m_fixAppliedNs ? tr("After the fix · the story has ended")
                                         : tr("The story has ended"));
    Q_EMIT playbackFinished();
}

void TrainingController::onSessionChanged()
{
    if (!m_switchingSession && m_scenario)
        stop();
}

void TrainingController::noteFocus(QWidget *focused)
{
    for (QWidget *widget = focused; widget; widget = widget->parentWidget()) {
        if (qobject_cast<FindingsPane *>(widget)) {
            m_lastTouched = AnswerSource::Finding;
            return;
        }
        if (qobject_cast<MetricsPane *>(widget)) {
            m_lastTouched = AnswerSource::Metric;
            return;
        }
        if (auto *inspector = qobject_cast<TraceInspector *>(widget)) {
            m_lastTouched = AnswerSource::Span;
            m_lastInspector = inspector;
            return;
        }
    }
}

TraceInspector *TrainingController::answerInspector() const
{
    if (m_lastInspector && m_lastInspector->trace())
        return m_lastInspector;
    auto *traces
        = qobject_cast<TracesPane *>(m_window->paneDock(WorkbenchWindow::Pane::Traces)->widget());
    return traces ? traces->traceInspector() : nullptr;
}

void TrainingController::answerSelected()
{
    if (!m_scenario)
        return;
    std::optional<Finding> finding;
    if (auto *findings = qobject_cast<FindingsPane *>(
            m_window->paneDock(WorkbenchWindow::Pane::Findings)->widget())) {
        const QModelIndex current = findings->table()->selectionModel()->currentIndex();
        if (current.isValid() && current.row() < findings->model()->rowCount())
            finding = findings->model()->finding(current.row());
    }
    // One span of a loaded trace: a scan of its spans, no query.
    std::optional<AnsweredSpan> span;
    if (const TraceInspector *inspector = answerInspector(); inspector && inspector->trace())
        span = AnsweredSpan::fromTrace(*inspector->trace(), inspector->selectedSpanId());
    QString metricName;
    QString metricService;
    if (auto *metrics = qobject_cast<MetricsPane *>(
            m_window->paneDock(WorkbenchWindow::Pane::Metrics)->widget())) {
        const QModelIndex current = metrics->browserView()->currentIndex();
        const QString key = current.data(MetricBrowserModel::MetricKeyRole).toString();
        if (!key.isEmpty()) {
            metricName = key.section(QChar(0x1f), 1, 1);
            metricService = current.data(MetricBrowserModel::ServiceRole).toString();
        }
    }
    const bool metric = !metricName.isEmpty();
    const int selected = int(finding.has_value()) + int(span.has_value()) + int(metric);
    if (selected == 0) {
        m_panel->addMessage(QStringLiteral("—"),
                            text(TrainingTexts::Line::SelectFirst, m_language));
        return;
    }
    // One selected, or several and the learner was in one of their panes last: that one.
    const bool several = selected > 1;
    if (finding && (!several || m_lastTouched == AnswerSource::Finding))
        return answerFinding(*finding, several);
    if (span && (!several || m_lastTouched == AnswerSource::Span))
        return answerSpan(*span, several);
    if (metric && (!several || m_lastTouched == AnswerSource::Metric))
        return answerMetric(metricName, metricService, several);
    // Several, and none of their panes had the focus yet: the learner says which one is meant.
    auto *choice = new QMenu(m_window);
    choice->setObjectName(QStringLiteral("trainingAnswerChoice"));
    choice->setAttribute(Qt::WA_DeleteOnClose);
    // The finding first and active (Enter takes it): the Metrics pane always has a metric
    // selected once it lists any, the Findings pane only what the learner picked or opened.
    if (finding)
        choice->addAction(text(TrainingTexts::Line::FindingLabel, m_language)
                              + QString::fromStdString(finding->title),
                          this, [this, f = *finding] { answerFinding(f); });
    if (span)
        choice->addAction(spanText(*span, m_language), this, [this, s = *span] { answerSpan(s); });
    if (metric)
        choice->addAction(
            text(TrainingTexts::Line::MetricLabel, m_language) + metricName, this,
            [this, metricName, metricService] { answerMetric(metricName, metricService); });
    QAction *first = choice->actions().constFirst();
    choice->popup(QCursor::pos(), first);
    choice->setActiveAction(first);
}

void TrainingController::answerFinding(const Finding &finding, bool pickedByLastTouch)
{
    if (!m_checker)
        return;
    showAnswer(text(TrainingTexts::Line::FindingLabel, m_language)
                   + QString::fromStdString(finding.title),
               m_checker->checkFinding(finding, m_language), pickedByLastTouch);
}

void TrainingController::answerMetric(const QString &name, const QString &service,
                                      bool pickedByLastTouch)
{
    if (!m_checker)
        return;
    showAnswer(text(TrainingTexts::Line::MetricLabel, m_language) + name,
               m_checker->checkMetric(name.toStdString(), service.toStdString(), m_language),
               pickedByLastTouch);
}

void TrainingController::answerSpan(const AnsweredSpan &span, bool pickedByLastTouch)
{
    if (!m_checker)
        return;
    showAnswer(spanText(span, m_language), m_checker->checkSpan(span, m_language),
               pickedByLastTouch);
}

void TrainingController::showAnswer(const QString &what, const TrainingAnswer &answer,
                                    bool pickedByLastTouch)
{
    const QString checked
        = pickedByLastTouch
              ? what + QLatin1Char(' ') + text(TrainingTexts::Line::CheckedLastTouched, m_language)
              : what;
    m_panel->addMessage(QString::fromStdString(answer.heading),
                        checked + QStringLiteral(" — ")
                            + QString::fromStdString(answer.explanation));
}

void TrainingController::showNextHint()
{
    if (!m_scenario)
        return;
    const std::vector<std::string> hints = TrainingTexts::hints(*m_scenario, m_language);
    if (hints.empty())
        return;
    if (m_hintsShown >= hints.size()) {
        m_panel->addMessage(text(TrainingTexts::Line::NoMoreHints, m_language),
                            QString::fromStdString(hints.back()));
        return;
    }
    const std::size_t index = m_hintsShown++;
    m_panel->addMessage(
        text(TrainingTexts::Line::HintHeading, m_language).arg(index + 1).arg(hints.size()),
        QString::fromStdString(hints[index]));
}

void TrainingController::applyFix()
{
    if (!m_scenario || m_fixAppliedNs)
        return;
    const std::int64_t now = PlaybackConsole::wallClockNs();
    const double seconds = m_pacing.afterFixSeconds.value_or(m_scenario->info().storySeconds);
    m_fixAppliedNs = now;
    // The before variant ends now: the requests it has in flight still end as before-variant
    // traces (none mixes the two, none is cut), and it goes once they are sent
    // (onPlaybackFinished).
    if (m_playback)
        m_playback->endAt(now);
    startPlayback(ScenarioVariant::After, now, now + std::int64_t(seconds * SecondNs));
    m_panel->setPhase(tr("After the fix · live"));
    m_panel->addMessage(
        text(TrainingTexts::Line::FixHeading, m_language),
        QString::fromStdString(TrainingTexts::briefing(*m_scenario, m_language).fix));
    m_window->showStatusMessage(
        tr("The fix is applied: once some requests have come in, Training > Before/after… "
           "compares the two."));
    updateActions();
}

void TrainingController::compare()
{
    if (!m_scenario || !m_fixAppliedNs)
        return;
    const TimeRange before{m_beforeTimeline.startNs, *m_fixAppliedNs};
    const TimeRange after{*m_fixAppliedNs, PlaybackConsole::wallClockNs()};
    const QString name = QFileInfo(m_runtime->sessionPath()).fileName();
    m_window->showStatusMessage(tr("Comparing before and after the fix…"));
    m_comparisonQuery.run(
        this,
        [queries = m_runtime->store()->queries(), name, before, after] {
            ComparisonOutcome outcome;
            if (!queries) {
                outcome.error = tr("the session is not open");
                return outcome;
            }
            const SessionAnalyzer analyzer;
            const auto beforeRun = analyzer.analyze(*queries, name, before, &outcome.error);
            const auto afterRun = beforeRun
                                      ? analyzer.analyze(*queries, name, after, &outcome.error)
                                      : std::nullopt;
            if (beforeRun && afterRun)
                outcome.comparison = RunComparison::compare(beforeRun->profile, afterRun->profile);
            return outcome;
        },
        [this](ComparisonOutcome outcome) {
            if (!outcome.comparison || !m_scenario) {
                m_window->showError(tr("Before/after"), outcome.error);
                return;
            }
            const auto [service, operation] = focusEndpoint(*m_scenario);
            m_comparison->setComparison(*outcome.comparison, service, operation);
            m_comparison->show();
            m_comparison->raise();
            m_window->showStatusMessage(tr("Before/after: compared"));
            Q_EMIT comparisonShown();
        });
}

void TrainingController::stop()
{
    if (!m_scenario)
        return;
    // The variant playing and a before variant still sending its last requests after the fix:
    // each is deleted once it has finished.
    for (TrainingPlayback *playback : findChildren<TrainingPlayback *>(Qt::FindDirectChildrenOnly))
        playback->stop();
    m_playback = nullptr;
    m_comparisonQuery.cancel();
    m_scenario.reset();
    m_checker.reset();
    m_fixAppliedNs.reset();
    m_panel->end();
    m_panel->hide();
    m_window->showStatusMessage(tr("Training stopped; the session stays open"));
    updateActions();
}

void TrainingController::shutdown()
{
    stop();
    // Players still winding down are joined now, while the receivers still answer them.
    for (TrainingPlayback *playback : findChildren<TrainingPlayback *>(Qt::FindDirectChildrenOnly))
        delete playback;
}

void TrainingController::syncPanelVisibility()
{
    m_panel->setVisible(m_scenario != nullptr);
}

bool TrainingController::isPlaying() const
{
    return m_playback && m_playback->isRunning();
}

QString TrainingController::scenarioId() const
{
    return m_scenario ? QString::fromStdString(m_scenario->info().id) : QString();
}

void TrainingController::updateActions()
{
    m_menu->setRunning(m_scenario != nullptr, m_fixAppliedNs.has_value());
}

} // namespace kansoku
