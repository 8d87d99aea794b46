#include "view/retention_summary.h"

#include "core/plural_count.h"

#include <QDateTime>
#include <QLocale>

namespace kansoku {

QString RetentionSummary::limitsText(const SessionLimits &limits)
{
    if (!limits.hasSizeCap() && !limits.hasAgeLimit())
        return QObject::tr("no limits");
    const QString size
        = limits.hasSizeCap()
              ? QObject::tr("at most %1").arg(SessionLimits::sizeText(limits.maxBytes))
              : QObject::tr("no size cap");
    const QString age
        = limits.hasAgeLimit()
              ? QObject::tr("the last %1").arg(SessionLimits::retentionText(limits.retainNs))
              : QObject::tr("no age limit");
    return size + QStringLiteral(", ") + age;
}

QString RetentionSummary::usageText(const StorageStatus &status)
{
    const QLocale locale;
    // The same binary units as the cap ("512 MiB"), so the two read as one scale.
    const QString live
        = locale.formattedDataSize(status.liveDataBytes, 1, QLocale::DataSizeIecFormat);
    const QString inUse = status.limits.hasSizeCap()
                              ? QObject::tr("%1 of %2 in use")
                                    .arg(live, SessionLimits::sizeText(status.limits.maxBytes))
                              : QObject::tr("%1 in use").arg(live);
    const PruneTotals &pruned = status.pruned;
    if (pruned.lastPruneUnixMs == 0)
        return inUse + QObject::tr("; nothing removed");
    return inUse
           + QObject::tr("; removed %1, %2, %3 (last at %4)")
                 .arg(QObject::tr("%Ln trace(s)", nullptr, pluralCount(pruned.traces)),
                      QObject::tr("%Ln log(s)", nullptr, pluralCount(pruned.logRecords)),
                      QObject::tr("%Ln point(s)", nullptr, pluralCount(pruned.dataPoints)),
                      QDateTime::fromMSecsSinceEpoch(pruned.lastPruneUnixMs)
                          .toString(QStringLiteral("HH:mm:ss")));
}

} // namespace kansoku
