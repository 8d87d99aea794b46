// One thing the command palette offers: a menu action, a service to filter by, a metric to show,
// a recent session, or what the typed text stands for (a trace to open, a log search). A plain
// value made and used on the GUI thread (it may point at a QAction).
#pragma once

#include <QAction>
#include <QPointer>
#include <QString>

namespace kansoku {

struct CommandPaletteEntry
{
    enum class Kind { Trace, Action, Service, Metric, Session, LogSearch };

    Kind kind = Kind::Action;
    QString text;     // what is shown and matched: "Pause receiving", "checkout", a metric name
    QString detail;   // shown beside it: the menu path, the metric's service, the session's folder
    QString shortcut; // a menu action's key sequence in native text; empty for the rest
    // What choosing it acts on: a trace id in hex, a service name, MetricEntry::key(), a session
    // path or the log search text. Empty for menu actions, which carry action instead.
    QString payload;
    QPointer<QAction> action;
};

} // namespace kansoku
