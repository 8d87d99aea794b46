#include "read_only_session.h"

#include "telemetry_store.h"

#include <QFileInfo>

namespace kansoku {

std::unique_ptr<TelemetryStore> ReadOnlySession::open(const QString &path, bool followWriter,
                                                      QString *errorMessage)
{
    const auto fail = [errorMessage](const QString &message) {
        if (errorMessage)
            *errorMessage = message;
        return nullptr;
    };
    const QFileInfo info(path);
    if (!info.exists())
        return fail(QStringLiteral("%1: no such file").arg(path));
    if (!info.isFile() || !info.isReadable())
        return fail(QStringLiteral("%1: not a readable file").arg(path));
    if (!TelemetryStore::isSessionFile(path))
        return fail(QStringLiteral("%1: not a Kansoku session file").arg(path));
    StorageOptions options;
    options.databasePath = path;
    options.readOnly = true;
    options.followWriter = followWriter;
    auto store = std::make_unique<TelemetryStore>(options);
    QString error;
    if (!store->open(&error))
        return fail(error);
    return store;
}

bool ReadOnlySession::hasWriteAheadLog(const QString &path)
{
    return QFileInfo::exists(path + QStringLiteral("-wal"));
}

} // namespace kansoku
