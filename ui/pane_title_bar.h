// The title bar of a workbench pane's dock: the pane name, maximise/restore and close. Unhandled
// mouse events fall through to the dock, so the bar still drags the pane to rearrange it.
// GUI thread.
#pragma once

#include <QWidget>

class QToolButton;

namespace kansoku {

class PaneTitleBar : public QWidget
{
    Q_OBJECT
public:
    explicit PaneTitleBar(const QString &title, QWidget *parent = nullptr);
    void setMaximized(bool maximized);

Q_SIGNALS:
    void maximizeToggled();
    void closeRequested();

protected:
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    QToolButton *m_maximizeButton = nullptr;
};

} // namespace kansoku
