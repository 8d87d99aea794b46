#include "log_details_view.h"

#include "analysis/log_body_formatter.h"
#include "core/log_severity.h"
#include "view/log_details_model.h"
#include "view/log_severity_color.h"

#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace kansoku {

LogDetailsView::LogDetailsView(QWidget *parent)
    : QWidget(parent)
    , m_header(new QLabel(this))
    , m_ids(new QLabel(this))
    , m_openTrace(new QToolButton(this))
    , m_copyTrace(new QToolButton(this))
    , m_copySpan(new QToolButton(this))
    , m_body(new QPlainTextEdit(this))
    , m_tree(new QTreeView(this))
    , m_model(new LogDetailsModel(this))
{
    m_header->setObjectName(QStringLiteral("logDetailsHeader"));
    m_header->setTextFormat(Qt::RichText);
    m_ids->setObjectName(QStringLiteral("logDetailsIds"));
    m_ids->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ids->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_openTrace->setObjectName(QStringLiteral("openTraceButton"));
    m_openTrace->setText(tr("Open trace"));
    m_openTrace->setToolTip(tr("Open this log's trace in the traces pane and select its span"));
    m_copyTrace->setText(tr("Copy trace id"));
    m_copySpan->setText(tr("Copy span id"));
    m_body->setObjectName(QStringLiteral("logDetailsBody"));
    m_body->setReadOnly(true);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_tree->setObjectName(QStringLiteral("logDetailsTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(LogDetailsModel::ValueColumn, QHeaderView::Stretch);
    m_tree->header()->resizeSection(LogDetailsModel::NameColumn, 180);
    m_tree->header()->setSectionResizeMode(LogDetailsModel::TypeColumn,
                                           QHeaderView::ResizeToContents);

    auto *idRow = new QHBoxLayout;
    idRow->setContentsMargins(0, 0, 0, 0);
    idRow->addWidget(m_ids, 1);
    idRow->addWidget(m_copyTrace);
    idRow->addWidget(m_copySpan);
    idRow->addWidget(m_openTrace);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_body);
    splitter->addWidget(m_tree);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_header);
    layout->addLayout(idRow);
    layout->addWidget(splitter, 1);

    connect(m_openTrace, &QToolButton::clicked, this, [this] {
        if (m_log && !m_log->record.traceId.isZero())
            Q_EMIT openTraceRequested(m_log->record.traceId, m_log->record.spanId);
    });
    connect(m_copyTrace, &QToolButton::clicked, this, [this] {
        if (m_log)
            QGuiApplication::clipboard()->setText(
                QString::fromStdString(toHex(m_log->record.traceId)));
    });
    connect(m_copySpan, &QToolButton::clicked, this, [this] {
        if (m_log)
            QGuiApplication::clipboard()->setText(
                QString::fromStdString(toHex(m_log->record.spanId)));
    });
    clear();
}

void LogDetailsView::showLog(const StoredLog &log)
{
    m_log = log;
    const LogRecord &record = log.record;
    QString severity = LogSeverity::shortName(record.severityNumber);
    if (severity.isEmpty())
        severity = record.severityText.empty() ? QStringLiteral("UNSPECIFIED")
                                               : QString::fromStdString(record.severityText);
    const std::int64_t timeNs = record.effectiveTimeNs();
    const QString time = timeNs == 0 ? tr("no time")
                                     : QDateTime::fromMSecsSinceEpoch(timeNs / 1'000'000)
                                           .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    QString header
        = QStringLiteral("<b style=\"color:%1\">%2</b>&nbsp;&nbsp;%3&nbsp;&nbsp;<b>%4</b>")
              .arg(LogSeverity::color(record.severityNumber).name(), severity.toHtmlEscaped(), time,
                   QString::fromStdString(log.resource.serviceName()).toHtmlEscaped());
    if (!record.eventName.empty())
        header += tr("&nbsp;&nbsp;event <i>%1</i>")
                      .arg(QString::fromStdString(record.eventName).toHtmlEscaped());
    header += tr("&nbsp;&nbsp;<span style=\"color:gray\">body: %1</span>")
                  .arg(LogBodyFormatter::typeName(record.body));
    m_header->setText(header);

    const bool hasTrace = !record.traceId.isZero();
    const bool hasSpan = !record.spanId.isZero();
    const QString traceHex = QString::fromStdString(toHex(record.traceId));
    const QString spanHex = QString::fromStdString(toHex(record.spanId));
    m_ids->setText(!hasTrace ? tr("no trace context")
                   : hasSpan ? tr("trace %1  span %2").arg(traceHex, spanHex)
                             : tr("trace %1").arg(traceHex));
    m_openTrace->setEnabled(hasTrace);
    m_copyTrace->setEnabled(hasTrace);
    m_copySpan->setEnabled(hasSpan);
    m_body->setPlainText(LogBodyFormatter::pretty(record.body));
    m_model->setLog(log);
    m_tree->expandToDepth(0);
    setEnabled(true);
}

void LogDetailsView::clear()
{
    m_log.reset();
    m_header->setText(tr("<span style=\"color:gray\">Select a log to see its body, attributes and "
                         "resource.</span>"));
    m_ids->clear();
    m_body->clear();
    m_model->clear();
    m_openTrace->setEnabled(false);
    m_copyTrace->setEnabled(false);
    m_copySpan->setEnabled(false);
}

} // namespace kansoku
