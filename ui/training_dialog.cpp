#include "training_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace kansoku {

TrainingDialog::TrainingDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("trainingDialog"));
    setWindowTitle(tr("Start a training scenario"));
    resize(900, 520);

    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("trainingScenarios"));
    m_list->setMinimumWidth(340);
    m_card = new QTextBrowser;
    m_card->setObjectName(QStringLiteral("trainingBriefing"));
    m_card->setOpenLinks(false);
    auto *splitter = new QSplitter;
    splitter->addWidget(m_list);
    splitter->addWidget(m_card);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({340, 560});

    m_language = new QComboBox;
    m_language->setObjectName(QStringLiteral("trainingLanguage"));
    auto *languageRow = new QHBoxLayout;
    languageRow->addWidget(new QLabel(tr("Briefing, hints and explanations in:")));
    languageRow->addWidget(m_language);
    languageRow->addStretch();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_startButton = buttons->addButton(tr("Start"), QDialogButtonBox::AcceptRole);
    m_startButton->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(languageRow);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, &TrainingDialog::showCard);
    connect(m_list, &QListWidget::itemActivated, m_startButton, &QPushButton::click);
    connect(m_language, &QComboBox::activated, this, &TrainingDialog::languageChosen);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_startButton, &QPushButton::clicked, this, [this] {
        const QString id = selectedScenario();
        if (id.isEmpty())
            return;
        accept();
        Q_EMIT startRequested(id);
    });
}

void TrainingDialog::setCards(std::vector<TrainingScenarioCard> cards)
{
    const QString selected = selectedScenario();
    m_cards = std::move(cards);
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const TrainingScenarioCard &card : m_cards)
        m_list->addItem(card.title);
    selectScenario(selected);
    if (m_list->currentRow() < 0 && !m_cards.empty())
        m_list->setCurrentRow(0);
    showCard();
}

void TrainingDialog::setLanguages(const QStringList &languages, int current)
{
    const QSignalBlocker blocker(m_language);
    m_language->clear();
    m_language->addItems(languages);
    m_language->setCurrentIndex(current);
}

void TrainingDialog::selectScenario(const QString &id)
{
    for (std::size_t i = 0; i < m_cards.size(); ++i) {
        if (m_cards[i].id == id)
            m_list->setCurrentRow(int(i));
    }
}

QString TrainingDialog::selectedScenario() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < int(m_cards.size()) ? m_cards[std::size_t(row)].id : QString();
}

void TrainingDialog::showCard()
{
    const int row = m_list->currentRow();
    m_startButton->setEnabled(row >= 0);
    if (row < 0 || row >= int(m_cards.size())) {
        m_card->clear();
        return;
    }
    const TrainingScenarioCard &card = m_cards[std::size_t(row)];
    m_card->setHtml(QStringLiteral("<h2>%1</h2><p style='color:gray'>%2 · %3</p>"
                                   "<h3>%4</h3><p>%5</p><h3>%6</h3><p>%7</p><h3>%8</h3><p>%9</p>")
                        .arg(card.title.toHtmlEscaped(), card.id.toHtmlEscaped(),
                             tr("a %n-minute story", nullptr, card.storyMinutes),
                             card.systemHeading.toHtmlEscaped(), card.system.toHtmlEscaped(),
                             card.complaintHeading.toHtmlEscaped(), card.complaint.toHtmlEscaped(),
                             card.taskHeading.toHtmlEscaped(), card.task.toHtmlEscaped()));
}

} // namespace kansoku
