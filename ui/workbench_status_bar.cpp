#include "workbench_status_bar.h"

#include "core/plural_count.h"

#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QToolButton>

namespace kansoku {

namespace {
QLabel *makeLabel(const char *objectName)
{
    auto *label = new QLabel;
    label->setObjectName(QLatin1String(objectName));
    label->setTextFormat(Qt::RichText);
    return label;
}
} // namespace

WorkbenchStatusBar::WorkbenchStatusBar(QWidget *parent)
    : QStatusBar(parent)
    , m_receivers(makeLabel("statusReceivers"))
    , m_counts(makeLabel("statusCounts"))
    , m_database(makeLabel("statusDatabase"))
    , m_problems(makeLabel("statusProblems"))
    , m_forwarding(makeLabel("statusForwarding"))
{
    m_problems->setStyleSheet(QStringLiteral("color: #b00020"));
    addWidget(m_receivers);
    addWidget(m_counts, 1);
    addWidget(m_forwarding);
    m_forwarding->setVisible(false);
    addPermanentWidget(m_problems);
    addPermanentWidget(m_database);
    auto *details = new QToolButton;
    details->setObjectName(QStringLiteral("statusDetailsButton"));
    details->setText(tr("Details…"));
    details->setAutoRaise(true);
    details->setToolTip(tr("Receivers, counts per signal and the write queue"));
    connect(details, &QToolButton::clicked, this, &WorkbenchStatusBar::detailsRequested);
    addPermanentWidget(details);
}

void WorkbenchStatusBar::setImportWidget(QWidget *widget)
{
    // QStatusBar counts permanent widgets after the normal ones (receivers, counts and
    // forwarding): index 3 puts the import first among the permanent ones, before the problems.
    insertPermanentWidget(3, widget);
}

void WorkbenchStatusBar::setReceivers(const std::vector<ReceiverStatus> &receivers)
{
    QStringList parts;
    QStringList tips;
    for (const ReceiverStatus &receiver : receivers) {
        const QString name = QString::fromStdString(receiver.protocol).toHtmlEscaped();
        const QString endpoint = QString::fromStdString(receiver.endpoint).toHtmlEscaped();
        parts << QStringLiteral("<span style='color:%1'>●</span> %2 %3")
                     .arg(receiver.listening ? QStringLiteral("#1b7f3b")
                                             : QStringLiteral("#b00020"),
                          name, endpoint);
        tips << (receiver.listening
                     ? tr("%1 listening on %2").arg(name, endpoint)
                     : tr("%1 not listening: %2")
                           .arg(name, QString::fromStdString(receiver.error).toHtmlEscaped()));
    }
    // Read-only: the receivers are paused on purpose, which reads better than two red endpoints.
    if (m_readOnly)
        parts = QStringList{tr("<span style='color:#8a6d00'>●</span> receivers paused: the "
                               "session is read-only")};
    else if (m_paused)
        parts = QStringList{tr("<span style='color:#8a6d00'>❚❚</span> receiving paused: "
                               "senders are told to retry later (Receive ▸ Pause receiving "
                               "resumes)")};
    else if (m_onLan)
        parts << tr("on the LAN, token required (Details… for the participants' lines)");
    else if (m_tokenRequired)
        parts << tr("token required (Details… for the participants' lines)");
    m_receivers->setText(parts.join(QStringLiteral("&nbsp;&nbsp;")));
    m_receivers->setToolTip(tips.join(QStringLiteral("<br>")));
}

void WorkbenchStatusBar::setCounts(const IngestCountersSnapshot &counters,
                                   const StorageStatus &storage)
{
    const QLocale locale;
    m_counts->setText(
        tr("%1 · %2 · %3 · %4")
            .arg(tr("%Ln span(s)", nullptr, pluralCount(storage.totals.spans)),
                 tr("%Ln trace(s)", nullptr, pluralCount(storage.totals.traces)),
                 tr("%Ln metric point(s)", nullptr, pluralCount(storage.totals.dataPoints)),
                 tr("%Ln log(s)", nullptr, pluralCount(storage.totals.logRecords))));
    const QString path = QString::fromStdString(storage.databasePath);
    const QString name = m_readOnly ? tr("%1 [read-only]").arg(QFileInfo(path).fileName())
                                    : QFileInfo(path).fileName();
    m_database->setText(tr("%1 · %2").arg(
        name.toHtmlEscaped(),
        locale.formattedDataSize(storage.fileSizeBytes, 1, QLocale::DataSizeTraditionalFormat)));
    m_database->setToolTip(
        m_readOnly ? tr("Session file: %1<br>Opened read-only: the receivers are paused and "
                        "nothing is written to it")
                         .arg(path.toHtmlEscaped())
                   : tr("Session file: %1<br>Receiving live data goes into this session")
                         .arg(path.toHtmlEscaped()));

    const IngestCounts total = counters.total();
    QStringList problems;
    if (total.malformed > 0)
        problems << tr("%Ln malformed request(s)", nullptr, pluralCount(total.malformed));
    if (total.rejected > 0)
        problems << tr("%Ln rejected item(s)", nullptr, pluralCount(total.rejected));
    if (total.refused > 0)
        problems << tr("%Ln item(s) refused (queue full, sender retries)", nullptr,
                       pluralCount(total.refused));
    if (total.unauthorized > 0)
        problems << tr("%Ln request(s) without the right token", nullptr,
                       pluralCount(total.unauthorized));
    if (total.paused > 0)
        problems << tr("%Ln request(s) refused while paused (senders retry)", nullptr,
                       pluralCount(total.paused));
    if (!storage.lastError.empty())
        problems << tr("storage error: %1")
                        .arg(QString::fromStdString(storage.lastError).toHtmlEscaped());
    m_ingestProblems = problems;
    showProblems();
}

void WorkbenchStatusBar::setForwarding(const ForwardingStatus &forwarding)
{
    m_forwarding->setVisible(forwarding.enabled);
    m_forwardingProblem.clear();
    if (!forwarding.enabled) {
        m_forwarding->clear();
        showProblems();
        return;
    }
    const QLocale locale;
    QString text = tr("→ %1 forwarded").arg(locale.toString(qlonglong(forwarding.forwardedItems)));
    if (forwarding.queuedRequests > 0)
        text += tr(" · %Ln request(s) waiting", nullptr, pluralCount(forwarding.queuedRequests));
    m_forwarding->setText(text);
    m_forwarding->setToolTip(
        tr("Forwarding what the receivers accept to %1<br>%2 sent, %3 waiting (%4), %5, "
           "%6 dropped")
            .arg(QString::fromStdString(forwarding.upstream).toHtmlEscaped(),
                 tr("%Ln request(s)", nullptr, pluralCount(forwarding.forwardedRequests)),
                 locale.toString(qlonglong(forwarding.queuedRequests)),
                 locale.formattedDataSize(forwarding.queuedBytes, 1,
                                          QLocale::DataSizeTraditionalFormat),
                 tr("%Ln retry(s)", nullptr, pluralCount(forwarding.retries)),
                 locale.toString(qlonglong(forwarding.droppedRequests))));
    if (forwarding.droppedRequests > 0)
        m_forwardingProblem
            = tr("%Ln forwarded request(s) dropped (%1)", nullptr,
                 pluralCount(forwarding.droppedRequests))
                  .arg(tr("%Ln item(s)", nullptr, pluralCount(forwarding.droppedItems)));
    showProblems();
}

void WorkbenchStatusBar::showProblems()
{
    QStringList problems = m_ingestProblems;
    if (!m_forwardingProblem.isEmpty())
        problems << m_forwardingProblem;
    m_problems->setText(problems.join(QStringLiteral(" · ")));
    m_problems->setVisible(!problems.isEmpty());
}

QString WorkbenchStatusBar::receiversText() const
{
    return m_receivers->text();
}
QString WorkbenchStatusBar::countsText() const
{
    return m_counts->text();
}
QString WorkbenchStatusBar::databaseText() const
{
    return m_database->text();
}
QString WorkbenchStatusBar::problemsText() const
{
    return m_problems->text();
}
QString WorkbenchStatusBar::forwardingText() const
{
    return m_forwarding->text();
}

} // namespace kansoku
