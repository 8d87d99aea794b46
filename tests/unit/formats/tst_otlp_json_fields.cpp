#include "formats/otlp_json_field_reader.h"
#include "formats/otlp_json_field_writer.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace kansoku;

Q_DECLARE_METATYPE(kansoku::AnyValue)

class TestOtlpJsonFields : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void anyValueRoundTrip_data();
    void anyValueRoundTrip();
    void negativeZeroKeepsItsSign();
    void nanAndInfinityAreStrings();
    void knownShape();
    void attributesRoundTripWithAwkwardKeys();
    void eventsLinksExemplarsRoundTrip();
    void malformedInputIsRejected();
    void base64_data();
    void base64();
};

void TestOtlpJsonFields::anyValueRoundTrip_data()
{
    QTest::addColumn<AnyValue>("value");
    const std::string big(100 * 1024, 'x');
    std::string allBytes;
    for (int i = 0; i < 256; ++i)
        allBytes += static_cast<char>(i);
    QTest::newRow("empty") << AnyValue();
    QTest::newRow("string") << AnyValue::fromString("hello");
    QTest::newRow("empty string") << AnyValue::fromString("");
    QTest::newRow("escapes") << AnyValue::fromString("quote\" back\\ nl\n tab\t nul"
                                                     + std::string(1, '\0') + " ctl\x01");
    // The encoder tests eight bytes at a time: special bytes in a later word and in the tail.
    QTest::newRow("quote in second word") << AnyValue::fromString("abcdefghij\"klmnopq");
    QTest::newRow("backslash in tail") << AnyValue::fromString("abcdefgh12\\");
    QTest::newRow("control in second word") << AnyValue::fromString("abcdefgh\x1f and more");
    QTest::newRow("utf8 in second word") << AnyValue::fromString("abcdefghé and more");
    QTest::newRow("del and tilde") << AnyValue::fromString("~~~~~~~~\x7f~~");
    QTest::newRow("japanese and emoji") << AnyValue::fromString("日本語のログ 🚀🎉 ok");
    QTest::newRow("100 KB") << AnyValue::fromString(big);
    QTest::newRow("invalid utf8") << AnyValue::fromString("bad \xff\xfe bytes");
    QTest::newRow("true") << AnyValue::fromBool(true);
    QTest::newRow("false") << AnyValue::fromBool(false);
    QTest::newRow("int zero") << AnyValue::fromInt(0);
    QTest::newRow("int min") << AnyValue::fromInt(std::numeric_limits<std::int64_t>::min());
    QTest::newRow("int max") << AnyValue::fromInt(std::numeric_limits<std::int64_t>::max());
    QTest::newRow("double") << AnyValue::fromDouble(0.1);
    QTest::newRow("double integral") << AnyValue::fromDouble(5.0);
    QTest::newRow("double huge") << AnyValue::fromDouble(1.7976931348623157e308);
    QTest::newRow("double tiny") << AnyValue::fromDouble(4.9406564584124654e-324);
    QTest::newRow("double nan") << AnyValue::fromDouble(std::numeric_limits<double>::quiet_NaN());
    QTest::newRow("double +inf") << AnyValue::fromDouble(std::numeric_limits<double>::infinity());
    QTest::newRow("double -inf") << AnyValue::fromDouble(-std::numeric_limits<double>::infinity());
    QTest::newRow("bytes") << AnyValue::fromBytes(allBytes);
    QTest::newRow("bytes empty") << AnyValue::fromBytes("");
    QTest::newRow("bytes 1") << AnyValue::fromBytes("a");
    QTest::newRow("bytes 2") << AnyValue::fromBytes("ab");
    QTest::newRow("array empty") << AnyValue::fromArray({});
    QTest::newRow("map empty") << AnyValue::fromMap({});
    QTest::newRow("nested") << AnyValue::fromArray(
        {AnyValue::fromInt(1), AnyValue(), AnyValue::fromString("two"),
         AnyValue::fromArray({AnyValue::fromDouble(3.5), AnyValue::fromBytes("\x00\x01")}),
         AnyValue::fromMap({{"k", AnyValue::fromMap({{"deep", AnyValue::fromBool(true)}})},
                            {"k", AnyValue::fromInt(-1)},
                            {"", AnyValue()}})});
}

void TestOtlpJsonFields::anyValueRoundTrip()
{
    QFETCH(AnyValue, value);
    const std::string json = OtlpJsonFieldWriter::encodeAnyValue(value);
    AnyValue decoded = AnyValue::fromString("sentinel");
    QVERIFY(OtlpJsonFieldReader::decodeAnyValue(json, &decoded));
    QVERIFY(decoded == value);
    QCOMPARE(decoded.type(), value.type());

    // The same value as an attribute and inside a map must survive too.
    const Attributes attributes{{"a", value}, {"b", AnyValue::fromMap({{"inner", value}})}};
    Attributes decodedAttributes;
    QVERIFY(OtlpJsonFieldReader::decodeAttributes(OtlpJsonFieldWriter::encodeAttributes(attributes),
                                                  &decodedAttributes));
    QVERIFY(decodedAttributes == attributes);
}

void TestOtlpJsonFields::negativeZeroKeepsItsSign()
{
    AnyValue decoded;
    QVERIFY(OtlpJsonFieldReader::decodeAnyValue(
        OtlpJsonFieldWriter::encodeAnyValue(AnyValue::fromDouble(-0.0)), &decoded));
    QCOMPARE(decoded.type(), AnyValue::Type::Double);
    QVERIFY(std::signbit(decoded.doubleValue()));
}

void TestOtlpJsonFields::nanAndInfinityAreStrings()
{
    QCOMPARE(OtlpJsonFieldWriter::encodeAnyValue(AnyValue::fromDouble(std::nan(""))),
             std::string(R"({"doubleValue":"NaN"})"));
    QCOMPARE(OtlpJsonFieldWriter::encodeAnyValue(AnyValue::fromDouble(-INFINITY)),
             std::string(R"({"doubleValue":"-Infinity"})"));
}

void TestOtlpJsonFields::knownShape()
{
    const Attributes attributes{{"k", AnyValue::fromInt(5)},
                                {"b", AnyValue::fromBytes("hi")},
                                {"l", AnyValue::fromArray({AnyValue::fromBool(true)})}};
    QCOMPARE(OtlpJsonFieldWriter::encodeAttributes(attributes),
             std::string(R"([{"key":"k","value":{"intValue":"5"}},)"
                         R"({"key":"b","value":{"bytesValue":"aGk="}},)"
                         R"({"key":"l","value":{"arrayValue":{"values":[{"boolValue":true}]}}}])"));
    QVERIFY(OtlpJsonFieldWriter::encodeAttributes({}).empty());
    // Input written by other OTLP/JSON producers: numbers as JSON numbers are accepted too.
    AnyValue decoded;
    QVERIFY(OtlpJsonFieldReader::decodeAnyValue(R"({"intValue":42})", &decoded));
    QVERIFY(decoded == AnyValue::fromInt(42));
    QVERIFY(OtlpJsonFieldReader::decodeAnyValue(R"({"doubleValue":2})", &decoded));
    QVERIFY(decoded == AnyValue::fromDouble(2.0));
}

void TestOtlpJsonFields::attributesRoundTripWithAwkwardKeys()
{
    const Attributes attributes{{"", AnyValue::fromString("empty key")},
                                {"キー🔑", AnyValue::fromString("値")},
                                {"bad\xc3", AnyValue::fromInt(1)},
                                {"dup", AnyValue::fromInt(1)},
                                {"dup", AnyValue::fromInt(2)}};
    Attributes decoded;
    QVERIFY(OtlpJsonFieldReader::decodeAttributes(OtlpJsonFieldWriter::encodeAttributes(attributes),
                                                  &decoded));
    QVERIFY(decoded == attributes);
}

void TestOtlpJsonFields::eventsLinksExemplarsRoundTrip()
{
    TraceId traceId;
    for (std::size_t i = 0; i < traceId.bytes.size(); ++i)
        traceId.bytes[i] = static_cast<std::uint8_t>(0xf0 + i);
    SpanId spanId;
    spanId.bytes[7] = 9;
    const std::vector<SpanEvent> events{{std::numeric_limits<std::int64_t>::max(),
                                         "exception",
                                         {{"exception.message", AnyValue::fromString("boom")}},
                                         3},
                                        {-1, "", {}, 0},
                                        {5, "bad\xff name", {}, 0}};
    const std::vector<SpanLink> links{
        {traceId, spanId, "vendor=1", {{"x", AnyValue::fromDouble(1.5)}}, 2, 0x301},
        {TraceId{}, SpanId{}, "", {}, 0, 0}};
    const std::vector<Exemplar> exemplars{
        {{{"user", AnyValue::fromString("u")}}, 77, 2.5, spanId, traceId},
        {{}, 78, std::int64_t(-9), SpanId{}, TraceId{}},
        {{}, 79, std::numeric_limits<double>::quiet_NaN(), SpanId{}, TraceId{}}};

    std::vector<SpanEvent> decodedEvents;
    QVERIFY(OtlpJsonFieldReader::decodeEvents(OtlpJsonFieldWriter::encodeEvents(events),
                                              &decodedEvents));
    QVERIFY(decodedEvents == events);
    std::vector<SpanLink> decodedLinks;
    QVERIFY(
        OtlpJsonFieldReader::decodeLinks(OtlpJsonFieldWriter::encodeLinks(links), &decodedLinks));
    QVERIFY(decodedLinks == links);
    std::vector<Exemplar> decodedExemplars;
    QVERIFY(OtlpJsonFieldReader::decodeExemplars(OtlpJsonFieldWriter::encodeExemplars(exemplars),
                                                 &decodedExemplars));
    QCOMPARE(decodedExemplars.size(), exemplars.size());
    QVERIFY(decodedExemplars[0] == exemplars[0]);
    QVERIFY(decodedExemplars[1] == exemplars[1]);
    QVERIFY(std::isnan(std::get<double>(decodedExemplars[2].value)));
    QVERIFY(OtlpJsonFieldWriter::encodeEvents({}).empty());
    QVERIFY(OtlpJsonFieldReader::decodeEvents("", &decodedEvents));
    QVERIFY(decodedEvents.empty());
}

void TestOtlpJsonFields::malformedInputIsRejected()
{
    Attributes attributes;
    AnyValue value;
    QVERIFY(!OtlpJsonFieldReader::decodeAttributes("[{\"key\":", &attributes));
    QVERIFY(!OtlpJsonFieldReader::decodeAttributes("{}", &attributes));
    QVERIFY(!OtlpJsonFieldReader::decodeAnyValue(R"({"intValue":"12x"})", &value));
    QVERIFY(!OtlpJsonFieldReader::decodeAnyValue(R"({"bytesValue":"!!"})", &value));
}

void TestOtlpJsonFields::base64_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("1") << QByteArray("f");
    QTest::newRow("2") << QByteArray("fo");
    QTest::newRow("3") << QByteArray("foo");
    QTest::newRow("binary") << QByteArray::fromHex("00ff10807f");
}

void TestOtlpJsonFields::base64()
{
    QFETCH(QByteArray, raw);
    const std::string encoded = OtlpJsonFieldWriter::toBase64(raw.toStdString());
    QCOMPARE(QByteArray::fromStdString(encoded), raw.toBase64());
    std::string decoded;
    QVERIFY(OtlpJsonFieldReader::fromBase64(encoded, &decoded));
    QCOMPARE(QByteArray::fromStdString(decoded), raw);
}

QTEST_GUILESS_MAIN(TestOtlpJsonFields)
#include "tst_otlp_json_fields.moc"
