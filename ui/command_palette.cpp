#include "command_palette.h"

#include "command_palette_delegate.h"
#include "view/command_palette_model.h"

#include <QCoreApplication>
#include <QFrame>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace kansoku {

CommandPalette::CommandPalette(QWidget *parent)
    : QDialog(parent, Qt::Popup | Qt::FramelessWindowHint)
    , m_search(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_model(new CommandPaletteModel(this))
{
    setObjectName(QStringLiteral("commandPalette"));
    m_search->setObjectName(QStringLiteral("commandPaletteSearch"));
    m_search->setPlaceholderText(
        tr("Type a command, service, metric, trace id or log search text"));
    m_search->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("commandPaletteList"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new CommandPaletteDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setFocusPolicy(Qt::NoFocus); // typing always goes to the field
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    // A popup has no window frame: a panel frame sets it off the window under it.
    auto *frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setFrameShadow(QFrame::Raised);
    auto *layout = new QVBoxLayout(frame);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(frame);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setQuery(text);
        selectRow(0);
    });
    connect(m_search, &QLineEdit::returnPressed, this,
            [this] { chooseRow(m_list->currentIndex().row()); });
    connect(m_list, &QListView::clicked, this,
            [this](const QModelIndex &index) { chooseRow(index.row()); });
    m_search->installEventFilter(this);
}

void CommandPalette::popUp(std::vector<CommandPaletteEntry> entries)
{
    m_search->blockSignals(true);
    m_search->clear();
    m_search->blockSignals(false);
    m_model->setQuery({});
    m_model->setEntries(std::move(entries));
    selectRow(0);

    // About half the window wide, in its upper third, like the editors users know it from.
    QWidget *window = parentWidget() ? parentWidget()->window() : nullptr;
    const QRect area = window ? window->geometry() : QRect(0, 0, 1280, 800);
    const int width = std::clamp(area.width() / 2, std::min(480, area.width()), 760);
    const int height = std::clamp(area.height() / 2, std::min(240, area.height()), 480);
    setGeometry(area.left() + (area.width() - width) / 2, area.top() + area.height() / 8, width,
                height);
    show();
    raise();
    activateWindow();
    m_search->setFocus(Qt::PopupFocusReason);
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_PageUp
            || key == Qt::Key_PageDown) {
            // The list moves its selection as if it had focus; the field keeps the cursor.
            QCoreApplication::sendEvent(m_list, event);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void CommandPalette::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const QModelIndex index = m_model->index(row);
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
}

void CommandPalette::chooseRow(int row)
{
    const CommandPaletteEntry *entry = m_model->entryAt(row);
    if (!entry)
        return;
    // A copy: closing may be what makes the window gather new entries.
    const CommandPaletteEntry chosen = *entry;
    accept();
    Q_EMIT entryChosen(chosen);
}

} // namespace kansoku
