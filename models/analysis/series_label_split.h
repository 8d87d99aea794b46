// Names for the series of one chart that say what differs between them: the attributes every
// series has with the same value are pulled out as a shared caption ("http.route=/cart"), and
// each series keeps the rest: only the values when all differ by the same keys ("/cart, 200"),
// else key=value with keys shortened to their last dotted part when that stays unambiguous
// ("http.method=GET, http.response.status_code=200" → "status_code=200").
// Pure; any thread.
#pragma once

#include <QString>
#include <utility>
#include <vector>

namespace kansoku {

struct SeriesLabels
{
    std::vector<QString> labels; // per attribute set, in its own key order; empty: nothing differs
                                 // (short keys)
    QString shared;              // "key=value, ..." common to all; empty when nothing is
    // When every series differs by the same keys, their labels are the values only ("/cart, 200")
    // and this names the keys ("http.route, http.response.status_code"); else empty.
    QString differingKeys;
};

class SeriesLabelSplit
{
public:
    using Attributes = std::vector<std::pair<QString, QString>>; // key, display value

    // With a single set nothing differs: its attributes are all shared.
    static SeriesLabels split(const std::vector<Attributes> &attributeSets);
    // "key=value, key=value".
    static QString text(const Attributes &attributes);
};

} // namespace kansoku
