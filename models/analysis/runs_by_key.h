// Splits a list by a key of each item: detectors group one parent's children by statement or by
// downstream, and their groups of calls by request, this way. Header-only template; pure, any
// thread.
#pragma once

#include <algorithm>
#include <vector>

namespace kansoku {

// Sorts items stably by key(item) (items keep their order, e.g. start order, within a key) and
// calls visit(begin, end) with the iterators of each run of items with equal keys.
template<typename Item, typename KeyOf, typename Visit>
void forEachRunByKey(std::vector<Item> &items, KeyOf key, Visit visit)
{
    const auto byKey = [&](const Item &a, const Item &b) {
        return key(a) < key(b);
    };
    // Often every item has the same key (one downstream, one statement): no sort buffer then.
    if (!std::is_sorted(items.begin(), items.end(), byKey))
        std::stable_sort(items.begin(), items.end(), byKey);
    for (auto begin = items.begin(); begin != items.end();) {
        auto end = begin + 1;
        while (end != items.end() && key(*end) == key(*begin))
            ++end;
        visit(begin, end);
        begin = end;
    }
}

} // namespace kansoku
