// What the app changes while the receivers run: whether they take exports (paused: every export
// is answered with the protocol's "unavailable, retry later") and the forwarder that accepted
// exports are handed to. Shared by both receivers, read per request on their threads; changed
// from the main thread (KansokuRuntime), which owns it across session switches.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>

namespace kansoku {

class OtlpForwarder;

class ReceiverControl
{
public:
    void setPaused(bool paused) { m_paused.store(paused, std::memory_order_relaxed); }
    bool isPaused() const { return m_paused.load(std::memory_order_relaxed); }

    // Null: nothing is forwarded. A request being handled keeps the forwarder it took.
    void setForwarder(std::shared_ptr<OtlpForwarder> forwarder);
    std::shared_ptr<OtlpForwarder> forwarder() const;

private:
    std::atomic<bool> m_paused{false};
    mutable std::mutex m_mutex; // guards m_forwarder
    std::shared_ptr<OtlpForwarder> m_forwarder;
};

} // namespace kansoku
