#include "finding_details_view.h"

#include "core/plural_count.h"
#include "core/time_format.h"
#include "service_palette.h"
#include "view/finding_list_model.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace kansoku {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

// Rows of "label: value" as an HTML table, so the whole block selects and copies as text.
QString tableOf(const std::vector<std::pair<QString, QString>> &rows)
{
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='2'>");
    for (const auto &[label, value] : rows)
        html += QStringLiteral("<tr><td style='color:#707070; padding-right:12px; "
                               "white-space:nowrap'>%1</td>"
                               "<td>%2</td></tr>")
                    .arg(label.toHtmlEscaped(), value);
    return html + QStringLiteral("</table>");
}

QLabel *heading(const QString &text)
{
    auto *label = new QLabel(text);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    label->setContentsMargins(0, 8, 0, 0);
    return label;
}

QLabel *selectableLabel()
{
    auto *label = new QLabel;
    label->setWordWrap(true);
    // Its width comes from the pane: an unbreakable value (a trace id in a fact) is cut at the
    // edge rather than widening the page past the visible area.
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setTextFormat(Qt::RichText);
    return label;
}

} // namespace

FindingDetailsView::FindingDetailsView(QWidget *parent)
    : QWidget(parent)
{
    m_stack = new QStackedWidget;
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    // Outside the scroll area: the page's minimum height must not make the placeholder scroll.
    m_placeholder = new QLabel;
    m_placeholder->setObjectName(QStringLiteral("findingPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(12);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_placeholder);

    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(12, 8, 12, 12);
    layout->setSpacing(4);

    m_title = selectableLabel();
    m_title->setObjectName(QStringLiteral("findingTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_badge = new QLabel;
    m_badge->setObjectName(QStringLiteral("findingBadge"));
    m_badge->setWordWrap(true);
    m_badge->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_badge);

    auto *actions = new QHBoxLayout;
    actions->setContentsMargins(0, 4, 0, 4);
    m_openButton = new QPushButton;
    m_openButton->setObjectName(QStringLiteral("openFindingButton"));
    m_logsButton = new QPushButton(tr("Show logs"));
    m_logsButton->setObjectName(QStringLiteral("findingLogsButton"));
    m_logsButton->setToolTip(tr("Show the logs of the worst example trace in the Logs pane"));
    actions->addWidget(m_openButton);
    actions->addWidget(m_logsButton);
    actions->addStretch(1);
    layout->addLayout(actions);

    m_where = selectableLabel();
    m_where->setObjectName(QStringLiteral("findingWhere"));
    layout->addWidget(m_where);
    m_statement = selectableLabel();
    m_statement->setObjectName(QStringLiteral("findingStatement"));
    m_statement->setTextFormat(Qt::PlainText);
    m_statement->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_statement->setStyleSheet(QStringLiteral(
        "QLabel { background: palette(alternate-base); border: 1px solid palette(mid); "
        "border-radius: 3px; padding: 6px; }"));
    layout->addWidget(m_statement);

    layout->addWidget(heading(tr("Figures")));
    m_figures = selectableLabel();
    m_figures->setObjectName(QStringLiteral("findingFigures"));
    layout->addWidget(m_figures);

    layout->addWidget(heading(tr("Evidence")));
    m_facts = selectableLabel();
    m_facts->setObjectName(QStringLiteral("findingFacts"));
    layout->addWidget(m_facts);

    m_examplesHeading = heading(tr("Examples, worst first"));
    layout->addWidget(m_examplesHeading);
    m_examplesBox = new QWidget;
    m_examplesLayout = new QVBoxLayout(m_examplesBox);
    m_examplesLayout->setContentsMargins(0, 0, 0, 0);
    m_examplesLayout->setSpacing(0);
    layout->addWidget(m_examplesBox);

    layout->addWidget(heading(tr("How to fix it")));
    m_fixHint = selectableLabel();
    m_fixHint->setObjectName(QStringLiteral("findingFixHint"));
    m_fixHint->setTextFormat(Qt::PlainText);
    m_fixHint->setStyleSheet(QStringLiteral("QLabel { background: #fff6e0; color: #4a3b10; "
                                            "border-left: 3px solid %1; padding: 6px; }")
                                 .arg(ServicePalette::highlightColor().name()));
    layout->addWidget(m_fixHint);
    layout->addStretch(1);
    m_scrollArea = new QScrollArea;
    m_scrollArea->setWidgetResizable(true);
    m_scrollArea->setFrameShape(QFrame::NoFrame);
    // The labels wrap to the width: only the height scrolls.
    m_scrollArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scrollArea->setWidget(page);
    m_stack->addWidget(m_scrollArea);

    connect(m_openButton, &QPushButton::clicked, this, &FindingDetailsView::openRequested);
    connect(m_logsButton, &QPushButton::clicked, this, &FindingDetailsView::logsRequested);
    clear(tr("Select a finding to see its evidence and how to fix it"));
}

void FindingDetailsView::clear(const QString &placeholder)
{
    m_finding.reset();
    rebuildExamples(Finding{});
    m_placeholder->setText(placeholder);
    m_stack->setCurrentWidget(m_placeholder);
}

QString FindingDetailsView::placeholderText() const
{
    return m_placeholder->text();
}

void FindingDetailsView::setFinding(const Finding &finding)
{
    m_finding = finding;
    m_title->setText(QString::fromStdString(finding.title));
    m_badge->setText(QStringLiteral("<span style='color:%1'>●</span> <b>%2</b> · %3 — <span "
                                    "style='color:#707070'>%4</span>")
                         .arg(FindingListModel::severityColor(finding.severity).name(),
                              FindingListModel::severityName(finding.severity).toHtmlEscaped(),
                              FindingListModel::kindName(finding.kind).toHtmlEscaped(),
                              FindingListModel::kindDescription(finding.kind).toHtmlEscaped()));

    const bool spike = finding.kind == FindingKind::TrafficSpike;
    m_openButton->setText(spike ? tr("Narrow every pane to this range") : tr("Open worst example"));
    m_openButton->setToolTip(spike ? tr("Set the shared time range to the spike")
                                   : tr("Open the worst example trace in the Traces pane with the "
                                        "spans involved highlighted"));
    m_openButton->setEnabled(spike ? !finding.range.isEmpty() && finding.range.isBounded()
                                   : !finding.examples.empty());
    m_logsButton->setVisible(finding.kind == FindingKind::ErrorHotspot);
    m_logsButton->setEnabled(!finding.examples.empty());

    m_where->setText(tableOf({{tr("Service"), fromStd(finding.service)},
                              {tr("Operation"), fromStd(finding.operation)}}));
    m_statement->setText(QString::fromStdString(finding.statement));
    m_statement->setVisible(!finding.statement.empty());

    const QLocale locale;
    std::vector<std::pair<QString, QString>> figures{
        {tr("Occurrences"), locale.toString(qint64(finding.occurrences))},
        {tr("Traces"), FindingListModel::tracesSentence(finding).toHtmlEscaped()},
        {tr("Cost per request"), formatDurationNs(std::llround(finding.costNsPerRequest))},
        {tr("Total cost"), formatDurationNs(finding.totalCostNs)},
        {tr("Share of latency"), tr("%1 of the affected requests' latency")
                                     .arg(FindingListModel::shareText(finding.latencyShare))
                                     .toHtmlEscaped()}};
    if (finding.range.isBounded()) {
        figures.emplace_back(tr("First seen"), formatTimestampNs(finding.range.startNs));
        figures.emplace_back(tr("Last seen"), formatTimestampNs(finding.range.endNs));
    }
    m_figures->setText(tableOf(figures));

    std::vector<std::pair<QString, QString>> facts;
    for (const FindingFact &fact : finding.facts)
        facts.emplace_back(QString::fromStdString(fact.label), fromStd(fact.value));
    m_facts->setText(facts.empty() ? tr("No further evidence") : tableOf(facts));

    m_fixHint->setText(QString::fromStdString(finding.fixHint));
    m_fixHint->setVisible(!finding.fixHint.empty());
    rebuildExamples(finding);
    m_stack->setCurrentWidget(m_scrollArea);
    m_scrollArea->verticalScrollBar()->setValue(0);
}

void FindingDetailsView::rebuildExamples(const Finding &finding)
{
    for (QPushButton *button : std::as_const(m_exampleButtons))
        delete button;
    m_exampleButtons.clear();
    for (std::size_t i = 0; i < finding.examples.size(); ++i) {
        const FindingExample &example = finding.examples[i];
        const QString traceId = QString::fromStdString(toHex(example.traceId));
        QString text
            = QStringLiteral("%1…  %2").arg(traceId.left(16), formatDurationNs(example.costNs));
        if (!example.spanIds.empty())
            text += QStringLiteral("  ·  ")
                    + tr("%Ln span(s)", nullptr, pluralCount(std::int64_t(example.spanIds.size())));
        if (i == 0 && finding.examples.size() > 1)
            text += QStringLiteral("  ·  ") + tr("worst");
        auto *button = new QPushButton(text, m_examplesBox);
        button->setObjectName(QStringLiteral("findingExample%1").arg(i));
        button->setFlat(true);
        button->setCursor(Qt::PointingHandCursor);
        button->setStyleSheet(QStringLiteral("QPushButton { text-align: left; padding: 3px 6px; "
                                             "color: palette(link); }"));
        button->setToolTip(tr("Open trace %1 with the spans involved highlighted").arg(traceId));
        connect(button, &QPushButton::clicked, this,
                [this, index = int(i)] { Q_EMIT exampleActivated(index); });
        m_examplesLayout->addWidget(button);
        m_exampleButtons.append(button);
    }
    m_examplesHeading->setVisible(!m_exampleButtons.isEmpty());
    m_examplesBox->setVisible(!m_exampleButtons.isEmpty());
}

} // namespace kansoku
