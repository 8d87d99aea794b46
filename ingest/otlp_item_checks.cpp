#include "otlp_item_checks.h"

namespace kansoku {

OtlpDecodeResult OtlpItemChecks::Rejections::success(TelemetryBatchPtr batch,
                                                     const char *itemNoun) const
{
    OtlpDecodeResult result;
    result.ok = true;
    result.batch = std::move(batch);
    result.rejectedItems = m_count;
    if (m_count > 0)
        result.rejectionMessage = std::to_string(m_count) + " " + itemNoun
                                  + (m_count == 1 ? "" : "s") + " rejected; first: " + m_first;
    return result;
}

std::string OtlpItemChecks::indexed(const char *name, int index)
{
    return std::string(name) + '[' + std::to_string(index) + ']';
}

} // namespace kansoku
