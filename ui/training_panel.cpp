#include "training_panel.h"

#include "training_menu.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace kansoku {

TrainingPanel::TrainingPanel(TrainingMenu *menu, QWidget *parent)
    : QDockWidget(tr("Training"), parent)
{
    setObjectName(QStringLiteral("trainingDock"));
    setFeatures(QDockWidget::NoDockWidgetFeatures);
    setTitleBarWidget(new QWidget); // the bar is its own title

    m_title = new QLabel;
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_elapsed = new QLabel;
    m_elapsed->setObjectName(QStringLiteral("trainingElapsed"));
    m_elapsed->setToolTip(tr("Time since the scenario started"));
    m_phase = new QLabel;
    m_phase->setObjectName(QStringLiteral("trainingPhase"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_title);
    top->addSpacing(12);
    top->addWidget(m_elapsed);
    top->addSpacing(12);
    top->addWidget(m_phase);
    top->addStretch();
    for (QAction *action : {menu->foundItAction(), menu->hintAction(), menu->applyFixAction(),
                            menu->compareAction(), menu->stopAction()}) {
        auto *button = new QToolButton;
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        top->addWidget(button);
    }

    m_task = new QLabel;
    m_task->setWordWrap(true);
    m_task->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messages = new QTextBrowser;
    m_messages->setObjectName(QStringLiteral("trainingMessages"));
    m_messages->setFixedHeight(fontMetrics().lineSpacing() * 6);

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addLayout(top);
    layout->addWidget(m_task);
    layout->addWidget(m_messages);
    setWidget(content);

    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &TrainingPanel::updateElapsed);
}

void TrainingPanel::begin(const QString &title, const QString &task, const QString &gettingStarted)
{
    setTexts(title, task);
    m_messages->setPlaceholderText(gettingStarted);
    m_messages->clear();
    m_phase->clear();
    m_clock.start();
    m_tick.start();
    updateElapsed();
}

void TrainingPanel::setTexts(const QString &title, const QString &task)
{
    m_title->setText(title);
    m_task->setText(task);
}

void TrainingPanel::setPhase(const QString &phase)
{
    m_phase->setText(phase);
}

void TrainingPanel::addMessage(const QString &heading, const QString &body)
{
    m_messages->append(
        QStringLiteral("<p><b>%1</b> %2</p>").arg(heading.toHtmlEscaped(), body.toHtmlEscaped()));
    m_messages->verticalScrollBar()->setValue(m_messages->verticalScrollBar()->maximum());
}

void TrainingPanel::end()
{
    m_tick.stop();
}

QString TrainingPanel::messagesText() const
{
    return m_messages->toPlainText();
}

QString TrainingPanel::phaseText() const
{
    return m_phase->text();
}

QString TrainingPanel::elapsedText() const
{
    return m_elapsed->text();
}

void TrainingPanel::updateElapsed()
{
    const qint64 seconds = m_clock.isValid() ? m_clock.elapsed() / 1000 : 0;
    m_elapsed->setText(QStringLiteral("%1:%2")
                           .arg(seconds / 60, 2, 10, QLatin1Char('0'))
                           .arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

} // namespace kansoku
