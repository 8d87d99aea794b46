// The colour every view draws a log severity in. Kept out of core/log_severity.h so that the
// layers below the GUI need no Qt Gui. Pure function, any thread.
#pragma once

#include <QColor>
#include <cstdint>

namespace kansoku::LogSeverity {

// Text colour for the level on a light background; Unspecified is mid grey.
QColor color(std::int32_t severityNumber);

} // namespace kansoku::LogSeverity
