#include "before_after_side_box.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QPushButton>

namespace kansoku {

namespace {

constexpr std::int64_t nsPerMs = 1'000'000;
// Item data of the "Another session file…" entry; real entries hold a path or nothing.
constexpr int chooseFileRole = Qt::UserRole + 1;

QDateTimeEdit *dateTimeEdit(const QString &objectName)
{
    auto *edit = new QDateTimeEdit;
    edit->setObjectName(objectName);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    edit->setCalendarPopup(true);
    return edit;
}

} // namespace

BeforeAfterSideBox::BeforeAfterSideBox(const QString &title, QWidget *parent)
    : QGroupBox(title, parent)
{
    m_source = new QComboBox;
    m_source->setObjectName(QStringLiteral("sourceBox"));
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_source->setMinimumContentsLength(28);
    connect(m_source, &QComboBox::activated, this, &BeforeAfterSideBox::sourceActivated);
    m_from = dateTimeEdit(QStringLiteral("fromEdit"));
    m_to = dateTimeEdit(QStringLiteral("toEdit"));
    m_whole = new QCheckBox(tr("Whole session"));
    m_whole->setObjectName(QStringLiteral("wholeSessionBox"));
    connect(m_whole, &QCheckBox::toggled, this, [this](bool whole) {
        m_from->setEnabled(!whole);
        m_to->setEnabled(!whole);
    });
    m_currentRange = new QPushButton(tr("Current range"));
    m_currentRange->setObjectName(QStringLiteral("currentRangeButton"));
    m_currentRange->setToolTip(tr("The time range the window shows"));

    auto *rangeRow = new QHBoxLayout;
    rangeRow->addWidget(m_whole);
    rangeRow->addStretch(1);
    rangeRow->addWidget(m_currentRange);
    auto *layout = new QFormLayout(this);
    layout->addRow(tr("Source:"), m_source);
    layout->addRow(tr("From (local time):"), m_from);
    layout->addRow(tr("To:"), m_to);
    layout->addRow(rangeRow);

    m_pathProvider = [this](const QString &caption, const QString &filter) {
        return QFileDialog::getOpenFileName(window(), caption, QString(), filter);
    };
    setSessions({}, {});
}

void BeforeAfterSideBox::setSessions(const QString &openSessionPath,
                                     const QStringList &recentSessions)
{
    const QString selected = m_source->currentData().toString();
    m_openSessionPath = openSessionPath;
    m_source->clear();
    addSource(tr("This session (%1)").arg(QFileInfo(openSessionPath).fileName()), QString());
    for (const QString &path : recentSessions) {
        if (QFileInfo(path) != QFileInfo(openSessionPath))
            addSource(QFileInfo(path).fileName(), path);
    }
    m_source->addItem(tr("Another session file…"));
    m_source->setItemData(m_source->count() - 1, true, chooseFileRole);
    // A file chosen before stays chosen, recent or not.
    if (!selected.isEmpty() && m_source->findData(selected) < 0)
        addSource(QFileInfo(selected).fileName(), selected);
    const int index = selected.isEmpty() ? 0 : m_source->findData(selected);
    m_source->setCurrentIndex(std::max(index, 0));
    m_lastSource = m_source->currentIndex();
}

void BeforeAfterSideBox::addSource(const QString &text, const QString &path)
{
    // Before the "Another session file…" entry, once the list has one.
    const int chooser = m_source->findData(true, chooseFileRole);
    const int index = chooser < 0 ? m_source->count() : chooser;
    m_source->insertItem(index, text, path);
    m_source->setItemData(index, path.isEmpty() ? m_openSessionPath : path, Qt::ToolTipRole);
}

void BeforeAfterSideBox::useThisSession(const TimeRange &range)
{
    m_source->setCurrentIndex(0);
    m_lastSource = 0;
    setRange(range);
}

void BeforeAfterSideBox::useSessionFile(const QString &path)
{
    int index = m_source->findData(path);
    if (index < 0) {
        addSource(QFileInfo(path).fileName(), path);
        index = m_source->findData(path);
    }
    m_source->setCurrentIndex(index);
    m_lastSource = index;
    // Another file's time span is not known here: all of it, until a range is typed.
    m_whole->setChecked(true);
}

void BeforeAfterSideBox::setRange(const TimeRange &range)
{
    m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(range.startNs / nsPerMs));
    m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(range.endNs / nsPerMs));
    m_whole->setChecked(false);
}

BeforeAfterSide BeforeAfterSideBox::side() const
{
    BeforeAfterSide side;
    side.sessionPath = m_source->currentData().toString();
    if (!m_whole->isChecked())
        side.range = TimeRange{m_from->dateTime().toMSecsSinceEpoch() * nsPerMs,
                               m_to->dateTime().toMSecsSinceEpoch() * nsPerMs};
    return side;
}

QString BeforeAfterSideBox::sourceName() const
{
    const QString path = m_source->currentData().toString();
    return path.isEmpty() ? tr("this session (%1)").arg(QFileInfo(m_openSessionPath).fileName())
                          : QFileInfo(path).fileName();
}

void BeforeAfterSideBox::sourceActivated(int index)
{
    if (!m_source->itemData(index, chooseFileRole).toBool()) {
        m_lastSource = index;
        return;
    }
    const QString path = m_pathProvider(tr("%1: open a session file").arg(title()),
                                        tr("Kansoku sessions (*.kansoku);;All files (*)"));
    if (path.isEmpty()) {
        m_source->setCurrentIndex(m_lastSource);
        return;
    }
    useSessionFile(path);
}

} // namespace kansoku
