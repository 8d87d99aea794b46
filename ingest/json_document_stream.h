// Cuts a stream of JSON text into the values to decode one at a time: the lines of a JSON lines
// file, the top-level values of a file, the elements of a top-level array (Zipkin) or the elements
// of the "data" array of a top-level object (Jaeger). Keeps at most one value plus one read chunk
// in memory, so files of any size stream. One instance per file; the import worker thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kansoku {

class CompressedFileReader;

class JsonDocumentStream
{
public:
    enum class Mode { Lines, TopLevelValues, ArrayElements, JaegerDataElements };

    struct Document
    {
        std::string_view text;       // valid until the next call of next(); empty when error is set
        std::int64_t line = 0;       // 1-based line where the value starts
        std::int64_t byteOffset = 0; // offset of its first byte in the decompressed stream
        std::string error;           // set: this part of the input could not be cut out
    };

    JsonDocumentStream(CompressedFileReader &input, Mode mode, std::size_t maxDocumentBytes);

    // False at the end of the input. A read or decompression error ends the stream too:
    // inputError() then says what happened.
    bool next(Document *document);
    const std::string &inputError() const { return m_inputError; }

private:
    bool nextLine(Document *document);
    bool nextStructural(Document *document);
    // Appends the next chunk, first dropping what was consumed. False when nothing more comes.
    bool refill();
    std::int64_t offsetOf(std::size_t index) const { return m_bufferOffset + std::int64_t(index); }
    bool containerAccepts() const;

    CompressedFileReader &m_input;
    const Mode m_mode;
    const std::size_t m_maxDocumentBytes;
    const int m_emitDepth; // nesting depth at which the values we hand out start

    std::string m_buffer;
    std::size_t m_begin = 0; // first byte still needed
    std::size_t m_scan = 0;  // first byte not yet examined
    std::int64_t m_bufferOffset = 0;
    std::int64_t m_line = 1; // line number at m_scan
    bool m_ended = false;
    std::string m_inputError;

    // Lines mode: skipping the rest of a line that was too long.
    bool m_skippingLine = false;
    // Structural modes.
    static constexpr std::size_t noDocument = std::string::npos;
    int m_depth = 0;
    bool m_inString = false;
    bool m_escape = false;
    bool m_topIsArray = false;
    bool m_inDataArray = false;       // Jaeger: inside the top-level "data" array
    std::string m_lastTopLevelString; // Jaeger: the last string of the top-level object (a key)
    std::size_t m_documentStart = noDocument;
    std::int64_t m_documentLine = 0;
    bool m_skippingDocument = false; // a value too large to keep: scanned but not kept
    bool m_inJunk = false;           // inside something that is not an object where one is due
    bool m_truncationReported = false;
};

} // namespace kansoku
