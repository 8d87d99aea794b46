// ProtobufWireReader on hand-made wire bytes: varints, tags, fixed and length-delimited values,
// skipping of every wire type and of groups, submessage bounds and the nesting limit. The
// expectations are what protobuf 3.21's generated parser does with the same bytes (the ingest and
// storage tests compare with the parser itself).
#include "formats/protobuf_wire_reader.h"
#include "support/protobuf_wire_bytes.h"

#include <QTest>

using namespace kansoku;
using namespace kansoku::test;
using FieldResult = ProtobufWireReader::FieldResult;
using Tag = ProtobufWireReader::Tag;

Q_DECLARE_METATYPE(std::string)

namespace {

// Field 1 holding field 1 holding ... `levels` times, around content.
std::string nestedMessages(int levels, const std::string &content)
{
    std::string bytes = content;
    for (int i = 0; i < levels; ++i)
        bytes = lengthDelimited(1, bytes);
    return bytes;
}

// Reads field 1 as a submessage, recursively, and skips every other field.
bool walk(ProtobufWireReader &wire, int depth)
{
    return wire.readFields(depth, [&](Tag tag) {
        if (tag.fieldNumber != 1 || tag.wireType != ProtobufWireType::LengthDelimited)
            return FieldResult::Unknown;
        return ProtobufWireReader::readOrMalformed(
            wire.readMessage(depth + 1, [&](int inner) { return walk(wire, inner); }));
    });
}

bool wellFormed(const std::string &bytes)
{
    ProtobufWireReader wire(bytes);
    return walk(wire, 0) && wire.atEnd();
}

} // namespace

class TestProtobufWireReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsVarints_data();
    void readsVarints();
    void readsTags_data();
    void readsTags();
    void readsFixedWidthValues_data();
    void readsFixedWidthValues();
    void readsLengthDelimitedValues_data();
    void readsLengthDelimitedValues();
    void walksMessages_data();
    void walksMessages();
    void limitsNesting_data();
    void limitsNesting();
    void tagOffsetsKeepFieldsAsSent();
};

void TestProtobufWireReader::readsVarints_data()
{
    QTest::addColumn<std::string>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<quint64>("value");
    QTest::addColumn<int>("length");
    QTest::newRow("zero") << bytesOf({0x00}) << true << quint64(0) << 1;
    QTest::newRow("one byte") << bytesOf({0x7f}) << true << quint64(127) << 1;
    QTest::newRow("two bytes") << bytesOf({0xac, 0x02}) << true << quint64(300) << 2;
    QTest::newRow("non-minimal") << bytesOf({0x80, 0x80, 0x00}) << true << quint64(0) << 3;
    QTest::newRow("largest") << bytesOf(
        {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
                             << true << ~quint64(0) << 10;
    QTest::newRow("ten bytes, bits past 64 dropped")
        << bytesOf({0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7e}) << true
        << quint64(1) << 10;
    QTest::newRow("eleven bytes") << bytesOf(
        {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00})
                                  << false << quint64(0) << 0;
    QTest::newRow("cut short") << bytesOf({0xac}) << false << quint64(0) << 0;
    QTest::newRow("empty") << std::string() << false << quint64(0) << 0;
}

void TestProtobufWireReader::readsVarints()
{
    QFETCH(std::string, bytes);
    QFETCH(bool, ok);
    QFETCH(quint64, value);
    QFETCH(int, length);
    ProtobufWireReader wire(bytes);
    std::uint64_t read = 0;
    QCOMPARE(wire.readVarint(&read), ok);
    if (ok) {
        QCOMPARE(quint64(read), value);
        QCOMPARE(int(wire.position()), length);
    }
}

void TestProtobufWireReader::readsTags_data()
{
    QTest::addColumn<std::string>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("fieldNumber");
    QTest::addColumn<int>("wireType");
    QTest::newRow("field 1 varint") << bytesOf({0x08}) << true << 1 << 0;
    QTest::newRow("field 9 length-delimited") << bytesOf({0x4a}) << true << 9 << 2;
    QTest::newRow("field 15 fixed32") << bytesOf({0x7d}) << true << 15 << 5;
    QTest::newRow("field 16, two bytes") << bytesOf({0x80, 0x01}) << true << 16 << 0;
    QTest::newRow("field 101 start group") << bytesOf({0xab, 0x06}) << true << 101 << 3;
    QTest::newRow("five bytes, non-minimal")
        << bytesOf({0xaa, 0x80, 0x80, 0x80, 0x00}) << true << 5 << 2;
    QTest::newRow("largest field number")
        << bytesOf({0xf8, 0xff, 0xff, 0xff, 0x0f}) << true << 0x1fffffff << 0;
    QTest::newRow("five bytes, bits past 32 dropped")
        << bytesOf({0xf8, 0xff, 0xff, 0xff, 0x7f}) << true << 0x1fffffff << 0;
    QTest::newRow("wire type 7 is a tag; its value cannot be read")
        << bytesOf({0x0f}) << true << 1 << 7;
    QTest::newRow("six bytes") << bytesOf({0xaa, 0x80, 0x80, 0x80, 0x80, 0x00}) << false << 0 << 0;
    QTest::newRow("zero tag") << bytesOf({0x00}) << false << 0 << 0;
    QTest::newRow("field number 0, varint") << bytesOf({0x00, 0x01}) << false << 0 << 0;
    QTest::newRow("field number 0, length-delimited") << bytesOf({0x02}) << false << 0 << 0;
    QTest::newRow("field number 0, fixed32") << bytesOf({0x05}) << false << 0 << 0;
    QTest::newRow("field number 0, non-minimal") << bytesOf({0x82, 0x00}) << false << 0 << 0;
    QTest::newRow("cut short") << bytesOf({0x80}) << false << 0 << 0;
}

void TestProtobufWireReader::readsTags()
{
    QFETCH(std::string, bytes);
    QFETCH(bool, ok);
    QFETCH(int, fieldNumber);
    QFETCH(int, wireType);
    ProtobufWireReader wire(bytes);
    Tag tag;
    QCOMPARE(wire.readTag(&tag), ok);
    if (ok) {
        QCOMPARE(tag.fieldNumber, fieldNumber);
        QCOMPARE(int(tag.wireType), wireType);
        QCOMPARE(tag.offset, std::size_t(0));
        QVERIFY(wire.atEnd());
    }
}

void TestProtobufWireReader::readsFixedWidthValues_data()
{
    QTest::addColumn<std::string>("bytes");
    QTest::addColumn<int>("width");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<quint64>("value");
    QTest::newRow("fixed32, little-endian")
        << bytesOf({0x01, 0x02, 0x03, 0x84}) << 4 << true << quint64(0x84030201);
    QTest::newRow("fixed64, little-endian")
        << bytesOf({0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x88}) << 8 << true
        << quint64(0x8807060504030201);
    QTest::newRow("fixed32 cut short") << bytesOf({0x01, 0x02, 0x03}) << 4 << false << quint64(0);
    QTest::newRow("fixed64 cut short")
        << bytesOf({0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07}) << 8 << false << quint64(0);
}

void TestProtobufWireReader::readsFixedWidthValues()
{
    QFETCH(std::string, bytes);
    QFETCH(int, width);
    QFETCH(bool, ok);
    QFETCH(quint64, value);
    ProtobufWireReader wire(bytes);
    std::uint64_t read = 0;
    std::uint32_t read32 = 0;
    QCOMPARE(width == 4 ? wire.readFixed32(&read32) : wire.readFixed64(&read), ok);
    if (ok) {
        QCOMPARE(width == 4 ? quint64(read32) : quint64(read), value);
        QVERIFY(wire.atEnd());
    }
}

void TestProtobufWireReader::readsLengthDelimitedValues_data()
{
    QTest::addColumn<std::string>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<std::string>("value");
    QTest::newRow("empty") << bytesOf({0x00}) << true << std::string();
    QTest::newRow("three bytes") << bytesOf({0x03, 'a', 'b', 'c'}) << true << std::string("abc");
    QTest::newRow("non-minimal length")
        << bytesOf({0x83, 0x00, 'a', 'b', 'c'}) << true << std::string("abc");
    QTest::newRow("five-byte length")
        << bytesOf({0x83, 0x80, 0x80, 0x80, 0x00, 'a', 'b', 'c'}) << true << std::string("abc");
    QTest::newRow("six-byte length")
        << bytesOf({0x83, 0x80, 0x80, 0x80, 0x80, 0x00, 'a', 'b', 'c'}) << false << std::string();
    QTest::newRow("length of 2 GiB or more")
        << bytesOf({0x83, 0x80, 0x80, 0x80, 0x08, 'a', 'b', 'c'}) << false << std::string();
    QTest::newRow("length past the end")
        << bytesOf({0x04, 'a', 'b', 'c'}) << false << std::string();
    QTest::newRow("cut short length") << bytesOf({0x83}) << false << std::string();
}

void TestProtobufWireReader::readsLengthDelimitedValues()
{
    QFETCH(std::string, bytes);
    QFETCH(bool, ok);
    QFETCH(std::string, value);
    ProtobufWireReader wire(bytes);
    std::string_view read;
    QCOMPARE(wire.readLengthDelimited(&read), ok);
    if (ok) {
        QCOMPARE(std::string(read), value);
        QVERIFY(wire.atEnd());
    }
}

void TestProtobufWireReader::walksMessages_data()
{
    QTest::addColumn<std::string>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::newRow("empty") << std::string() << true;
    QTest::newRow("every wire type")
        << bytesOf({0x10, 0x96, 0x01})                                     // field 2 varint
               + bytesOf({0x19, 1, 2, 3, 4, 5, 6, 7, 8})                   // field 3 fixed64
               + bytesOf({0x25, 1, 2, 3, 4})                               // field 4 fixed32
               + lengthDelimited(5, "skipped")                             // length-delimited
               + bytesOf({0x3b, 0x08, 0x01, 0x3b, 0x3c, 0x12, 0x00, 0x3c}) // group in group
               + lengthDelimited(1, lengthDelimited(1, ""))                // submessages
        << true;
    QTest::newRow("group end of another field") << bytesOf({0x3b, 0x44}) << false;
    QTest::newRow("group that never ends") << bytesOf({0x3b, 0x08, 0x01}) << false;
    QTest::newRow("group ending after its message")
        << lengthDelimited(1, bytesOf({0x3b})) + bytesOf({0x3c}) << false;
    QTest::newRow("end-group outside a group") << bytesOf({0x3c}) << false;
    QTest::newRow("wire type 6") << bytesOf({0x0e, 0x00}) << false;
    QTest::newRow("wire type 7") << bytesOf({0x0f, 0x00}) << false;
    QTest::newRow("field number 0, varint") << bytesOf({0x00, 0x01}) << false;
    QTest::newRow("field number 0, length-delimited") << bytesOf({0x02, 0x00}) << false;
    QTest::newRow("field number 0, fixed32") << bytesOf({0x05, 1, 2, 3, 4}) << false;
    QTest::newRow("field number 0, fixed64") << bytesOf({0x01, 1, 2, 3, 4, 5, 6, 7, 8}) << false;
    QTest::newRow("field number 0, group") << bytesOf({0x03, 0x04}) << false;
    QTest::newRow("field number 0 in a submessage")
        << lengthDelimited(1, bytesOf({0x02, 0x00})) << false;
    QTest::newRow("field number 0 in a group") << bytesOf({0x3b, 0x02, 0x00, 0x3c}) << false;
    QTest::newRow("eleven-byte varint")
        << bytesOf({0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
        << false;
    QTest::newRow("fixed64 cut short") << bytesOf({0x19, 1, 2, 3}) << false;
    QTest::newRow("value crossing its submessage's end")
        << lengthDelimited(1, bytesOf({0x2a, 0x03, 'a'})) + "bc" << false;
    QTest::newRow("submessage longer than what is left") << bytesOf({0x0a, 0x05, 0x08}) << false;
}

void TestProtobufWireReader::walksMessages()
{
    QFETCH(std::string, bytes);
    QFETCH(bool, ok);
    QCOMPARE(wellFormed(bytes), ok);
}

void TestProtobufWireReader::limitsNesting_data()
{
    QTest::addColumn<std::string>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::newRow("messages 64 deep") << nestedMessages(64, {}) << true;
    QTest::newRow("messages 100 deep") << nestedMessages(100, {}) << true;
    QTest::newRow("messages 101 deep") << nestedMessages(101, {}) << false;
    QTest::newRow("groups 64 deep") << nestedGroups(7, 64) << true;
    QTest::newRow("groups 100 deep") << nestedGroups(7, 100) << true;
    QTest::newRow("groups 101 deep") << nestedGroups(7, 101) << false;
    QTest::newRow("groups 50 deep in messages 50 deep")
        << nestedMessages(50, nestedGroups(7, 50)) << true;
    QTest::newRow("groups 51 deep in messages 50 deep")
        << nestedMessages(50, nestedGroups(7, 51)) << false;
    QTest::newRow("messages 200 deep") << nestedMessages(200, {}) << false;
}

void TestProtobufWireReader::limitsNesting()
{
    QFETCH(std::string, bytes);
    QFETCH(bool, ok);
    QCOMPARE(wellFormed(bytes), ok);
}

// A field's tag offset and the position after its value slice out the field exactly as it was
// written, non-minimal encodings included.
void TestProtobufWireReader::tagOffsetsKeepFieldsAsSent()
{
    const std::string first = bytesOf({0x88, 0x00, 0x05}); // field 1, non-minimal tag
    const std::string second = lengthDelimited(2, lengthDelimited(3, "x")); // a submessage
    const std::string third = bytesOf({0x1d, 1, 2, 3, 4});                  // field 3 fixed32
    const std::string bytes = first + second + third;
    ProtobufWireReader wire(bytes);
    std::vector<std::string> fields;
    const bool ok = wire.readFields(0, [&](Tag tag) {
        const bool read = tag.fieldNumber == 2
                              ? wire.readMessage(1, [&](int depth) { return walk(wire, depth); })
                              : wire.skipValue(tag, 0);
        fields.emplace_back(wire.slice(tag.offset, wire.position()));
        return ProtobufWireReader::readOrMalformed(read);
    });
    QVERIFY(ok);
    QCOMPARE(fields, (std::vector<std::string>{first, second, third}));
}

QTEST_GUILESS_MAIN(TestProtobufWireReader)
#include "tst_protobuf_wire_reader.moc"
