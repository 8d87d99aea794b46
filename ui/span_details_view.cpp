#include "span_details_view.h"

#include "core/time_format.h"
#include "service_palette.h"
#include "view/span_details_model.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace kansoku {

SpanDetailsView::SpanDetailsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new SpanDetailsModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 6, 6);
    layout->setSpacing(6);

    m_titleLabel = new QLabel;
    m_titleLabel->setObjectName(QStringLiteral("spanTitle"));
    m_titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_titleLabel->setWordWrap(true);
    QFont titleFont = m_titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setWeight(QFont::DemiBold);
    m_titleLabel->setFont(titleFont);
    layout->addWidget(m_titleLabel);

    m_summaryLabel = new QLabel;
    m_summaryLabel->setObjectName(QStringLiteral("spanSummary"));
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summaryLabel->setWordWrap(true);
    layout->addWidget(m_summaryLabel);

    auto *buttons = new QHBoxLayout;
    m_spanLogsButton = new QPushButton(tr("Logs of this span"));
    m_spanLogsButton->setObjectName(QStringLiteral("spanLogsButton"));
    m_traceLogsButton = new QPushButton(tr("Logs of this trace"));
    m_traceLogsButton->setObjectName(QStringLiteral("traceLogsButton"));
    buttons->addWidget(m_spanLogsButton);
    buttons->addWidget(m_traceLogsButton);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(m_spanLogsButton, &QPushButton::clicked, this, &SpanDetailsView::logsOfSpanRequested);
    connect(m_traceLogsButton, &QPushButton::clicked, this, &SpanDetailsView::logsOfTraceRequested);

    m_tree = new QTreeView;
    m_tree->setObjectName(QStringLiteral("spanDetailsTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(SpanDetailsModel::KeyColumn, QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(SpanDetailsModel::ValueColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(SpanDetailsModel::TypeColumn,
                                           QHeaderView::ResizeToContents);
    m_tree->header()->resizeSection(SpanDetailsModel::KeyColumn, 170);
    layout->addWidget(m_tree, 1);
    connect(m_tree, &QTreeView::activated, this, &SpanDetailsView::activate);
    connect(m_tree, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        // Links open on a single click, like links anywhere else.
        if (index.data(SpanDetailsModel::KindRole).toInt() == int(SpanDetailsModel::ItemKind::Link))
            activate(index);
    });
    connect(m_tree, &QTreeView::customContextMenuRequested, this,
            &SpanDetailsView::showContextMenu);
    auto *copyAction = new QAction(tr("Copy value"), m_tree);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetShortcut);
    connect(copyAction, &QAction::triggered, this,
            [this]() { copy(m_tree->currentIndex(), false); });
    m_tree->addAction(copyAction);

    clear();
}

void SpanDetailsView::clear()
{
    m_trace.reset();
    m_model->clear();
    m_titleLabel->setText(tr("No span selected"));
    m_summaryLabel->clear();
    m_spanLogsButton->setEnabled(false);
    m_traceLogsButton->setEnabled(false);
}

void SpanDetailsView::setSpan(std::shared_ptr<const Trace> trace, int spanIndex,
                              std::int64_t selfTimeNs)
{
    if (!trace || spanIndex < 0 || std::size_t(spanIndex) >= trace->spans.size()) {
        clear();
        return;
    }
    m_trace = std::move(trace);
    const TraceSpan &traceSpan = m_trace->spans[std::size_t(spanIndex)];
    const Span &span = traceSpan.span;
    const std::string service
        = std::size_t(traceSpan.resourceIndex) < m_trace->resources.size()
              ? m_trace->resources[std::size_t(traceSpan.resourceIndex)].serviceName()
              : std::string("unknown_service");
    m_titleLabel->setText(QString::fromStdString(span.name));

    const QString serviceColor = ServicePalette::color(service).name();
    QString status;
    switch (span.status.code) {
    case StatusCode::Error:
        status = QStringLiteral("<span style='color:%1;font-weight:600'>● %2</span>")
                     .arg(ServicePalette::errorColor().name(), tr("Error"));
        if (!span.status.message.empty())
            status += QStringLiteral(" — ")
                      + QString::fromStdString(span.status.message).toHtmlEscaped();
        break;
    case StatusCode::Ok:
        status = QStringLiteral("<span style='color:#2e7d32'>● %1</span>").arg(tr("Ok"));
        break;
    case StatusCode::Unset:
        status = tr("Unset");
        break;
    }
    const std::int64_t traceStart
        = m_trace->spans.empty() ? span.startTimeNs : m_trace->spans.front().span.startTimeNs;
    m_summaryLabel->setText(QStringLiteral("<span style='color:%1'>■</span> <b>%2</b><br>")
                                .arg(serviceColor, QString::fromStdString(service).toHtmlEscaped())
                            + tr("Status: %1<br>Duration: <b>%2</b> · self %3 · starts at +%4")
                                  .arg(status, formatDurationNs(span.durationNs()),
                                       formatDurationNs(selfTimeNs),
                                       formatDurationNs(span.startTimeNs - traceStart)));
    m_spanLogsButton->setEnabled(true);
    m_traceLogsButton->setEnabled(true);

    m_model->setSpan(*m_trace, spanIndex);
    // Fields, attributes and events open; resource and scope stay folded (they repeat).
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex section = m_model->index(row, 0);
        const QString title = section.data().toString();
        const bool open = !title.startsWith(tr("Resource")) && !title.startsWith(tr("Scope"));
        m_tree->setExpanded(section, open);
        m_tree->setFirstColumnSpanned(row, {}, false);
    }
}

void SpanDetailsView::activate(const QModelIndex &index)
{
    if (index.data(SpanDetailsModel::KindRole).toInt() != int(SpanDetailsModel::ItemKind::Link))
        return;
    const auto traceId
        = idFromHex<16>(index.data(SpanDetailsModel::LinkTraceIdRole).toString().toStdString());
    const auto spanId
        = idFromHex<8>(index.data(SpanDetailsModel::LinkSpanIdRole).toString().toStdString());
    if (traceId && spanId)
        Q_EMIT linkActivated(*traceId, *spanId);
}

void SpanDetailsView::copy(const QModelIndex &index, bool withKey)
{
    if (!index.isValid())
        return;
    const QModelIndex keyIndex = index.siblingAtColumn(SpanDetailsModel::KeyColumn);
    const QString value = index.data(SpanDetailsModel::CopyTextRole).toString();
    QApplication::clipboard()->setText(
        withKey ? keyIndex.data().toString() + QStringLiteral("=") + value : value);
}

void SpanDetailsView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (!index.isValid())
        return;
    // popup(), not exec(): no nested event loop.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QPersistentModelIndex target(index);
    menu->addAction(tr("Copy value"), this, [this, target]() { copy(target, false); });
    menu->addAction(tr("Copy key=value"), this, [this, target]() { copy(target, true); });
    if (index.data(SpanDetailsModel::KindRole).toInt() == int(SpanDetailsModel::ItemKind::Link))
        menu->addAction(tr("Open linked span"), this, [this, target]() { activate(target); });
    menu->popup(m_tree->viewport()->mapToGlobal(pos));
}

} // namespace kansoku
