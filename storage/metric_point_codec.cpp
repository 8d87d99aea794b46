#include "metric_point_codec.h"

#include <cstring>

namespace kansoku {

namespace {

void putVarint(std::string &out, std::uint64_t value)
{
    while (value >= 0x80) {
        out += static_cast<char>((value & 0x7f) | 0x80);
        value >>= 7;
    }
    out += static_cast<char>(value);
}

void putSigned(std::string &out, std::int64_t value)
{
    putVarint(out,
              (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63));
}

void putDouble(std::string &out, double value)
{
    char bytes[sizeof value];
    std::memcpy(bytes, &value, sizeof value);
    out.append(bytes, sizeof bytes);
}

class Reader
{
public:
    explicit Reader(std::string_view data)
        : m_data(data)
    {}

    bool varint(std::uint64_t *value)
    {
        *value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_position >= m_data.size())
                return false;
            const auto byte = static_cast<std::uint8_t>(m_data[m_position++]);
            *value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return true;
        }
        return false;
    }
    bool signedVarint(std::int64_t *value)
    {
        std::uint64_t raw = 0;
        if (!varint(&raw))
            return false;
        *value = static_cast<std::int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
        return true;
    }
    bool real(double *value)
    {
        if (m_data.size() - m_position < sizeof(double))
            return false;
        std::memcpy(value, m_data.data() + m_position, sizeof(double));
        m_position += sizeof(double);
        return true;
    }
    bool counts(std::vector<std::uint64_t> *values)
    {
        std::uint64_t size = 0;
        if (!varint(&size) || size > m_data.size())
            return false;
        values->resize(size);
        for (std::uint64_t &value : *values) {
            if (!varint(&value))
                return false;
        }
        return true;
    }
    bool atEnd() const { return m_position == m_data.size(); }

private:
    std::string_view m_data;
    std::size_t m_position = 0;
};

void putCounts(std::string &out, const std::vector<std::uint64_t> &values)
{
    putVarint(out, values.size());
    for (const std::uint64_t value : values)
        putVarint(out, value);
}

} // namespace

std::string MetricPointCodec::encodeHistogram(const HistogramDataPoint &point)
{
    std::string out;
    putCounts(out, point.bucketCounts);
    putVarint(out, point.explicitBounds.size());
    for (const double bound : point.explicitBounds)
        putDouble(out, bound);
    return out;
}

bool MetricPointCodec::decodeHistogram(std::string_view blob, HistogramDataPoint *point)
{
    Reader reader(blob);
    std::uint64_t bounds = 0;
    if (!reader.counts(&point->bucketCounts) || !reader.varint(&bounds) || bounds > blob.size())
        return false;
    point->explicitBounds.resize(bounds);
    for (double &bound : point->explicitBounds) {
        if (!reader.real(&bound))
            return false;
    }
    return reader.atEnd();
}

std::string MetricPointCodec::encodeExponentialHistogram(const ExponentialHistogramDataPoint &point)
{
    std::string out;
    putSigned(out, point.scale);
    putVarint(out, point.zeroCount);
    putDouble(out, point.zeroThreshold);
    putSigned(out, point.positive.offset);
    putCounts(out, point.positive.bucketCounts);
    putSigned(out, point.negative.offset);
    putCounts(out, point.negative.bucketCounts);
    return out;
}

bool MetricPointCodec::decodeExponentialHistogram(std::string_view blob,
                                                  ExponentialHistogramDataPoint *point)
{
    Reader reader(blob);
    std::int64_t scale = 0;
    std::int64_t positiveOffset = 0;
    std::int64_t negativeOffset = 0;
    if (!reader.signedVarint(&scale) || !reader.varint(&point->zeroCount)
        || !reader.real(&point->zeroThreshold) || !reader.signedVarint(&positiveOffset)
        || !reader.counts(&point->positive.bucketCounts) || !reader.signedVarint(&negativeOffset)
        || !reader.counts(&point->negative.bucketCounts))
        return false;
    point->scale = static_cast<std::int32_t>(scale);
    point->positive.offset = static_cast<std::int32_t>(positiveOffset);
    point->negative.offset = static_cast<std::int32_t>(negativeOffset);
    return reader.atEnd();
}

std::string MetricPointCodec::encodeSummary(const SummaryDataPoint &point)
{
    std::string out;
    putVarint(out, point.quantileValues.size());
    for (const SummaryQuantile &quantile : point.quantileValues) {
        putDouble(out, quantile.quantile);
        putDouble(out, quantile.value);
    }
    return out;
}

bool MetricPointCodec::decodeSummary(std::string_view blob, SummaryDataPoint *point)
{
    Reader reader(blob);
    std::uint64_t size = 0;
    if (!reader.varint(&size) || size > blob.size())
        return false;
    point->quantileValues.resize(size);
    for (SummaryQuantile &quantile : point->quantileValues) {
        if (!reader.real(&quantile.quantile) || !reader.real(&quantile.value))
            return false;
    }
    return reader.atEnd();
}

} // namespace kansoku
