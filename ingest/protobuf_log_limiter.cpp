#include "protobuf_log_limiter.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace kansoku {

namespace {

std::atomic<ProtobufLogLimiter *> routedLimiter{nullptr};
google::protobuf::LogHandler *previousHandler = nullptr;

void forwardToRoutedLimiter(google::protobuf::LogLevel level, const char *filename, int line,
                            const std::string &message)
{
    if (ProtobufLogLimiter *limiter = routedLimiter.load(std::memory_order_acquire))
        limiter->log(level, filename, line, message);
}

} // namespace

ProtobufLogLimiter::ProtobufLogLimiter()
    : ProtobufLogLimiter(standardErrorSink(), Options{})
{}

ProtobufLogLimiter::ProtobufLogLimiter(Sink sink, Options options, Clock clock)
    : m_sink(std::move(sink))
    , m_options(options)
    , m_clock(std::move(clock))
{}

void ProtobufLogLimiter::log(google::protobuf::LogLevel level, const char *filename, int line,
                             const std::string &message)
{
    std::lock_guard lock(m_mutex);
    const std::int64_t nowMs = m_clock();
    closeEndedInterval(nowMs);
    if (!m_intervalOpen) {
        m_intervalOpen = true;
        m_intervalStartMs = nowMs;
        m_passedInInterval = 0;
        m_suppressedInInterval = 0;
    }
    if (m_passedInInterval < m_options.messagesPerInterval
        || level == google::protobuf::LOGLEVEL_FATAL) {
        ++m_passedInInterval;
        ++m_counts.passed;
        m_sink(formatMessage(level, filename, line, message));
    } else {
        ++m_suppressedInInterval;
        ++m_counts.suppressed;
    }
}

void ProtobufLogLimiter::emitDueSummary()
{
    std::lock_guard lock(m_mutex);
    closeEndedInterval(m_clock());
}

void ProtobufLogLimiter::flush()
{
    std::lock_guard lock(m_mutex);
    emitSummary();
}

ProtobufLogLimiter::Counts ProtobufLogLimiter::counts() const
{
    std::lock_guard lock(m_mutex);
    return m_counts;
}

void ProtobufLogLimiter::closeEndedInterval(std::int64_t nowMs)
{
    if (!m_intervalOpen || nowMs - m_intervalStartMs < m_options.intervalMs)
        return;
    emitSummary();
    m_intervalOpen = false;
}

void ProtobufLogLimiter::emitSummary()
{
    if (m_suppressedInInterval == 0)
        return;
    m_sink("kansoku: " + std::to_string(m_suppressedInInterval)
           + " more libprotobuf messages suppressed (at most "
           + std::to_string(m_options.messagesPerInterval) + " are printed every "
           + std::to_string(m_options.intervalMs / 1000) + " s)");
    m_suppressedInInterval = 0;
}

std::string ProtobufLogLimiter::formatMessage(google::protobuf::LogLevel level,
                                              const char *filename, int line,
                                              const std::string &message)
{
    static const char *const levelNames[] = {"INFO", "WARNING", "ERROR", "FATAL"};
    const int index
        = level >= google::protobuf::LOGLEVEL_INFO && level <= google::protobuf::LOGLEVEL_FATAL
              ? int(level)
              : int(google::protobuf::LOGLEVEL_ERROR);
    return "[libprotobuf " + std::string(levelNames[index]) + ' '
           + std::string(filename ? filename : "?") + ':' + std::to_string(line) + "] " + message;
}

ProtobufLogLimiter::Sink ProtobufLogLimiter::standardErrorSink()
{
    return [](std::string_view line) {
        // One write per line, so lines from several threads do not interleave mid-line.
        std::string text(line);
        text += '\n';
        std::fwrite(text.data(), 1, text.size(), stderr);
    };
}

ProtobufLogLimiter::Clock ProtobufLogLimiter::steadyClock()
{
    return [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    };
}

void ProtobufLogLimiter::route(ProtobufLogLimiter *limiter)
{
    ProtobufLogLimiter *const before = routedLimiter.exchange(limiter, std::memory_order_acq_rel);
    if (limiter && !before)
        previousHandler = google::protobuf::SetLogHandler(&forwardToRoutedLimiter);
    else if (!limiter && before)
        google::protobuf::SetLogHandler(previousHandler);
}

ProtobufLogLimiter *ProtobufLogLimiter::routed()
{
    return routedLimiter.load(std::memory_order_acquire);
}

ProtobufLogLimiter &ProtobufLogLimiter::installForProcess()
{
    static ProtobufLogLimiter *const limiter = [] {
        auto *created = new ProtobufLogLimiter();
        route(created);
        std::atexit([] { installForProcess().flush(); });
        return created;
    }();
    return *limiter;
}

} // namespace kansoku
