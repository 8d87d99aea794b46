// A span of a loaded trace (TelemetryQueries::trace) as an analysis reads it: what storage's
// analysis loader produces from the stored rows, built here from the Trace value instead (the
// service map of one trace, the training's answer check). Pure, any thread.
#pragma once

#include "core/analysis_span.h"
#include "core/telemetry_queries.h"

namespace kansoku {

// Service and version from its resource, only the analysis attributes, the first exception
// event's type. traceSpan must be one of trace's spans.
AnalysisSpan toAnalysisSpan(const Trace &trace, const TraceSpan &traceSpan);

} // namespace kansoku
