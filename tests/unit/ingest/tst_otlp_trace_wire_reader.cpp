// Tests OtlpTraceWireReader against protobuf's generated parser (through OtlpDecoder with decoded
// span fields): on valid requests, on hand-made wire edge cases and on thousands of damaged
// requests, both accept or reject the same input, report the same rejections, and, once the
// reader's encoded fields are decoded, produce the same batch.
#include "decoded_span_fields.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"
#include "otlp_decoder.h"
#include "otlp_json_reader.h"
#include "otlp_trace_wire_reader.h"
#include "support/protobuf_wire_bytes.h"

#include <QFile>
#include <QTest>

using namespace kansoku;
using namespace kansoku::test;
namespace otlp = opentelemetry::proto;
using ProtoAttributes = google::protobuf::RepeatedPtrField<otlp::common::v1::KeyValue>;

Q_DECLARE_METATYPE(std::string)

namespace {

std::string idBytes(std::size_t size, int seed)
{
    std::string id(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        id[i] = static_cast<char>(seed * 31 + static_cast<int>(i) * 7 + 1);
    return id;
}

void addString(ProtoAttributes *attributes, const std::string &key, const std::string &value)
{
    auto *entry = attributes->Add();
    entry->set_key(key);
    entry->mutable_value()->set_string_value(value);
}

void addEveryValueType(ProtoAttributes *attributes)
{
    addString(attributes, "text", "注文 🚀");
    auto *entry = attributes->Add();
    entry->set_key("flag");
    entry->mutable_value()->set_bool_value(true);
    entry = attributes->Add();
    entry->set_key("count");
    entry->mutable_value()->set_int_value(-42);
    entry = attributes->Add();
    entry->set_key("ratio");
    entry->mutable_value()->set_double_value(0.25);
    entry = attributes->Add();
    entry->set_key("raw");
    entry->mutable_value()->set_bytes_value(std::string("\0\xff\x80", 3));
    entry = attributes->Add();
    entry->set_key("list");
    auto *array = entry->mutable_value()->mutable_array_value();
    array->add_values()->set_string_value("a");
    array->add_values()->set_int_value(1);
    auto *map = array->add_values()->mutable_kvlist_value();
    addString(map->mutable_values(), "nested", "value");
    entry = attributes->Add();
    entry->set_key("unset"); // a KeyValue without a value
    attributes->Add()->mutable_value()->set_string_value("no key");
}

otlp::collector::trace::v1::ExportTraceServiceRequest richRequest()
{
    otlp::collector::trace::v1::ExportTraceServiceRequest request;
    for (int r = 0; r < 2; ++r) {
        auto *resourceSpans = request.add_resource_spans();
        addString(resourceSpans->mutable_resource()->mutable_attributes(), "service.name",
                  r == 0 ? "checkout" : "payments");
        resourceSpans->mutable_resource()->set_dropped_attributes_count(1);
        resourceSpans->set_schema_url("https://opentelemetry.io/schemas/1.26.0");
        for (int s = 0; s < 2; ++s) {
            auto *scopeSpans = resourceSpans->add_scope_spans();
            scopeSpans->mutable_scope()->set_name("scope-" + std::to_string(s));
            scopeSpans->mutable_scope()->set_version("1.0");
            addString(scopeSpans->mutable_scope()->mutable_attributes(), "scope.attr", "x");
            scopeSpans->set_schema_url(s == 0 ? "" : "https://example.com/s");
            for (int i = 0; i < 3; ++i) {
                auto *span = scopeSpans->add_spans();
                span->set_trace_id(idBytes(16, r * 10 + s));
                span->set_span_id(idBytes(8, 100 + r * 10 + s * 3 + i));
                if (i > 0)
                    span->set_parent_span_id(idBytes(8, 100 + r * 10 + s * 3));
                span->set_trace_state(i == 1 ? "vendor=1" : "");
                span->set_flags(0x100u + static_cast<unsigned>(i));
                span->set_name("operation ✓ " + std::to_string(i));
                span->set_kind(static_cast<otlp::trace::v1::Span::SpanKind>(i + 1));
                span->set_start_time_unix_nano(1700000000000000000ULL + static_cast<unsigned>(i));
                span->set_end_time_unix_nano(1700000000500000000ULL + static_cast<unsigned>(i));
                addEveryValueType(span->mutable_attributes());
                span->set_dropped_attributes_count(2);
                if (i != 2) {
                    auto *event = span->add_events();
                    event->set_time_unix_nano(1700000000100000000ULL);
                    event->set_name("exception");
                    addString(event->mutable_attributes(), "exception.message", "boom");
                    event->set_dropped_attributes_count(1);
                    span->add_events()->set_name("bare");
                    auto *link = span->add_links();
                    link->set_trace_id(idBytes(16, 77));
                    link->set_span_id(idBytes(8, 78));
                    link->set_trace_state("a=b");
                    addString(link->mutable_attributes(), "link.kind", "follows");
                    link->set_dropped_attributes_count(3);
                    link->set_flags(1);
                    span->add_links(); // no ids at all: allowed
                }
                span->set_dropped_events_count(4);
                span->set_dropped_links_count(5);
                span->mutable_status()->set_code(
                    static_cast<otlp::trace::v1::Status::StatusCode>(i));
                span->mutable_status()->set_message(i == 2 ? "failed: 失敗" : "");
            }
        }
    }
    // Items rejected one by one: a zero trace id, a short span id, a link with a bad id.
    auto *spans = request.mutable_resource_spans(1)->mutable_scope_spans(1)->mutable_spans();
    *spans->Add() = spans->Get(0);
    spans->Mutable(3)->set_trace_id(std::string(16, '\0'));
    *spans->Add() = spans->Get(0);
    spans->Mutable(4)->set_span_id("short");
    *spans->Add() = spans->Get(0);
    spans->Mutable(5)->mutable_links(1)->set_span_id("abc");
    // Out-of-range enums are kept by protobuf and mapped to "unspecified" by both paths.
    spans->Mutable(1)->set_kind(static_cast<otlp::trace::v1::Span::SpanKind>(99));
    spans->Mutable(1)->mutable_status()->set_code(
        static_cast<otlp::trace::v1::Status::StatusCode>(-3));
    return request;
}

// Empty when the reader and the generated parser agree on body, else what differs.
std::string disagreement(const std::string &body)
{
    const OtlpDecodeResult generated = OtlpDecoder::decode(
        TelemetrySignal::Traces, OtlpEncoding::Protobuf, body, SpanFields::Decoded);
    const OtlpDecodeResult wire = OtlpTraceWireReader::read(body);
    if (generated.ok != wire.ok)
        return generated.ok ? "only the generated parser accepts it" : "only the reader accepts it";
    if (!wire.ok)
        return wire.errorMessage == generated.errorMessage ? std::string() : wire.errorMessage;
    if (wire.rejectedItems != generated.rejectedItems
        || wire.rejectionMessage != generated.rejectionMessage)
        return "rejections differ: " + wire.rejectionMessage + " | " + generated.rejectionMessage;
    TelemetryBatch materialized = *wire.batch;
    if (!materialized.resourceSpans.empty()
        && !materialized.resourceSpans.front().scopeSpans.empty()
        && !materialized.resourceSpans.front().scopeSpans.front().spans.empty()
        && !materialized.resourceSpans.front().scopeSpans.front().hasEncodedSpanFields())
        return "spans without encoded fields";
    if (!testing::decodeSpanFields(materialized))
        return "encoded span fields do not decode";
    if (!(materialized == *generated.batch))
        return "batches differ";
    return {};
}

// A request holding one span made of spanBytes (ids added in front, so it is storable).
std::string requestWithSpan(const std::string &spanBytes)
{
    const std::string span
        = lengthDelimited(1, idBytes(16, 1)) + lengthDelimited(2, idBytes(8, 2)) + spanBytes;
    return lengthDelimited(1, lengthDelimited(2, lengthDelimited(2, span)));
}

// An attribute whose value is an array nested `levels` deep.
std::string nestedAttribute(int levels)
{
    std::string value = lengthDelimited(1, "leaf"); // AnyValue{string_value}
    for (int i = 0; i < levels; ++i)
        value = lengthDelimited(5, lengthDelimited(1, value)); // AnyValue{array{values}}
    return lengthDelimited(9, lengthDelimited(1, "deep") + lengthDelimited(2, value));
}

// An attribute whose value is a kvlist nested `levels` deep.
std::string nestedMapAttribute(int levels)
{
    std::string value = lengthDelimited(1, "leaf"); // AnyValue{string_value}
    for (int i = 0; i < levels; ++i) {
        const std::string entry = lengthDelimited(1, "k") + lengthDelimited(2, value);
        value = lengthDelimited(6, lengthDelimited(1, entry)); // AnyValue{kvlist{values}}
    }
    return lengthDelimited(9, lengthDelimited(1, "deep") + lengthDelimited(2, value));
}

// A KeyValue holding `extra` (unknown fields) between its key and value.
std::string keyValueWith(const std::string &extra)
{
    return lengthDelimited(1, "k") + extra + lengthDelimited(2, lengthDelimited(1, "v"));
}

// A span attribute holding `extra` between its key and value.
std::string attributeWith(const std::string &extra)
{
    return lengthDelimited(9, keyValueWith(extra));
}

} // namespace

class TestOtlpTraceWireReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void agreesOnValidRequests_data();
    void agreesOnValidRequests();
    void agreesOnWireEdgeCases_data();
    void agreesOnWireEdgeCases();
    void agreesOnDamagedRequests();
    void keepsFieldsExactlyAsSent();
};

void TestOtlpTraceWireReader::agreesOnValidRequests_data()
{
    QTest::addColumn<std::string>("body");
    QTest::newRow("rich request") << richRequest().SerializeAsString();
    QTest::newRow("empty request")
        << otlp::collector::trace::v1::ExportTraceServiceRequest().SerializeAsString();

    QFile fixture(QStringLiteral(KANSOKU_TEST_DATA_DIR "/otlp/js_sdk_traces.json"));
    QVERIFY(fixture.open(QIODevice::ReadOnly));
    const QByteArray json = fixture.readAll();
    otlp::collector::trace::v1::ExportTraceServiceRequest sdkRequest;
    const std::string error
        = OtlpJsonReader::read(std::string_view(json.constData(), json.size()), sdkRequest);
    QVERIFY2(error.empty(), error.c_str());
    QVERIFY(sdkRequest.resource_spans_size() > 0);
    QTest::newRow("OpenTelemetry JS SDK request") << sdkRequest.SerializeAsString();
}

void TestOtlpTraceWireReader::agreesOnValidRequests()
{
    QFETCH(std::string, body);
    const OtlpDecodeResult wire = OtlpTraceWireReader::read(body);
    QVERIFY2(wire.ok, wire.errorMessage.c_str());
    const std::string difference = disagreement(body);
    QVERIFY2(difference.empty(), difference.c_str());
}

void TestOtlpTraceWireReader::agreesOnWireEdgeCases_data()
{
    QTest::addColumn<std::string>("body");
    QTest::addColumn<bool>("accepted");
    const std::string name = lengthDelimited(5, "op");
    QTest::newRow("unknown fields of every wire type")
        << requestWithSpan(name + bytesOf({0xa8, 0x06, 0x01})               // field 101 varint
                           + bytesOf({0xa9, 0x06, 1, 2, 3, 4, 5, 6, 7, 8})  // fixed64
                           + bytesOf({0xad, 0x06, 1, 2, 3, 4})              // fixed32
                           + lengthDelimited(101, "skipped")                // length-delimited
                           + bytesOf({0xab, 0x06, 0x08, 0x01, 0xac, 0x06})) // group
        << true;
    QTest::newRow("group end of another field")
        << requestWithSpan(name + bytesOf({0xab, 0x06, 0x08, 0x01, 0xb4, 0x06})) << false;
    QTest::newRow("end-group tag outside a group")
        << requestWithSpan(name + bytesOf({0xac, 0x06})) << false;
    QTest::newRow("field number zero") << requestWithSpan(name + bytesOf({0x00, 0x01})) << false;
    QTest::newRow("wire type 7") << requestWithSpan(name + bytesOf({0x0f})) << false;
    QTest::newRow("known field with another wire type") << requestWithSpan(
        name + bytesOf({0x48, 0x05}) + lengthDelimited(6, "x") + bytesOf({0x2d, 1, 2, 3, 4}))
                                                        << true;
    // KeyValue{"k", AnyValue{kvlist{KeyValue{"inner", AnyValue{string: invalid}}}}}
    const std::string badEntry
        = lengthDelimited(1, "inner") + lengthDelimited(2, lengthDelimited(1, "bad \xc3\x28"));
    const std::string kvlistValue = lengthDelimited(6, lengthDelimited(1, badEntry));
    QTest::newRow("invalid UTF-8 in a nested attribute value") << requestWithSpan(
        lengthDelimited(9, lengthDelimited(1, "k") + lengthDelimited(2, kvlistValue)))
                                                               << false;
    QTest::newRow("UTF-16 surrogate in a span name")
        << requestWithSpan(lengthDelimited(5, "\xed\xa0\x80")) << false;
    QTest::newRow("invalid UTF-8 in bytes value is fine") << requestWithSpan(lengthDelimited(
        9, lengthDelimited(1, "k") + lengthDelimited(2, lengthDelimited(7, "\xff\xfe"))))
                                                          << true;
    QTest::newRow("nesting within the limit") << requestWithSpan(nestedAttribute(45)) << true;
    QTest::newRow("nesting at the limit") << requestWithSpan(nestedAttribute(47)) << true;
    QTest::newRow("nesting past the limit") << requestWithSpan(nestedAttribute(48)) << false;
    // Where ingest's and storage's wire walkers disagreed before they became one
    // (ProtobufWireReader): field number 0 in every wire type and place, and nesting between 64
    // and 100 deep and past 100. The spans accepted here must also decode from storage's columns.
    QTest::newRow("field number zero, length-delimited")
        << requestWithSpan(name + bytesOf({0x02, 0x00})) << false;
    QTest::newRow("field number zero, fixed32")
        << requestWithSpan(name + bytesOf({0x05, 1, 2, 3, 4})) << false;
    QTest::newRow("field number zero, fixed64")
        << requestWithSpan(name + bytesOf({0x01, 1, 2, 3, 4, 5, 6, 7, 8})) << false;
    QTest::newRow("field number zero, group")
        << requestWithSpan(name + bytesOf({0x03, 0x04})) << false;
    QTest::newRow("field number zero in an attribute")
        << requestWithSpan(attributeWith(bytesOf({0x02, 0x00}))) << false;
    QTest::newRow("field number zero in a group")
        << requestWithSpan(attributeWith(bytesOf({0xab, 0x06, 0x02, 0x00, 0xac, 0x06}))) << false;
    QTest::newRow("field number zero at the top") << bytesOf({0x02, 0x00}) << false;
    QTest::newRow("groups 65 deep in an attribute")
        << requestWithSpan(attributeWith(nestedGroups(101, 65))) << true;
    QTest::newRow("groups at the limit in an attribute")
        << requestWithSpan(attributeWith(nestedGroups(101, 96))) << true;
    QTest::newRow("groups past the limit in an attribute")
        << requestWithSpan(attributeWith(nestedGroups(101, 97))) << false;
    QTest::newRow("groups 80 deep in an event's attribute") << requestWithSpan(
        lengthDelimited(11, lengthDelimited(3, keyValueWith(nestedGroups(101, 80)))))
                                                            << true;
    QTest::newRow("groups past the limit in an event's attribute") << requestWithSpan(
        lengthDelimited(11, lengthDelimited(3, keyValueWith(nestedGroups(101, 96)))))
                                                                   << false;
    QTest::newRow("groups at the limit in a span")
        << requestWithSpan(name + nestedGroups(101, 97)) << true;
    QTest::newRow("groups past the limit in a span")
        << requestWithSpan(name + nestedGroups(101, 98)) << false;
    QTest::newRow("maps nested at the limit") << requestWithSpan(nestedMapAttribute(31)) << true;
    QTest::newRow("maps nested past the limit") << requestWithSpan(nestedMapAttribute(32)) << false;
    // Tags and lengths: the generated parser reads at most 5 bytes of either.
    QTest::newRow("five-byte tag")
        << requestWithSpan(bytesOf({0xaa, 0x80, 0x80, 0x80, 0x00, 0x02, 'o', 'p'})) << true;
    QTest::newRow("six-byte tag") << requestWithSpan(
        bytesOf({0xaa, 0x80, 0x80, 0x80, 0x80, 0x00, 0x02, 'o', 'p'}))
                                  << false;
    QTest::newRow("five-byte length")
        << requestWithSpan(bytesOf({0x2a, 0x82, 0x80, 0x80, 0x80, 0x00, 'o', 'p'})) << true;
    QTest::newRow("six-byte length")
        << requestWithSpan(bytesOf({0x2a, 0x82, 0x80, 0x80, 0x80, 0x80, 0x00, 'o', 'p'})) << false;
    QTest::newRow("six-byte length of an unknown field") << requestWithSpan(
        name + bytesOf({0xa2, 0x06, 0x82, 0x80, 0x80, 0x80, 0x80, 0x00, 'o', 'p'}))
                                                         << false;
    QTest::newRow("repeated status fields merge")
        << requestWithSpan(name + lengthDelimited(15, lengthDelimited(2, "first") + "\x18\x02")
                           + lengthDelimited(15, "\x18\x01"))
        << true;
    QTest::newRow("repeated scalars: the last wins")
        << requestWithSpan(name + lengthDelimited(5, "second") + "\x30\x02\x30\x03") << true;
    QTest::newRow("non-minimal varint lengths") << requestWithSpan(
        name + bytesOf({0x4a, 0x85, 0x00}) + lengthDelimited(1, "k") + lengthDelimited(2, ""))
                                                << true;
    QTest::newRow("negative enum as ten-byte varint") << requestWithSpan(
        name + bytesOf({0x30, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}))
                                                      << true;
    QTest::newRow("eleven-byte varint") << requestWithSpan(
        name + bytesOf({0x30, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}))
                                        << false;
    QTest::newRow("length past the end")
        << requestWithSpan(name + bytesOf({0x4a, 0x7f, 0x0a})) << false;
    QTest::newRow("resource given twice merges")
        << lengthDelimited(1, lengthDelimited(1, lengthDelimited(1, lengthDelimited(1, "a")))
                                  + lengthDelimited(1, lengthDelimited(2, "\x08\x07"))
                                  + lengthDelimited(2, lengthDelimited(1, "\x0a\x01s")))
        << true;
}

void TestOtlpTraceWireReader::agreesOnWireEdgeCases()
{
    QFETCH(std::string, body);
    QFETCH(bool, accepted);
    const OtlpDecodeResult wire = OtlpTraceWireReader::read(body);
    QCOMPARE(wire.ok, accepted);
    const std::string difference = disagreement(body);
    QVERIFY2(difference.empty(), difference.c_str());
}

void TestOtlpTraceWireReader::agreesOnDamagedRequests()
{
    const std::string body = richRequest().SerializeAsString();
    int checked = 0;
    int accepted = 0;
    for (std::size_t at = 0; at < body.size(); ++at) {
        const auto original = static_cast<unsigned char>(body[at]);
        std::vector<std::string> variants{body.substr(0, at)};
        for (unsigned char replacement :
             {0x00u, 0xffu, original ^ 0x80u, original ^ 0x01u, (original + 0x08u) & 0xffu}) {
            std::string damaged = body;
            damaged[at] = static_cast<char>(replacement);
            variants.push_back(std::move(damaged));
        }
        for (const std::string &variant : variants) {
            const std::string difference = disagreement(variant);
            if (!difference.empty())
                QFAIL(qPrintable(QStringLiteral("byte %1 of %2: %3")
                                     .arg(at)
                                     .arg(body.size())
                                     .arg(QString::fromStdString(difference))));
            accepted += OtlpTraceWireReader::read(variant).ok ? 1 : 0;
            ++checked;
        }
    }
    qInfo("%d damaged requests, %d of them still valid protobuf", checked, accepted);
    QVERIFY(accepted > 0 && accepted < checked); // both outcomes were exercised
}

void TestOtlpTraceWireReader::keepsFieldsExactlyAsSent()
{
    const otlp::collector::trace::v1::ExportTraceServiceRequest request = richRequest();
    const OtlpDecodeResult wire = OtlpTraceWireReader::read(request.SerializeAsString());
    QVERIFY(wire.ok);
    QCOMPARE(wire.rejectedItems, 3);
    const ScopeSpans &scope = wire.batch->resourceSpans.at(0).scopeSpans.at(0);
    const otlp::trace::v1::Span &source = request.resource_spans(0).scope_spans(0).spans(0);
    std::string attributes;
    for (const auto &entry : source.attributes())
        attributes += lengthDelimited(9, entry.SerializeAsString());
    QCOMPARE(scope.encodedSpanField(0, ScopeSpans::EncodedAttributes), attributes);
    std::string links;
    for (const auto &entry : source.links())
        links += lengthDelimited(13, entry.SerializeAsString());
    QCOMPARE(scope.encodedSpanField(0, ScopeSpans::EncodedLinks), links);
    QVERIFY(scope.encodedSpanField(2, ScopeSpans::EncodedEvents).empty()); // the span without
}

QTEST_GUILESS_MAIN(TestOtlpTraceWireReader)
#include "tst_otlp_trace_wire_reader.moc"
