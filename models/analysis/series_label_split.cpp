#include "analysis/series_label_split.h"

#include <QStringList>
#include <algorithm>
#include <map>
#include <set>

namespace kansoku {

namespace {
// "http.response.status_code" → "status_code".
QString shortKey(const QString &key)
{
    const qsizetype dot = key.lastIndexOf(QLatin1Char('.'));
    return dot < 0 || dot + 1 >= key.size() ? key : key.mid(dot + 1);
}
} // namespace

QString SeriesLabelSplit::text(const Attributes &attributes)
{
    QStringList parts;
    for (const auto &[key, value] : attributes)
        parts.append(key + QLatin1Char('=') + value);
    return parts.join(QStringLiteral(", "));
}

SeriesLabels SeriesLabelSplit::split(const std::vector<Attributes> &attributeSets)
{
    SeriesLabels result;
    if (attributeSets.empty())
        return result;
    // Shared: in the first set and in every other one with the same value.
    Attributes shared;
    for (const auto &entry : attributeSets.front()) {
        const bool everywhere = std::all_of(
            attributeSets.begin() + 1, attributeSets.end(), [&entry](const Attributes &set) {
                return std::find(set.begin(), set.end(), entry) != set.end();
            });
        if (everywhere)
            shared.push_back(entry);
    }
    result.shared = text(shared);
    std::vector<Attributes> differing;
    differing.reserve(attributeSets.size());
    std::map<QString, std::set<QString>> keysByShortKey;
    for (const Attributes &set : attributeSets) {
        Attributes rest;
        for (const auto &entry : set) {
            if (std::find(shared.begin(), shared.end(), entry) == shared.end()) {
                rest.push_back(entry);
                keysByShortKey[shortKey(entry.first)].insert(entry.first);
            }
        }
        differing.push_back(std::move(rest));
    }
    // Every series differs by the same keys, in the same order: the values say it all, and
    // the keys are named once.
    const auto keysOf = [](const Attributes &set) {
        QStringList keys;
        for (const auto &entry : set)
            keys.append(entry.first);
        return keys;
    };
    const QStringList firstKeys = keysOf(differing.front());
    const bool sameKeys
        = !firstKeys.isEmpty() && attributeSets.size() > 1
          && std::all_of(differing.begin(), differing.end(),
                         [&](const Attributes &set) { return keysOf(set) == firstKeys; });
    result.labels.reserve(attributeSets.size());
    if (sameKeys) {
        result.differingKeys = firstKeys.join(QStringLiteral(", "));
        for (const Attributes &set : differing) {
            QStringList values;
            for (const auto &entry : set)
                values.append(entry.second);
            result.labels.push_back(values.join(QStringLiteral(", ")));
        }
        return result;
    }
    for (Attributes &set : differing) {
        for (auto &entry : set) {
            const QString key = shortKey(entry.first);
            if (keysByShortKey[key].size() == 1)
                entry.first = key;
        }
        result.labels.push_back(text(set));
    }
    return result;
}

} // namespace kansoku
