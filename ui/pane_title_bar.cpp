#include "pane_title_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QStyle>
#include <QToolButton>

namespace kansoku {

PaneTitleBar::PaneTitleBar(const QString &title, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 2, 2, 2);
    layout->setSpacing(2);
    auto *label = new QLabel(title);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    layout->addWidget(label);
    layout->addStretch();

    m_maximizeButton = new QToolButton;
    m_maximizeButton->setObjectName(QStringLiteral("maximizeButton"));
    m_maximizeButton->setAutoRaise(true);
    connect(m_maximizeButton, &QToolButton::clicked, this, &PaneTitleBar::maximizeToggled);
    layout->addWidget(m_maximizeButton);
    auto *close = new QToolButton;
    close->setObjectName(QStringLiteral("closeButton"));
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Close this pane (View menu brings it back)"));
    connect(close, &QToolButton::clicked, this, &PaneTitleBar::closeRequested);
    layout->addWidget(close);
    setMaximized(false);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
}

void PaneTitleBar::setMaximized(bool maximized)
{
    m_maximizeButton->setIcon(style()->standardIcon(maximized ? QStyle::SP_TitleBarNormalButton
                                                              : QStyle::SP_TitleBarMaxButton));
    m_maximizeButton->setToolTip(maximized ? tr("Restore the other panes")
                                           : tr("Maximise this pane (double-click the title)"));
}

void PaneTitleBar::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        Q_EMIT maximizeToggled();
        event->accept();
        return;
    }
    QWidget::mouseDoubleClickEvent(event);
}

} // namespace kansoku
