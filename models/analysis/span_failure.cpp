#include "analysis/span_failure.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>

namespace kansoku {

namespace {

constexpr std::size_t maxMessageBytes = 160;

bool isSpace(char c)
{
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

bool isAlnum(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

bool isQuote(char c)
{
    return c == '"' || c == '\'' || c == '`';
}

// Characters that end a word but are kept: "id=17" keeps "id=", "10.0.0.1:5432" becomes "?:?".
bool isDelimiter(char c)
{
    return c != '\0' && std::strchr(",;:=/()[]{}<>|\"'`", c) != nullptr;
}

std::int64_t statusCodeValue(const AnyValue &value)
{
    switch (value.type()) {
    case AnyValue::Type::Int:
        return value.intValue();
    case AnyValue::Type::Double:
        return std::int64_t(value.doubleValue());
    case AnyValue::Type::String: {
        const std::string &text = value.stringValue();
        std::int64_t code = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), code);
        return error == std::errc() && end == text.data() + text.size() ? code : 0;
    }
    default:
        return 0;
    }
}

// Where the quoted text opened at begin closes: the next same quote not followed by a letter or
// digit (so "'O'Brien'" closes at the last one); npos when it never does.
std::size_t closingQuote(std::string_view line, std::size_t begin)
{
    std::size_t closing = begin + 1;
    while ((closing = line.find(line[begin], closing)) != std::string_view::npos) {
        if (closing + 1 == line.size() || !isAlnum(line[closing + 1]))
            return closing;
        ++closing;
    }
    return std::string_view::npos;
}

// The first line that is not blank.
std::string_view firstLine(std::string_view text)
{
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    return text.substr(0, text.find_first_of("\r\n"));
}

// Cuts text to maxMessageBytes on a UTF-8 character boundary and marks the cut with "…".
void cutToMessageLength(std::string &text)
{
    if (text.size() <= maxMessageBytes)
        return;
    std::size_t cut = maxMessageBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    text.resize(cut);
    while (!text.empty() && isSpace(text.back()))
        text.pop_back();
    text += "…";
}

} // namespace

std::int64_t httpStatusCodeOf(const AnalysisSpan &span)
{
    for (std::string_view key : {"http.response.status_code", "http.status_code"}) {
        if (const AnyValue *value = findAttribute(span.attributes, key))
            return statusCodeValue(*value);
    }
    return 0;
}

std::string_view grpcStatusName(int code)
{
    static constexpr std::array<std::string_view, 17> names = {"OK",
                                                               "CANCELLED",
                                                               "UNKNOWN",
                                                               "INVALID_ARGUMENT",
                                                               "DEADLINE_EXCEEDED",
                                                               "NOT_FOUND",
                                                               "ALREADY_EXISTS",
                                                               "PERMISSION_DENIED",
                                                               "RESOURCE_EXHAUSTED",
                                                               "FAILED_PRECONDITION",
                                                               "ABORTED",
                                                               "OUT_OF_RANGE",
                                                               "UNIMPLEMENTED",
                                                               "INTERNAL",
                                                               "UNAVAILABLE",
                                                               "DATA_LOSS",
                                                               "UNAUTHENTICATED"};
    return code >= 0 && code < int(names.size()) ? names[std::size_t(code)] : std::string_view();
}

int grpcStatusCodeOf(const AnalysisSpan &span)
{
    const auto inRange = [](std::int64_t code) {
        return code >= 0 && code <= 16 ? int(code) : -1;
    };
    if (const AnyValue *value = findAttribute(span.attributes, "rpc.grpc.status_code")) {
        // statusCodeValue reads 0 for what is no number: only a real "0" is OK.
        const std::int64_t code = statusCodeValue(*value);
        const bool isZero = value->type() == AnyValue::Type::Int
                            || value->type() == AnyValue::Type::Double
                            || value->toDisplayString() == "0";
        return code != 0 || isZero ? inRange(code) : -1;
    }
    if (const AnyValue *value = findAttribute(span.attributes, "rpc.response.status_code")) {
        const std::string text = value->toDisplayString();
        for (int code = 0; code <= 16; ++code)
            if (text == grpcStatusName(code) || text == std::to_string(code))
                return code;
    }
    return -1;
}

bool spanFailed(const AnalysisSpan &span)
{
    if (span.statusCode != StatusCode::Unset)
        return span.statusCode == StatusCode::Error;
    if (span.kind != SpanKind::Server && span.kind != SpanKind::Client)
        return false;
    const bool server = span.kind == SpanKind::Server;
    if (const std::int64_t status = httpStatusCodeOf(span); status > 0)
        return status >= (server ? 500 : 400) && status < 600;
    const int grpc = grpcStatusCodeOf(span);
    if (grpc <= 0)
        return false;
    // The statuses the conventions count as the server's own failure; the others (NOT_FOUND,
    // INVALID_ARGUMENT, …) are the caller's, and fail only the client's span.
    static constexpr std::array<int, 6> serverErrors = {2, 4, 12, 13, 14, 15};
    return !server
           || std::find(serverErrors.begin(), serverErrors.end(), grpc) != serverErrors.end();
}

FailureCause failureCauseOf(const AnalysisSpan &span)
{
    if (!span.exceptionType.empty())
        return {FailureCauseKind::ExceptionType, span.exceptionType};
    std::string message = normalizeErrorMessage(span.statusMessage);
    if (!message.empty())
        return {FailureCauseKind::StatusMessage, std::move(message)};
    if (const std::int64_t status = httpStatusCodeOf(span); status > 0)
        return {FailureCauseKind::HttpStatus, "HTTP " + std::to_string(status)};
    if (const int grpc = grpcStatusCodeOf(span); grpc > 0)
        return {FailureCauseKind::GrpcStatus, "gRPC " + std::string(grpcStatusName(grpc))};
    return {FailureCauseKind::Unspecified, "unexplained error"};
}

std::string normalizeErrorMessage(std::string_view message)
{
    const std::string_view line = firstLine(message);
    std::string out;
    bool pendingSpace = false;
    std::size_t i = 0;
    while (i < line.size()) {
        const char c = line[i];
        if (isSpace(c)) {
            pendingSpace = !out.empty();
            ++i;
            continue;
        }
        if (pendingSpace) {
            out += ' ';
            pendingSpace = false;
        }
        if (isQuote(c) && (i == 0 || !isAlnum(line[i - 1]))) {
            if (const std::size_t closing = closingQuote(line, i);
                closing != std::string_view::npos) {
                out += c;
                out += '?';
                out += c;
                i = closing + 1;
                continue;
            }
        }
        if (isDelimiter(c)) {
            out += c;
            ++i;
            continue;
        }
        std::size_t end = i;
        bool hasDigit = false;
        while (end < line.size() && !isSpace(line[end]) && !isDelimiter(line[end])) {
            hasDigit = hasDigit || std::isdigit(static_cast<unsigned char>(line[end]));
            ++end;
        }
        if (hasDigit)
            out += '?';
        else
            out.append(line.substr(i, end - i));
        i = end;
    }
    cutToMessageLength(out);
    return out;
}

std::string errorMessageLine(std::string_view message)
{
    std::string_view line = firstLine(message);
    while (!line.empty() && isSpace(line.back()))
        line.remove_suffix(1);
    std::string out(line);
    cutToMessageLength(out);
    return out;
}

} // namespace kansoku
