// Runs N sender threads, each with its own connection, that send instances of one request
// template as fast as the receiver acknowledges them, until stopped or an item budget is spent.
// Counters are atomics read by the benchmark's main thread.
#pragma once

#include "request_template.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace kansoku::bench {

class LoadClient;

class LoadGenerator
{
public:
    using ClientFactory = std::function<std::unique_ptr<LoadClient>(int threadIndex)>;

    LoadGenerator(const RequestTemplate &request, std::string signalPath,
                  std::atomic<std::uint64_t> *sequence);
    ~LoadGenerator();

    // itemBudget: stop after this many acknowledged items in total (0 = until stop()).
    void start(int threads, const ClientFactory &factory, std::int64_t itemBudget = 0);
    void stop();

    std::int64_t acceptedItems() const { return m_acceptedItems.load(); }
    std::int64_t refusedItems() const { return m_refusedItems.load(); }
    std::int64_t failedRequests() const { return m_failedRequests.load(); }
    std::int64_t sentBytes() const { return m_sentBytes.load(); }
    std::string firstError() const;

private:
    void run(std::unique_ptr<LoadClient> client);

    const RequestTemplate &m_request;
    std::string m_signalPath;
    std::atomic<std::uint64_t> *m_sequence;
    std::int64_t m_itemBudget = 0;
    std::atomic<bool> m_stopping{false};
    std::atomic<std::int64_t> m_acceptedItems{0};
    std::atomic<std::int64_t> m_refusedItems{0};
    std::atomic<std::int64_t> m_failedRequests{0};
    std::atomic<std::int64_t> m_sentBytes{0};
    std::vector<std::thread> m_threads;
    mutable std::mutex m_errorMutex;
    std::string m_firstError;
};

} // namespace kansoku::bench
