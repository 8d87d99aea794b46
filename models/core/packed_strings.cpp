#include "core/packed_strings.h"

namespace kansoku {

std::string_view PackedStrings::value(std::size_t index) const
{
    const std::size_t begin = index == 0 ? 0 : m_ends[index - 1];
    return std::string_view(m_bytes).substr(begin, m_ends[index] - begin);
}

} // namespace kansoku
