// OTLP log severity ranges (SeverityNumber 1-4 TRACE ... 21-24 FATAL): names and parsing (the
// colours views draw them in are in view/log_severity_color.h). Pure functions, any thread.
#pragma once

#include <QString>
#include <cstdint>
#include <optional>

namespace kansoku::LogSeverity {

enum class Level { Unspecified, Trace, Debug, Info, Warn, Error, Fatal };

Level levelOf(std::int32_t severityNumber); // out-of-range numbers are Unspecified
// "TRACE" ... "FATAL", with the step inside the range ("INFO2") for 10-12 etc.; "" for 0.
QString shortName(std::int32_t severityNumber);
QString levelName(Level level);
// The lowest SeverityNumber of a level (Trace 1, Debug 5, ... Fatal 21; Unspecified 0).
std::int32_t firstNumberOf(Level level);
// "warn", "WARNING", "err", "e", "13" ... → the lowest SeverityNumber it names; nullopt otherwise.
std::optional<std::int32_t> parseMinimum(const QString &text);

} // namespace kansoku::LogSeverity
