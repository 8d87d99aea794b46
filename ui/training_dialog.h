// Start a training scenario: the scenarios on the left, the selected one's briefing card on the
// right (the system, what users complain about, what to find), the briefing language (English or
// Japanese) and Start. The app supplies the cards in the chosen language and starts the
// scenario. Non-modal. GUI thread.
#pragma once

#include <QDialog>
#include <vector>

class QComboBox;
class QListWidget;
class QPushButton;
class QTextBrowser;

namespace kansoku {

struct TrainingScenarioCard
{
    QString id;
    QString title;
    QString system;
    QString complaint;
    QString task;
    int storyMinutes = 0;
    // In the briefing's language.
    QString systemHeading;
    QString complaintHeading;
    QString taskHeading;
};

class TrainingDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TrainingDialog(QWidget *parent = nullptr);

    // Keeps the selected scenario when the cards change (a new language).
    void setCards(std::vector<TrainingScenarioCard> cards);
    // languages: their names in their own language; the current one selected.
    void setLanguages(const QStringList &languages, int current);
    void selectScenario(const QString &id);
    QString selectedScenario() const;

    QListWidget *scenarioList() const { return m_list; }
    QTextBrowser *card() const { return m_card; }
    QComboBox *languageBox() const { return m_language; }
    QPushButton *startButton() const { return m_startButton; }

Q_SIGNALS:
    void languageChosen(int index);
    void startRequested(const QString &scenarioId);

private:
    void showCard();

    std::vector<TrainingScenarioCard> m_cards;
    QListWidget *m_list = nullptr;
    QTextBrowser *m_card = nullptr;
    QComboBox *m_language = nullptr;
    QPushButton *m_startButton = nullptr;
};

} // namespace kansoku
