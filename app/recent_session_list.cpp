#include "recent_session_list.h"

#include <QDir>
#include <QFileInfo>

namespace kansoku {

namespace {
QString normalized(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}
} // namespace

RecentSessionList::RecentSessionList(const QStringList &paths)
{
    // Oldest first, so each add() moves the newer ones in front and duplicates collapse.
    for (auto it = paths.crbegin(); it != paths.crend(); ++it) {
        if (!it->isEmpty())
            add(*it);
    }
}

void RecentSessionList::add(const QString &path)
{
    const QString entry = normalized(path);
    m_paths.removeAll(entry);
    m_paths.prepend(entry);
    while (m_paths.size() > maxEntries)
        m_paths.removeLast();
}

void RecentSessionList::remove(const QString &path)
{
    m_paths.removeAll(normalized(path));
}

void RecentSessionList::prune(const std::function<bool(const QString &)> &exists)
{
    m_paths.removeIf([&exists](const QString &path) {
        return exists ? !exists(path) : !QFileInfo::exists(path);
    });
}

} // namespace kansoku
