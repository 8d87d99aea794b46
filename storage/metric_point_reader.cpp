#include "metric_point_reader.h"

#include "formats/otlp_json_field_reader.h"
#include "metric_point_codec.h"
#include "sqlite_statement.h"

namespace kansoku {

namespace {

void readBase(const SqliteStatement &row, DataPointBase *point, const Attributes &attributes)
{
    point->attributes = attributes;
    point->timeNs = row.columnInt(0);
    point->startTimeNs = row.columnInt(1);
    point->flags = static_cast<std::uint32_t>(row.columnInt(2));
    OtlpJsonFieldReader::decodeExemplars(row.columnTextView(9), &point->exemplars);
}

} // namespace

void MetricPointReader::appendPoint(const SqliteStatement &row, Metric *metric,
                                    const Attributes &attributes)
{
    switch (metric->type) {
    case MetricType::Gauge:
    case MetricType::Sum: {
        NumberDataPoint point;
        readBase(row, &point, attributes);
        if (sqlite3_column_type(row.handle(), 3) == SQLITE_INTEGER)
            point.value = row.columnInt(3);
        else
            point.value = row.columnExactDouble(3);
        metric->numberPoints.push_back(std::move(point));
        break;
    }
    case MetricType::Histogram: {
        HistogramDataPoint point;
        readBase(row, &point, attributes);
        point.count = static_cast<std::uint64_t>(row.columnInt(4));
        point.sum = row.columnOptionalDouble(5);
        point.min = row.columnOptionalDouble(6);
        point.max = row.columnOptionalDouble(7);
        MetricPointCodec::decodeHistogram(row.columnBlobView(8), &point);
        metric->histogramPoints.push_back(std::move(point));
        break;
    }
    case MetricType::ExponentialHistogram: {
        ExponentialHistogramDataPoint point;
        readBase(row, &point, attributes);
        point.count = static_cast<std::uint64_t>(row.columnInt(4));
        point.sum = row.columnOptionalDouble(5);
        point.min = row.columnOptionalDouble(6);
        point.max = row.columnOptionalDouble(7);
        MetricPointCodec::decodeExponentialHistogram(row.columnBlobView(8), &point);
        metric->exponentialHistogramPoints.push_back(std::move(point));
        break;
    }
    case MetricType::Summary: {
        SummaryDataPoint point;
        readBase(row, &point, attributes);
        point.count = static_cast<std::uint64_t>(row.columnInt(4));
        point.sum = row.columnExactDouble(5);
        MetricPointCodec::decodeSummary(row.columnBlobView(8), &point);
        metric->summaryPoints.push_back(std::move(point));
        break;
    }
    }
}

void MetricPointReader::accumulate(NumberDataPoint &total, NumberDataPoint &&point)
{
    const bool bothInt = std::holds_alternative<std::int64_t>(total.value)
                         && std::holds_alternative<std::int64_t>(point.value);
    if (bothInt)
        total.value = std::get<std::int64_t>(total.value) + std::get<std::int64_t>(point.value);
    else
        total.value = total.asDouble() + point.asDouble();
    total.timeNs = point.timeNs;
    total.flags = point.flags;
    for (Exemplar &exemplar : point.exemplars)
        total.exemplars.push_back(std::move(exemplar));
}

} // namespace kansoku
