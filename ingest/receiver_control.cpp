#include "receiver_control.h"

namespace kansoku {

void ReceiverControl::setForwarder(std::shared_ptr<OtlpForwarder> forwarder)
{
    const std::lock_guard lock(m_mutex);
    m_forwarder = std::move(forwarder);
}

std::shared_ptr<OtlpForwarder> ReceiverControl::forwarder() const
{
    const std::lock_guard lock(m_mutex);
    return m_forwarder;
}

} // namespace kansoku
