#include "view/log_severity_color.h"

#include "core/log_severity.h"

namespace kansoku::LogSeverity {

QColor color(std::int32_t severityNumber)
{
    switch (levelOf(severityNumber)) {
    case Level::Unspecified:
        break;
    case Level::Trace:
        return QColor(0x8a, 0x8f, 0x98);
    case Level::Debug:
        return QColor(0x4f, 0x7c, 0xac);
    case Level::Info:
        return QColor(0x2e, 0x8b, 0x57);
    case Level::Warn:
        return QColor(0xc7, 0x7c, 0x02);
    case Level::Error:
        return QColor(0xd0, 0x30, 0x30);
    case Level::Fatal:
        return QColor(0x9c, 0x1d, 0x8f);
    }
    return QColor(0x80, 0x80, 0x80);
}

} // namespace kansoku::LogSeverity
