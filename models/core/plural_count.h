// A count for tr()'s plural forms, which take an int: tr("%Ln span(s)", nullptr, pluralCount(n))
// reads "1 span" / "2 spans" with the English catalogue. Pure; any thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

namespace kansoku {

// Negative counts read as 0, counts beyond an int as the largest int.
inline int pluralCount(std::int64_t count)
{
    return int(std::clamp<std::int64_t>(count, 0, std::numeric_limits<int>::max()));
}

} // namespace kansoku
