// Rate-limits libprotobuf's log messages (one ERROR line per request with invalid UTF-8, say) so
// that bad input cannot flood stderr: at most N lines per interval pass, then one summary line.
// Thread-safe: receiver threads, the import worker and the main thread all log through it.
#pragma once

#include <cstdint>
#include <functional>
#include <google/protobuf/stubs/logging.h>
#include <mutex>
#include <string>
#include <string_view>

namespace kansoku {

class ProtobufLogLimiter
{
public:
    using Sink = std::function<void(std::string_view line)>; // one line, without its newline
    using Clock = std::function<std::int64_t()>;             // monotonic milliseconds

    struct Options
    {
        int messagesPerInterval = 5;
        std::int64_t intervalMs = 10'000;
    };

    // Messages over the whole lifetime, passed through to the sink or suppressed.
    struct Counts
    {
        std::int64_t passed = 0;
        std::int64_t suppressed = 0;
        bool operator==(const Counts &) const = default;
    };

    // To stderr, 5 messages per 10 s.
    ProtobufLogLimiter();
    ProtobufLogLimiter(Sink sink, Options options, Clock clock = steadyClock());

    // An interval starts with the first message after the previous one ended. Within it the first
    // messagesPerInterval messages pass (FATAL ones always do, the process is about to end); the
    // rest are counted, and the count is printed as one line when the interval has ended: at the
    // next message, emitDueSummary() or flush().
    void log(google::protobuf::LogLevel level, const char *filename, int line,
             const std::string &message);
    // Prints the summary of an interval that has ended, if it suppressed anything.
    void emitDueSummary();
    // Prints what the current interval has suppressed so far (at exit).
    void flush();
    Counts counts() const;

    // libprotobuf's own format: "[libprotobuf ERROR file.cc:618] message".
    static std::string formatMessage(google::protobuf::LogLevel level, const char *filename,
                                     int line, const std::string &message);
    static Sink standardErrorSink();
    static Clock steadyClock();

    // Sends every libprotobuf message of the process to `limiter`; nullptr gives libprotobuf its
    // previous handler back. Call it before other threads run (libprotobuf's SetLogHandler is not
    // thread-safe); the limiter must stay alive while it is routed to.
    static void route(ProtobufLogLimiter *limiter);
    static ProtobufLogLimiter *routed();
    // The process's limiter, writing to stderr: created and routed to on the first call, never
    // destroyed (libprotobuf may log while static objects are destroyed), flushed at exit.
    static ProtobufLogLimiter &installForProcess();

private:
    void closeEndedInterval(std::int64_t nowMs);
    void emitSummary();

    const Sink m_sink;
    const Options m_options;
    const Clock m_clock;
    mutable std::mutex m_mutex;
    bool m_intervalOpen = false;
    std::int64_t m_intervalStartMs = 0;
    int m_passedInInterval = 0;
    std::int64_t m_suppressedInInterval = 0;
    Counts m_counts;
};

} // namespace kansoku
