// Many short byte strings kept back to back in one buffer: per-item columns of a batch cost one
// allocation instead of one per value. Values are numbered in the order they were closed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kansoku {

class PackedStrings
{
public:
    // Bytes appended here form the next value; close() ends it (an empty value is fine).
    std::string &openValue() { return m_bytes; }
    void close() { m_ends.push_back(m_bytes.size()); }

    void reserve(std::size_t values) { m_ends.reserve(values); }
    std::size_t size() const { return m_ends.size(); }
    bool empty() const { return m_ends.empty(); }
    std::string_view value(std::size_t index) const;

    bool operator==(const PackedStrings &) const = default;

private:
    std::string m_bytes;
    std::vector<std::size_t> m_ends; // value i is m_bytes[m_ends[i - 1], m_ends[i])
};

} // namespace kansoku
