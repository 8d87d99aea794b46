// How interop tests run the OpenTelemetry JS SDK: the node executable, and this process's
// environment without any OTEL_* variable, which would override the exporters' settings. Test
// thread.
#pragma once

#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QStringList>

namespace kansoku::interop {

// $KANSOKU_NODE, else `node` on PATH; empty when neither is there.
inline QString nodeExecutable()
{
    const QString configured = qEnvironmentVariable("KANSOKU_NODE");
    return configured.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("node"))
                                : configured;
}

inline QProcessEnvironment environmentWithoutOtelVariables()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QStringList keys = environment.keys();
    for (const QString &key : keys) {
        if (key.startsWith(QLatin1String("OTEL_")))
            environment.remove(key);
    }
    return environment;
}

} // namespace kansoku::interop
