#include "telemetry_file_format_detector.h"

#include <cstdint>
#include <string>

namespace kansoku {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::size_t skipSpace(std::string_view text, std::size_t pos)
{
    // A UTF-8 byte order mark is not JSON but editors on Windows write one.
    if (pos == 0 && text.substr(0, 3) == "\xEF\xBB\xBF")
        pos = 3;
    while (pos < text.size() && isSpace(text[pos]))
        ++pos;
    return pos;
}

std::uint32_t bigEndian32(std::string_view bytes)
{
    const auto *b = reinterpret_cast<const unsigned char *>(bytes.data());
    return (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) | (std::uint32_t(b[2]) << 8)
           | std::uint32_t(b[3]);
}

// Calls onKey(key) for each key of the outermost object, in order, as far as text reaches; stops
// when onKey returns true. Escaped characters inside keys are compared raw, which is enough for the
// ASCII key names we look for.
template<typename OnKey>
void forEachTopLevelKey(std::string_view text, OnKey onKey)
{
    int depth = 0;
    std::size_t i = skipSpace(text, 0);
    bool expectKey = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            const std::size_t start = i + 1;
            std::size_t end = start;
            while (end < text.size() && text[end] != '"')
                end += text[end] == '\\' ? 2 : 1;
            if (end >= text.size())
                return;
            if (depth == 1 && expectKey) {
                if (onKey(text.substr(start, end - start)))
                    return;
            }
            expectKey = false;
            i = end;
        } else if (c == '{' || c == '[') {
            ++depth;
            expectKey = depth == 1 && c == '{';
        } else if (c == '}' || c == ']') {
            if (--depth <= 0)
                return;
        } else if (c == ',' && depth == 1) {
            expectKey = true;
        }
    }
}

// True when the first JSON value of text ends before its first line break: a JSON lines file.
bool firstValueIsOneLine(std::string_view text)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = skipSpace(text, 0); i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            ++depth;
            break;
        case '}':
        case ']':
            if (--depth == 0)
                return true;
            break;
        case '\n':
            return false;
        default:
            break;
        }
    }
    // The first line is longer than the head: one long line, as JSON lines files have.
    return true;
}

} // namespace

std::optional<TelemetrySignal> TelemetryFileFormatDetector::otlpJsonSignal(std::string_view object)
{
    std::optional<TelemetrySignal> signal;
    forEachTopLevelKey(object, [&](std::string_view key) {
        if (key == "resourceSpans" || key == "resource_spans")
            signal = TelemetrySignal::Traces;
        else if (key == "resourceMetrics" || key == "resource_metrics")
            signal = TelemetrySignal::Metrics;
        else if (key == "resourceLogs" || key == "resource_logs")
            signal = TelemetrySignal::Logs;
        return signal.has_value();
    });
    return signal;
}

TelemetryFileFormat TelemetryFileFormatDetector::detect(std::string_view head, bool atEnd)
{
    const std::size_t first = skipSpace(head, 0);
    if (first < head.size() && head[first] == '{') {
        bool otlp = false;
        bool jaeger = false;
        forEachTopLevelKey(head.substr(first), [&](std::string_view key) {
            otlp = key == "resourceSpans" || key == "resourceMetrics" || key == "resourceLogs"
                   || key == "resource_spans" || key == "resource_metrics"
                   || key == "resource_logs";
            jaeger = key == "data";
            return otlp || jaeger;
        });
        if (jaeger)
            return TelemetryFileFormat::JaegerJson;
        // An empty request "{}" is valid OTLP/JSON too.
        const std::size_t next = skipSpace(head, first + 1);
        if (otlp || (next < head.size() && head[next] == '}')) {
            return firstValueIsOneLine(head.substr(first)) ? TelemetryFileFormat::OtlpJsonLines
                                                           : TelemetryFileFormat::OtlpJsonDocument;
        }
        return TelemetryFileFormat::Unknown;
    }
    if (first < head.size() && head[first] == '[') {
        // Zipkin v2: an array of span objects with "traceId" and "id" (or an empty array).
        const std::size_t next = skipSpace(head, first + 1);
        if (next < head.size() && head[next] == ']')
            return TelemetryFileFormat::ZipkinJson;
        if (next < head.size() && head[next] == '{') {
            bool traceId = false;
            bool id = false;
            forEachTopLevelKey(head.substr(next), [&](std::string_view key) {
                traceId = traceId || key == "traceId";
                id = id || key == "id";
                return traceId && id;
            });
            if (traceId && id)
                return TelemetryFileFormat::ZipkinJson;
        }
        return TelemetryFileFormat::Unknown;
    }
    // Length-delimited protobuf: a plausible length, then either the tag of field 1 with wire type
    // 2 (the repeated Resource{Spans,Metrics,Logs} every request starts with) or a zstd frame (the
    // file exporter's per-message compression); and when the first message ends inside the head,
    // the next thing must be another plausible length or the end of the file.
    if (head.size() < 5)
        return TelemetryFileFormat::Unknown;
    const std::uint32_t length = bigEndian32(head);
    if (length == 0 || length > maxMessageBytes)
        return TelemetryFileFormat::Unknown;
    const auto *bytes = reinterpret_cast<const unsigned char *>(head.data());
    const bool zstdMessage = head.size() >= 8 && bytes[4] == 0x28 && bytes[5] == 0xb5
                             && bytes[6] == 0x2f && bytes[7] == 0xfd;
    if (bytes[4] != 0x0a && !zstdMessage)
        return TelemetryFileFormat::Unknown;
    const std::uint64_t nextPrefix = 4ull + length;
    if (atEnd && nextPrefix > head.size())
        return TelemetryFileFormat::Unknown; // claims more bytes than the file has
    if (nextPrefix + 4 <= head.size()) {
        const std::uint32_t nextLength = bigEndian32(head.substr(nextPrefix));
        if (nextLength == 0 || nextLength > maxMessageBytes)
            return TelemetryFileFormat::Unknown;
    } else if (atEnd && nextPrefix != head.size()) {
        return TelemetryFileFormat::Unknown;
    }
    return TelemetryFileFormat::OtlpProtobuf;
}

const char *TelemetryFileFormatDetector::formatName(TelemetryFileFormat format)
{
    switch (format) {
    case TelemetryFileFormat::Unknown:
        return "unknown";
    case TelemetryFileFormat::OtlpJsonLines:
        return "OTLP JSON lines";
    case TelemetryFileFormat::OtlpJsonDocument:
        return "OTLP JSON";
    case TelemetryFileFormat::OtlpProtobuf:
        return "OTLP protobuf (length-delimited)";
    case TelemetryFileFormat::JaegerJson:
        return "Jaeger JSON";
    case TelemetryFileFormat::ZipkinJson:
        return "Zipkin v2 JSON";
    }
    return "unknown";
}

const char *TelemetryFileFormatDetector::supportedFormatsText()
{
    return "Kansoku reads OTLP JSON (one request per file or JSON lines), OTLP protobuf "
           "(length-delimited, as the OpenTelemetry Collector file exporter writes it), Jaeger "
           "JSON "
           "and Zipkin v2 JSON, each optionally gzip (.gz) or zstd (.zst) compressed";
}

} // namespace kansoku
