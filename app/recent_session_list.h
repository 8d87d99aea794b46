// The "Recent sessions" list: most recent first, no duplicates (paths compared after cleaning),
// at most maxEntries, files that no longer exist pruned. Pure logic over a QStringList the app
// loads from and saves to QSettings. Any thread; a plain value.
#pragma once

#include <QStringList>
#include <functional>

namespace kansoku {

class RecentSessionList
{
public:
    static constexpr int maxEntries = 10;

    RecentSessionList() = default;
    explicit RecentSessionList(const QStringList &paths);

    // Moves (or puts) path to the front; the oldest entry falls off past maxEntries.
    void add(const QString &path);
    void remove(const QString &path);
    // Drops every entry for which exists(path) is false; the default asks the file system.
    void prune(const std::function<bool(const QString &)> &exists = {});
    QStringList paths() const { return m_paths; }

private:
    QStringList m_paths;
};

} // namespace kansoku
