#include "opentelemetry/proto/logs/v1/logs.pb.h"
#include "opentelemetry/proto/trace/v1/trace.pb.h"
#include "otlp_proto_columns.h"
#include "support/protobuf_wire_bytes.h"
#include "support/storage_test_data.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace kansoku;
using namespace kansoku::testdata;
using namespace kansoku::test;
namespace otlp = opentelemetry::proto;

Q_DECLARE_METATYPE(std::string)

namespace {

// Every AnyValue type, nested, plus the edge values the encoding must keep exactly.
Attributes everyValueType()
{
    return {{"text", AnyValue::fromString("日本語 🚀")},
            {"empty text", AnyValue::fromString("")},
            {"yes", AnyValue::fromBool(true)},
            {"no", AnyValue::fromBool(false)},
            {"zero", AnyValue::fromInt(0)},
            {"min", AnyValue::fromInt(std::numeric_limits<std::int64_t>::min())},
            {"max", AnyValue::fromInt(std::numeric_limits<std::int64_t>::max())},
            {"double", AnyValue::fromDouble(-1.5e-300)},
            {"bytes", AnyValue::fromBytes(std::string("\0\x01\xff", 3))},
            {"unset", AnyValue()},
            {"", AnyValue::fromString("empty key")},
            {"nested",
             AnyValue::fromMap({{"list", AnyValue::fromArray({AnyValue::fromBool(true), AnyValue(),
                                                              AnyValue::fromInt(-7)})},
                                {"map", AnyValue::fromMap({})}})},
            {"big", AnyValue::fromString(std::string(100000, 'x'))}};
}

std::string spanColumns(const Span &span, std::string *events, std::string *links)
{
    std::string attributes;
    OtlpProtoColumns::appendAttributes(attributes, OtlpProtoColumns::spanAttributesField,
                                       span.attributes);
    OtlpProtoColumns::appendEvents(*events, span.events);
    OtlpProtoColumns::appendLinks(*links, span.links);
    return attributes;
}

// A KeyValue "k" whose value is an AnyValue string nested in `arrays` arrays, with `extra`
// (unknown fields) between key and value.
std::string keyValue(int arrays, const std::string &extra = {})
{
    std::string value = lengthDelimited(1, "leaf");
    for (int i = 0; i < arrays; ++i)
        value = lengthDelimited(5, lengthDelimited(1, value)); // AnyValue{array{values}}
    return lengthDelimited(1, "k") + extra + lengthDelimited(2, value);
}

// A KeyValue "k" whose value is an AnyValue string nested in `maps` kvlists.
std::string keyValueInMaps(int maps)
{
    std::string entry = keyValue(0);
    for (int i = 0; i < maps; ++i)
        entry = lengthDelimited(1, "k")
                + lengthDelimited(2, lengthDelimited(6, lengthDelimited(1, entry)));
    return entry;
}

bool keepSomeKeys(std::string_view key)
{
    return key == "text" || key == "nested" || key == "big" || key == "unset" || key.empty()
           || key == "v";
}

bool keepNothing(std::string_view)
{
    return false;
}

// Attributes decoded in full, then only those keep accepts: what decodeAttributesWhere must give.
Attributes decodedThenFiltered(const std::string &bytes, OtlpProtoColumns::KeyFilter keep)
{
    Attributes all;
    OtlpProtoColumns::decodeAttributes(bytes, OtlpProtoColumns::spanAttributesField, &all);
    Attributes kept;
    for (KeyValue &entry : all) {
        if (keep(entry.key))
            kept.push_back(std::move(entry));
    }
    return kept;
}

// An events column of hand-built Event messages (field 11 of Span).
std::string eventColumn(std::initializer_list<std::string> events)
{
    std::string column;
    for (const std::string &event : events)
        column += lengthDelimited(11, event);
    return column;
}

std::string eventName(const std::string &name)
{
    return lengthDelimited(2, name);
}

// Event.attributes entry (field 3) holding a string value.
std::string eventAttribute(const std::string &key, const std::string &value)
{
    return lengthDelimited(3,
                           lengthDelimited(1, key) + lengthDelimited(2, lengthDelimited(1, value)));
}

} // namespace

class TestOtlpProtoColumns : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void attributesRoundTrip();
    void eventsAndLinksRoundTrip();
    void emptyListsAreEmptyBytes();
    void bytesAreTheOtlpWireFormat();
    void damagedBytesAreRefused();
    void deepNestingIsRefused();
    void readsWhatProtobufAccepts();
    void agreesWithProtobufOnWireEdgeCases_data();
    void agreesWithProtobufOnWireEdgeCases();
    void attributesMatchComparesDisplayText_data();
    void attributesMatchComparesDisplayText();
    void decodeAttributesWhereKeepsOnlyAcceptedKeys();
    void decodeAttributesWhereOnDamagedBytes();
    void firstEventAttribute_data();
    void firstEventAttribute();
};

void TestOtlpProtoColumns::attributesRoundTrip()
{
    const Attributes attributes = everyValueType();
    std::string bytes;
    OtlpProtoColumns::appendAttributes(bytes, OtlpProtoColumns::logAttributesField, attributes);
    Attributes decoded;
    QVERIFY(
        OtlpProtoColumns::decodeAttributes(bytes, OtlpProtoColumns::logAttributesField, &decoded));
    QCOMPARE(decoded.size(), attributes.size());
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        QCOMPARE(decoded[i].key, attributes[i].key);
        QVERIFY2(decoded[i].value == attributes[i].value, attributes[i].key.c_str());
    }
    // A NaN keeps its bits (== cannot say so).
    bytes.clear();
    OtlpProtoColumns::appendAttributes(
        bytes, 9, {{"nan", AnyValue::fromDouble(std::numeric_limits<double>::quiet_NaN())}});
    QVERIFY(OtlpProtoColumns::decodeAttributes(bytes, 9, &decoded));
    QVERIFY(std::isnan(decoded.at(0).value.doubleValue()));
    // Entries under another field number are not attributes of this message.
    QVERIFY(OtlpProtoColumns::decodeAttributes(bytes, 6, &decoded));
    QVERIFY(decoded.empty());
}

void TestOtlpProtoColumns::eventsAndLinksRoundTrip()
{
    Span span = fullSpan(traceId(1), 7, spanId(3));
    span.attributes = everyValueType();
    span.events.push_back({-5, "", everyValueType(), 0});
    span.links.push_back({traceId(2), spanId(4), "", {}, 0, 0});
    std::string events;
    std::string links;
    spanColumns(span, &events, &links);
    std::vector<SpanEvent> decodedEvents;
    std::vector<SpanLink> decodedLinks;
    QVERIFY(OtlpProtoColumns::decodeEvents(events, &decodedEvents));
    QVERIFY(OtlpProtoColumns::decodeLinks(links, &decodedLinks));
    QVERIFY(decodedEvents == span.events);
    QVERIFY(decodedLinks == span.links);
}

void TestOtlpProtoColumns::emptyListsAreEmptyBytes()
{
    std::string bytes;
    OtlpProtoColumns::appendAttributes(bytes, 9, {});
    OtlpProtoColumns::appendEvents(bytes, {});
    OtlpProtoColumns::appendLinks(bytes, {});
    QVERIFY(bytes.empty());
    Attributes attributes{{"stale", AnyValue::fromInt(1)}};
    QVERIFY(OtlpProtoColumns::decodeAttributes({}, 9, &attributes));
    QVERIFY(attributes.empty());
}

// The columns are what OTLP protobuf tooling reads: the generated Span and LogRecord parse them.
void TestOtlpProtoColumns::bytesAreTheOtlpWireFormat()
{
    Span span = fullSpan(traceId(1), 7, spanId(3));
    std::string events;
    std::string links;
    const std::string attributes = spanColumns(span, &events, &links);
    otlp::trace::v1::Span parsed;
    QVERIFY(parsed.ParseFromString(attributes + events + links));
    QCOMPARE(parsed.attributes_size(), int(span.attributes.size()));
    QCOMPARE(parsed.attributes(0).key(), std::string("http.method"));
    QCOMPARE(parsed.attributes(0).value().string_value(), std::string("GET"));
    QCOMPARE(parsed.attributes(2).value().int_value(), std::numeric_limits<std::int64_t>::max());
    QVERIFY(std::isnan(parsed.attributes(3).value().double_value()));
    QCOMPARE(parsed.attributes(4).value().bytes_value(), std::string("\0\x01\xff", 3));
    const auto &nested = parsed.attributes(5).value().kvlist_value().values(0);
    QCOMPARE(nested.key(), std::string("list"));
    QCOMPARE(nested.value().array_value().values_size(), 2);
    QVERIFY(nested.value().array_value().values(0).bool_value());
    QCOMPARE(nested.value().array_value().values(1).value_case(),
             otlp::common::v1::AnyValue::VALUE_NOT_SET);
    QCOMPARE(parsed.events_size(), 2);
    QCOMPARE(std::int64_t(parsed.events(0).time_unix_nano()), span.events[0].timeNs);
    QCOMPARE(parsed.events(0).name(), std::string("exception"));
    QCOMPARE(parsed.events(0).attributes(0).value().string_value(), std::string("boom"));
    QCOMPARE(parsed.events(0).dropped_attributes_count(), 1u);
    QCOMPARE(parsed.links_size(), 1);
    QCOMPARE(parsed.links(0).trace_id(), std::string(traceId(999).raw()));
    QCOMPARE(parsed.links(0).span_id(), std::string(spanId(998).raw()));
    QCOMPARE(parsed.links(0).trace_state(), std::string("a=b"));
    QCOMPARE(parsed.links(0).dropped_attributes_count(), 4u);
    QCOMPARE(parsed.links(0).flags(), 1u);

    std::string logAttributes;
    OtlpProtoColumns::appendAttributes(logAttributes, OtlpProtoColumns::logAttributesField,
                                       everyValueType());
    otlp::logs::v1::LogRecord record;
    QVERIFY(record.ParseFromString(logAttributes));
    QCOMPARE(record.attributes_size(), int(everyValueType().size()));
    QCOMPARE(record.attributes(5).value().int_value(), std::numeric_limits<std::int64_t>::min());

    // And the other way: what protobuf writes, we read.
    otlp::trace::v1::Span written;
    auto *attribute = written.add_attributes();
    attribute->set_key("k");
    attribute->mutable_value()->mutable_array_value()->add_values()->set_double_value(2.5);
    written.set_name("ignored: not one of our fields");
    Attributes decoded;
    QVERIFY(OtlpProtoColumns::decodeAttributes(written.SerializeAsString(), 9, &decoded));
    QCOMPARE(decoded.size(), std::size_t(1));
    QCOMPARE(decoded[0].value.arrayValue().at(0).doubleValue(), 2.5);
}

void TestOtlpProtoColumns::damagedBytesAreRefused()
{
    Span span = fullSpan(traceId(1), 7, spanId(3));
    span.attributes = everyValueType();
    std::string events;
    std::string links;
    const std::string attributes = spanColumns(span, &events, &links);
    // Every cut short version either fails or yields fewer whole entries; none crashes.
    for (std::size_t length = 0; length < attributes.size(); length += 7) {
        Attributes decoded;
        const bool ok
            = OtlpProtoColumns::decodeAttributes(attributes.substr(0, length), 9, &decoded);
        QVERIFY(!ok || decoded.size() < span.attributes.size());
    }
    for (std::size_t length = 1; length < events.size(); ++length) {
        std::vector<SpanEvent> decoded;
        const bool ok = OtlpProtoColumns::decodeEvents(events.substr(0, length), &decoded);
        QVERIFY(!ok || decoded.size() < span.events.size());
    }
    std::vector<SpanLink> decodedLinks;
    QVERIFY(!OtlpProtoColumns::decodeLinks(links.substr(0, links.size() - 1), &decodedLinks));
    // A length that points past the end, a group wire type, a bad link id length.
    Attributes decoded;
    QVERIFY(!OtlpProtoColumns::decodeAttributes(std::string("\x4a\x7f\x0a", 3), 9, &decoded));
    QVERIFY(!OtlpProtoColumns::decodeAttributes(std::string("\x4b", 1), 9, &decoded));
    QVERIFY(!OtlpProtoColumns::decodeLinks(std::string("\x6a\x03\x0a\x01\x01", 5), &decodedLinks));
    // Text that is not protobuf at all (e.g. a version 1 JSON value) is refused.
    QVERIFY(!OtlpProtoColumns::decodeAttributes(R"([{"key":"a","value":{"stringValue":"b"}}])", 9,
                                                &decoded));
}

void TestOtlpProtoColumns::deepNestingIsRefused()
{
    AnyValue value = AnyValue::fromInt(1);
    for (int i = 0; i < 200; ++i)
        value = AnyValue::fromArray({value});
    std::string bytes;
    OtlpProtoColumns::appendAttributes(bytes, 9, {{"deep", value}});
    Attributes decoded;
    QVERIFY(!OtlpProtoColumns::decodeAttributes(bytes, 9, &decoded));
}

// Receivers store span fields as clients sent them, so what protobuf's parser accepts must read
// back: unknown groups, an id given twice (the last counts), an empty id (absent).
void TestOtlpProtoColumns::readsWhatProtobufAccepts()
{
    // KeyValue{key "k", unknown group 7 {varint}, value {string "v"}}
    const std::string keyValue = std::string("\x0a\x01k\x3b\x08\x01\x3c\x12\x03\x0a\x01v", 12);
    const std::string attribute = "\x4a" + std::string(1, char(keyValue.size())) + keyValue;
    Attributes attributes;
    QVERIFY(OtlpProtoColumns::decodeAttributes(attribute, OtlpProtoColumns::spanAttributesField,
                                               &attributes));
    QVERIFY(attributes == (Attributes{{"k", AnyValue::fromString("v")}}));
    // A group that never ends, or ends as another field, is damage.
    QVERIFY(!OtlpProtoColumns::decodeAttributes(std::string("\x4a\x03\x3b\x08\x01", 5),
                                                OtlpProtoColumns::spanAttributesField,
                                                &attributes));
    QVERIFY(!OtlpProtoColumns::decodeAttributes(std::string("\x4a\x04\x3b\x08\x01\x44", 6),
                                                OtlpProtoColumns::spanAttributesField,
                                                &attributes));

    // Link{span_id of 16 bytes, span_id of 8 bytes, trace_id empty}
    std::vector<SpanLink> links;
    otlp::trace::v1::Span::Link first;
    first.set_span_id("sixteen bytes!!!");
    std::string linkBytes = first.SerializeAsString();
    linkBytes += std::string("\x12\x08\x01\x02\x03\x04\x05\x06\x07\x08", 10);
    linkBytes += std::string("\x0a\x00", 2); // an empty trace id
    const std::string column = "\x6a" + std::string(1, char(linkBytes.size())) + linkBytes;
    QVERIFY(OtlpProtoColumns::decodeLinks(column, &links));
    QCOMPARE(links.size(), std::size_t(1));
    QVERIFY(links[0].traceId.isZero());
    QCOMPARE(links[0].spanId, *SpanId::fromRaw(std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8)));
}

// Where storage's and ingest's wire walkers disagreed before they became one
// (ProtobufWireReader): field number 0, and nesting between 64 and 100 deep and past 100. A
// column reads exactly when protobuf's generated parser reads it as a Span (the column at depth
// 0), so whatever a receiver accepted and stored reads back.
void TestOtlpProtoColumns::agreesWithProtobufOnWireEdgeCases_data()
{
    QTest::addColumn<std::string>("column");
    QTest::addColumn<bool>("events"); // an events column, else span attributes
    QTest::addColumn<bool>("accepted");
    const auto attribute = [](const std::string &entry) {
        return lengthDelimited(9, entry);
    };
    const auto event = [](const std::string &entry) {
        return lengthDelimited(11, lengthDelimited(3, entry)); // Event{attributes}
    };
    QTest::newRow("plain attribute") << attribute(keyValue(0)) << false << true;
    QTest::newRow("field number 0 in the column") << bytesOf({0x02, 0x00}) << false << false;
    QTest::newRow("field number 0 in an attribute, length-delimited")
        << attribute(keyValue(0, bytesOf({0x02, 0x00}))) << false << false;
    QTest::newRow("field number 0 in an attribute, fixed32")
        << attribute(keyValue(0, bytesOf({0x05, 1, 2, 3, 4}))) << false << false;
    QTest::newRow("field number 0 in an attribute, fixed64")
        << attribute(keyValue(0, bytesOf({0x01, 1, 2, 3, 4, 5, 6, 7, 8}))) << false << false;
    QTest::newRow("field number 0 in a group")
        << attribute(keyValue(0, bytesOf({0x3b, 0x02, 0x00, 0x3c}))) << false << false;
    const std::string arrayWithBadItem = lengthDelimited(
        5, lengthDelimited(1, bytesOf({0x02, 0x00}) + lengthDelimited(1, "leaf")));
    QTest::newRow("field number 0 in a nested value")
        << attribute(lengthDelimited(1, "k") + lengthDelimited(2, arrayWithBadItem)) << false
        << false;
    QTest::newRow("field number 0 in an event")
        << lengthDelimited(11, bytesOf({0x02, 0x00})) << true << false;
    QTest::newRow("groups 64 deep") << attribute(keyValue(0, nestedGroups(7, 64))) << false << true;
    QTest::newRow("groups 65 deep") << attribute(keyValue(0, nestedGroups(7, 65))) << false << true;
    QTest::newRow("groups 99 deep: the limit")
        << attribute(keyValue(0, nestedGroups(7, 99))) << false << true;
    QTest::newRow("groups 100 deep")
        << attribute(keyValue(0, nestedGroups(7, 100))) << false << false;
    QTest::newRow("arrays 32 deep") << attribute(keyValue(32)) << false << true;
    QTest::newRow("arrays 49 deep: the limit") << attribute(keyValue(49)) << false << true;
    QTest::newRow("arrays 50 deep") << attribute(keyValue(50)) << false << false;
    QTest::newRow("arrays 63 deep") << attribute(keyValue(63)) << false << false;
    QTest::newRow("maps 21 deep") << attribute(keyValueInMaps(21)) << false << true;
    QTest::newRow("maps 32 deep: the limit") << attribute(keyValueInMaps(32)) << false << true;
    QTest::newRow("maps 33 deep") << attribute(keyValueInMaps(33)) << false << false;
    QTest::newRow("event: groups 98 deep: the limit")
        << event(keyValue(0, nestedGroups(7, 98))) << true << true;
    QTest::newRow("event: groups 99 deep")
        << event(keyValue(0, nestedGroups(7, 99))) << true << false;
    QTest::newRow("event: arrays 48 deep: the limit") << event(keyValue(48)) << true << true;
    QTest::newRow("event: arrays 49 deep") << event(keyValue(49)) << true << false;
}

void TestOtlpProtoColumns::agreesWithProtobufOnWireEdgeCases()
{
    QFETCH(std::string, column);
    QFETCH(bool, events);
    QFETCH(bool, accepted);
    otlp::trace::v1::Span parsed;
    QCOMPARE(parsed.ParseFromString(column), accepted);
    if (events) {
        std::vector<SpanEvent> decoded;
        QCOMPARE(OtlpProtoColumns::decodeEvents(column, &decoded), accepted);
    } else {
        Attributes decoded;
        QCOMPARE(OtlpProtoColumns::decodeAttributes(column, OtlpProtoColumns::spanAttributesField,
                                                    &decoded),
                 accepted);
    }
}

void TestOtlpProtoColumns::attributesMatchComparesDisplayText_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("fieldNumber");
    QTest::addColumn<bool>("matches");
    QTest::newRow("string") << "http.method"
                            << "GET" << 9 << true;
    QTest::newRow("wrong value") << "http.method"
                                 << "POST" << 9 << false;
    QTest::newRow("value prefix") << "http.method"
                                  << "GE" << 9 << false;
    QTest::newRow("int display") << "http.status_code"
                                 << "503" << 9 << true;
    QTest::newRow("bool display") << "cached"
                                  << "true" << 9 << true;
    QTest::newRow("double display") << "ratio"
                                    << "0.5" << 9 << true;
    QTest::newRow("second duplicate") << "tag"
                                      << "b" << 9 << true;
    QTest::newRow("missing key") << "nope"
                                 << "GET" << 9 << false;
    QTest::newRow("key prefix") << "http.metho"
                                << "GET" << 9 << false;
    QTest::newRow("key only in value") << "GET"
                                       << "GET" << 9 << false;
    QTest::newRow("other field number") << "http.method"
                                        << "GET" << 6 << false;
}

void TestOtlpProtoColumns::attributesMatchComparesDisplayText()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(int, fieldNumber);
    QFETCH(bool, matches);
    std::string bytes;
    OtlpProtoColumns::appendAttributes(bytes, 9,
                                       {{"http.method", AnyValue::fromString("GET")},
                                        {"http.status_code", AnyValue::fromInt(503)},
                                        {"cached", AnyValue::fromBool(true)},
                                        {"ratio", AnyValue::fromDouble(0.5)},
                                        {"tag", AnyValue::fromString("a")},
                                        {"tag", AnyValue::fromString("b")}});
    QCOMPARE(OtlpProtoColumns::attributesMatch(bytes, fieldNumber, key.toStdString(),
                                               value.toStdString()),
             matches);
    QVERIFY(!OtlpProtoColumns::attributesMatch({}, 9, key.toStdString(), value.toStdString()));
}

void TestOtlpProtoColumns::decodeAttributesWhereKeepsOnlyAcceptedKeys()
{
    std::string bytes;
    OtlpProtoColumns::appendAttributes(bytes, OtlpProtoColumns::spanAttributesField,
                                       everyValueType());
    Attributes decoded{{"stale", AnyValue::fromInt(1)}};
    QVERIFY(OtlpProtoColumns::decodeAttributesWhere(bytes, OtlpProtoColumns::spanAttributesField,
                                                    keepSomeKeys, &decoded));
    QCOMPARE(decoded.size(), std::size_t(5)); // text, unset, "", nested, big: in the sent order
    QVERIFY(decoded == decodedThenFiltered(bytes, keepSomeKeys));
    QCOMPARE(decoded[3].key, std::string("nested"));
    QCOMPARE(decoded[4].value.stringValue().size(), std::size_t(100000));

    QVERIFY(OtlpProtoColumns::decodeAttributesWhere(bytes, OtlpProtoColumns::spanAttributesField,
                                                    keepNothing, &decoded));
    QVERIFY(decoded.empty());
    // Entries under another field number are not attributes of this message.
    QVERIFY(OtlpProtoColumns::decodeAttributesWhere(bytes, OtlpProtoColumns::logAttributesField,
                                                    keepSomeKeys, &decoded));
    QVERIFY(decoded.empty());

    // As protobuf reads a KeyValue: fields in any order, unknown fields skipped, the last key and
    // the last value count.
    const std::string valueFirst = lengthDelimited(
        9, lengthDelimited(2, lengthDelimited(1, "first")) + lengthDelimited(1, "x")
               + bytesOf({0x18, 0x05}) + lengthDelimited(1, "v")
               + lengthDelimited(2, lengthDelimited(1, "second")));
    QVERIFY(OtlpProtoColumns::decodeAttributesWhere(
        valueFirst, OtlpProtoColumns::spanAttributesField, keepSomeKeys, &decoded));
    QVERIFY(decoded == (Attributes{{"v", AnyValue::fromString("second")}}));
    Attributes full;
    QVERIFY(OtlpProtoColumns::decodeAttributes(valueFirst, OtlpProtoColumns::spanAttributesField,
                                               &full));
    QVERIFY(decoded == full);
}

void TestOtlpProtoColumns::decodeAttributesWhereOnDamagedBytes()
{
    // Where each whole entry ends in the column.
    const Attributes entries = everyValueType();
    std::string bytes;
    std::vector<std::size_t> entryEnds;
    for (const KeyValue &entry : entries) {
        OtlpProtoColumns::appendAttributes(bytes, OtlpProtoColumns::spanAttributesField, {entry});
        entryEnds.push_back(bytes.size());
    }
    // Cut short anywhere: the accepted entries that end before the cut, and false unless the cut
    // falls between entries.
    for (std::size_t length = 0; length < bytes.size(); length += 3) {
        Attributes expected;
        bool betweenEntries = length == 0;
        for (std::size_t i = 0; i < entries.size() && entryEnds[i] <= length; ++i) {
            if (keepSomeKeys(entries[i].key))
                expected.push_back(entries[i]);
            betweenEntries = entryEnds[i] == length;
        }
        Attributes decoded;
        const bool ok = OtlpProtoColumns::decodeAttributesWhere(
            bytes.substr(0, length), OtlpProtoColumns::spanAttributesField, keepSomeKeys, &decoded);
        QCOMPARE(ok, betweenEntries);
        QVERIFY2(decoded == expected, qPrintable(QString::number(length)));
    }

    // A damaged value: refused under a kept key, skipped unread under any other.
    const std::string damagedValue = lengthDelimited(2, bytesOf({0x02, 0x00}));
    const std::string column
        = lengthDelimited(9, lengthDelimited(1, "text")
                                 + lengthDelimited(2, lengthDelimited(1, "kept")))
          + lengthDelimited(9, lengthDelimited(1, "other") + damagedValue);
    Attributes decoded;
    QVERIFY(OtlpProtoColumns::decodeAttributesWhere(column, OtlpProtoColumns::spanAttributesField,
                                                    keepSomeKeys, &decoded));
    QVERIFY(decoded == (Attributes{{"text", AnyValue::fromString("kept")}}));
    QVERIFY(!OtlpProtoColumns::decodeAttributes(column, OtlpProtoColumns::spanAttributesField,
                                                &decoded));
    const std::string keptDamaged
        = column + lengthDelimited(9, lengthDelimited(1, "v") + damagedValue);
    QVERIFY(!OtlpProtoColumns::decodeAttributesWhere(
        keptDamaged, OtlpProtoColumns::spanAttributesField, keepSomeKeys, &decoded));
    QVERIFY(decoded == (Attributes{{"text", AnyValue::fromString("kept")}}));
    // Not protobuf at all.
    QVERIFY(!OtlpProtoColumns::decodeAttributesWhere(
        "not protobuf", OtlpProtoColumns::spanAttributesField, keepSomeKeys, &decoded));
    QVERIFY(decoded.empty());
}

void TestOtlpProtoColumns::firstEventAttribute_data()
{
    QTest::addColumn<std::string>("column");
    QTest::addColumn<QString>("expected"); // display text; empty for none
    const std::string exception = eventName("exception");
    QTest::newRow("no events") << std::string() << QString();
    QTest::newRow("the exception event")
        << eventColumn({eventName("retry") + eventAttribute("exception.type", "NotThis"),
                        exception + eventAttribute("exception.message", "boom")
                            + eventAttribute("exception.type", "java.net.SocketTimeoutException")
                            + eventAttribute("exception.stacktrace", std::string(5000, 's')),
                        exception + eventAttribute("exception.type", "Second")})
        << QStringLiteral("java.net.SocketTimeoutException");
    QTest::newRow("the first exception event only")
        << eventColumn({exception + eventAttribute("exception.message", "no type"),
                        exception + eventAttribute("exception.type", "Second")})
        << QString();
    QTest::newRow("the first attribute under the key")
        << eventColumn({exception + eventAttribute("exception.type", "One")
                        + eventAttribute("exception.type", "Two")})
        << QStringLiteral("One");
    QTest::newRow("name after the attributes, and given twice")
        << eventColumn({eventAttribute("exception.type", "Late") + eventName("log") + exception})
        << QStringLiteral("Late");
    QTest::newRow("no exception event")
        << eventColumn({eventName("retry") + eventAttribute("exception.type", "NotThis")})
        << QString();
    QTest::newRow("not a string") << eventColumn(
        {exception
         + lengthDelimited(3, lengthDelimited(1, "exception.type")
                                  + lengthDelimited(2, bytesOf({0x18, 0x2a})))})
                                  << QStringLiteral("42");
    QTest::newRow("damaged before it")
        << eventColumn({eventName("retry") + bytesOf({0x02, 0x00})})
               + eventColumn({exception + eventAttribute("exception.type", "Unreachable")})
        << QString();
    QTest::newRow("damaged value")
        << eventColumn({exception
                        + lengthDelimited(3, lengthDelimited(1, "exception.type")
                                                 + lengthDelimited(2, bytesOf({0x02, 0x00})))})
        << QString();
    QTest::newRow("cut short") << bytesOf({0x5a, 0x7f}) + eventName("exception") << QString();
    Span span = fullSpan(traceId(1), 7, spanId(3));
    span.events.front().attributes.push_back(
        {"exception.type", AnyValue::fromString("std::runtime_error")});
    std::string written;
    OtlpProtoColumns::appendEvents(written, span.events);
    QTest::newRow("as the store writes it") << written << QStringLiteral("std::runtime_error");
}

void TestOtlpProtoColumns::firstEventAttribute()
{
    QFETCH(std::string, column);
    QFETCH(QString, expected);
    const AnyValue value
        = OtlpProtoColumns::firstEventAttribute(column, "exception", "exception.type");
    QCOMPARE(value.isEmpty(), expected.isEmpty());
    QCOMPARE(QString::fromStdString(value.toDisplayString()), expected);
}

QTEST_GUILESS_MAIN(TestOtlpProtoColumns)
#include "tst_otlp_proto_columns.moc"
