#include "load_generator.h"

#include "load_client.h"

#include <chrono>
#include <mutex>

namespace kansoku::bench {

LoadGenerator::LoadGenerator(const RequestTemplate &request, std::string signalPath,
                             std::atomic<std::uint64_t> *sequence)
    : m_request(request)
    , m_signalPath(std::move(signalPath))
    , m_sequence(sequence)
{}

LoadGenerator::~LoadGenerator()
{
    stop();
}

void LoadGenerator::start(int threads, const ClientFactory &factory, std::int64_t itemBudget)
{
    m_itemBudget = itemBudget;
    for (int index = 0; index < threads; ++index)
        m_threads.emplace_back(&LoadGenerator::run, this, factory(index));
}

void LoadGenerator::stop()
{
    m_stopping = true;
    for (std::thread &thread : m_threads)
        thread.join();
    m_threads.clear();
}

std::string LoadGenerator::firstError() const
{
    std::lock_guard lock(m_errorMutex);
    return m_firstError;
}

void LoadGenerator::run(std::unique_ptr<LoadClient> client)
{
    while (!m_stopping) {
        if (m_itemBudget > 0 && m_acceptedItems.load() >= m_itemBudget)
            return;
        const std::string body = m_request.instantiate(m_sequence->fetch_add(1) + 1);
        const SendOutcome outcome = client->send(m_signalPath, body);
        m_sentBytes += std::int64_t(body.size());
        switch (outcome) {
        case SendOutcome::Accepted:
            m_acceptedItems += m_request.itemCount();
            break;
        case SendOutcome::Refused:
            // The receiver asked us to retry later: back off as an SDK would.
            m_refusedItems += m_request.itemCount();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            break;
        case SendOutcome::Failed: {
            ++m_failedRequests;
            std::lock_guard lock(m_errorMutex);
            if (m_firstError.empty())
                m_firstError = client->lastError();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            break;
        }
        }
    }
}

} // namespace kansoku::bench
