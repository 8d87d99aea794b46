#include "analysis/exemplar_marker_builder.h"

#include "analysis/metric_units.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace kansoku {

namespace {

double asDouble(const std::variant<double, std::int64_t> &value)
{
    return std::holds_alternative<double>(value)
               ? std::get<double>(value)
               : static_cast<double>(std::get<std::int64_t>(value));
}

// The line's value at timeNs, linear between its points as the chart draws it; at the ends (or
// next to a gap) the nearest finite point's. NaN when the series has no finite value.
double valueOnLine(const ChartSeries &line, std::int64_t timeNs)
{
    const std::size_t count = std::min(line.timesNs.size(), line.values.size());
    if (count == 0)
        return std::nan("");
    const auto after = static_cast<std::size_t>(
        std::lower_bound(line.timesNs.begin(), line.timesNs.begin() + static_cast<long>(count),
                         timeNs)
        - line.timesNs.begin());
    if (after < count && line.timesNs[after] == timeNs && std::isfinite(line.values[after]))
        return line.values[after];
    const bool hasBefore = after > 0 && std::isfinite(line.values[after - 1]);
    const bool hasAfter = after < count && std::isfinite(line.values[after]);
    if (hasBefore && hasAfter) {
        const double share = double(timeNs - line.timesNs[after - 1])
                             / double(line.timesNs[after] - line.timesNs[after - 1]);
        return line.values[after - 1] + share * (line.values[after] - line.values[after - 1]);
    }
    if (hasBefore)
        return line.values[after - 1];
    if (hasAfter)
        return line.values[after];
    // A gap on both sides: the nearest finite value, looking outwards.
    for (std::size_t step = 1; step <= count; ++step) {
        if (after >= step + 1 && std::isfinite(line.values[after - step - 1]))
            return line.values[after - step - 1];
        if (after + step < count && std::isfinite(line.values[after + step]))
            return line.values[after + step];
    }
    return std::nan("");
}

} // namespace

void ExemplarMarkerBuilder::collect(const DataPointBase &point, const QString &series,
                                    std::vector<ExemplarSample> *samples)
{
    for (const Exemplar &exemplar : point.exemplars) {
        if (exemplar.traceId.isZero())
            continue;
        samples->push_back({exemplar.timeNs != 0 ? exemplar.timeNs : point.timeNs,
                            asDouble(exemplar.value), exemplar.traceId, exemplar.spanId, series});
    }
}

std::vector<ChartExemplar> ExemplarMarkerBuilder::build(std::vector<ExemplarSample> samples,
                                                        const std::vector<ChartSeries> &series,
                                                        const Options &options)
{
    std::map<QString, const ChartSeries *> lines;
    for (const ChartSeries &line : series)
        lines.emplace(line.name, &line);

    // Placed markers, each once.
    std::vector<ChartExemplar> placed;
    const auto key = [](const ExemplarSample &s) {
        return std::tie(s.traceId, s.spanId, s.timeNs, s.value, s.series);
    };
    std::sort(samples.begin(), samples.end(),
              [&key](const ExemplarSample &a, const ExemplarSample &b) { return key(a) < key(b); });
    samples.erase(std::unique(samples.begin(), samples.end(),
                              [&key](const ExemplarSample &a, const ExemplarSample &b) {
                                  return key(a) == key(b);
                              }),
                  samples.end());
    placed.reserve(samples.size());
    for (const ExemplarSample &sample : samples) {
        if (!options.range.contains(sample.timeNs) || !std::isfinite(sample.value))
            continue;
        // valueText waits for the cap: formatting 100,000 numbers would cost more than the rest.
        ChartExemplar marker{sample.timeNs, sample.value,   sample.value, QString(),
                             sample.series, sample.traceId, sample.spanId};
        if (options.placement == Placement::OnSeries) {
            const auto line = lines.find(sample.series);
            if (line == lines.end())
                continue;
            marker.value = valueOnLine(*line->second, sample.timeNs);
            marker.series = line->second->displayName();
            if (!std::isfinite(marker.value))
                continue;
        }
        placed.push_back(std::move(marker));
    }
    if (options.maxMarkers >= 0 && placed.size() > static_cast<std::size_t>(options.maxMarkers)) {
        // Each stretch of time in turn gives its largest remaining measurement, so every stretch
        // with exemplars keeps some and none crowds out the others.
        const auto [first, last] = std::minmax_element(
            placed.begin(), placed.end(),
            [](const ChartExemplar &a, const ChartExemplar &b) { return a.timeNs < b.timeNs; });
        const std::int64_t startNs
            = options.range.hasStart() ? options.range.startNs : first->timeNs;
        const std::int64_t endNs = options.range.hasEnd() ? options.range.endNs : last->timeNs + 1;
        const int buckets = std::max(1, options.timeBuckets);
        const double bucketNs = std::max(1.0, double(endNs - startNs) / buckets);
        std::vector<std::vector<ChartExemplar>> byBucket(static_cast<std::size_t>(buckets));
        for (ChartExemplar &marker : placed) {
            const auto bucket = static_cast<std::size_t>(
                std::clamp(int(double(marker.timeNs - startNs) / bucketNs), 0, buckets - 1));
            byBucket[bucket].push_back(std::move(marker));
        }
        for (std::vector<ChartExemplar> &bucket : byBucket) {
            std::stable_sort(bucket.begin(), bucket.end(),
                             [](const ChartExemplar &a, const ChartExemplar &b) {
                                 return a.measurement > b.measurement;
                             });
        }
        placed.clear();
        for (std::size_t rank = 0; placed.size() < static_cast<std::size_t>(options.maxMarkers);
             ++rank) {
            bool any = false;
            for (std::vector<ChartExemplar> &bucket : byBucket) {
                if (rank >= bucket.size())
                    continue;
                any = true;
                if (placed.size() < static_cast<std::size_t>(options.maxMarkers))
                    placed.push_back(std::move(bucket[rank]));
            }
            if (!any)
                break;
        }
    }
    std::stable_sort(
        placed.begin(), placed.end(),
        [](const ChartExemplar &a, const ChartExemplar &b) { return a.timeNs < b.timeNs; });
    for (ChartExemplar &marker : placed)
        marker.valueText = MetricUnits::formatValue(marker.measurement, options.unit);
    return placed;
}

} // namespace kansoku
