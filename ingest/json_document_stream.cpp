#include "json_document_stream.h"

#include "compressed_file_reader.h"

#include <cstring>

namespace kansoku {

namespace {

constexpr std::size_t readChunkBytes = 4 << 20;

bool isBlank(std::string_view text)
{
    for (char c : text) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return true;
}

int emitDepthOf(JsonDocumentStream::Mode mode)
{
    switch (mode) {
    case JsonDocumentStream::Mode::Lines:
    case JsonDocumentStream::Mode::TopLevelValues:
        return 0;
    case JsonDocumentStream::Mode::ArrayElements:
        return 1;
    case JsonDocumentStream::Mode::JaegerDataElements:
        return 2;
    }
    return 0;
}

std::string sizeText(std::size_t bytes)
{
    return std::to_string(bytes >> 20) + " MiB";
}

} // namespace

JsonDocumentStream::JsonDocumentStream(CompressedFileReader &input, Mode mode,
                                       std::size_t maxDocumentBytes)
    : m_input(input)
    , m_mode(mode)
    , m_maxDocumentBytes(maxDocumentBytes)
    , m_emitDepth(emitDepthOf(mode))
{}

bool JsonDocumentStream::refill()
{
    if (m_ended)
        return false;
    // Drop the consumed prefix once it is most of the buffer, so the buffer stays about one value
    // plus one chunk in size.
    if (m_begin > 0 && m_begin >= m_buffer.size() / 2) {
        m_buffer.erase(0, m_begin);
        m_bufferOffset += std::int64_t(m_begin);
        m_scan -= m_begin;
        if (m_documentStart != noDocument)
            m_documentStart -= m_begin;
        m_begin = 0;
    }
    const std::size_t oldSize = m_buffer.size();
    m_buffer.resize(oldSize + readChunkBytes);
    const std::int64_t count = m_input.read(m_buffer.data() + oldSize, readChunkBytes);
    m_buffer.resize(oldSize + std::size_t(std::max<std::int64_t>(count, 0)));
    if (count <= 0) {
        m_ended = true;
        if (count < 0)
            m_inputError = m_input.error();
        return false;
    }
    return true;
}

bool JsonDocumentStream::next(Document *document)
{
    *document = Document{};
    return m_mode == Mode::Lines ? nextLine(document) : nextStructural(document);
}

bool JsonDocumentStream::nextLine(Document *document)
{
    while (true) {
        const char *const data = m_buffer.data();
        const void *newline = m_scan < m_buffer.size()
                                  ? std::memchr(data + m_scan, '\n', m_buffer.size() - m_scan)
                                  : nullptr;
        if (newline) {
            const std::size_t end = std::size_t(static_cast<const char *>(newline) - data);
            const std::size_t start = m_begin;
            const std::int64_t line = m_line++;
            m_begin = m_scan = end + 1;
            if (m_skippingLine) {
                m_skippingLine = false;
                continue;
            }
            std::string_view text(data + start, end - start);
            if (isBlank(text))
                continue;
            document->text = text;
            document->line = line;
            document->byteOffset = offsetOf(start);
            return true;
        }
        m_scan = m_buffer.size();
        if (!m_skippingLine && m_scan - m_begin > m_maxDocumentBytes) {
            // Report once, then forget the line's bytes until its end.
            m_skippingLine = true;
            document->line = m_line;
            document->byteOffset = offsetOf(m_begin);
            document->error = "line longer than " + sizeText(m_maxDocumentBytes) + ", skipped";
            m_begin = m_scan;
            return true;
        }
        if (m_skippingLine)
            m_begin = m_scan;
        if (!refill()) {
            // The last line may lack its line feed.
            const std::string_view rest(m_buffer.data() + m_begin, m_buffer.size() - m_begin);
            const std::size_t start = m_begin;
            m_begin = m_scan = m_buffer.size();
            if (m_skippingLine || isBlank(rest))
                return false;
            document->text = rest;
            document->line = m_line;
            document->byteOffset = offsetOf(start);
            return true;
        }
    }
}

bool JsonDocumentStream::containerAccepts() const
{
    switch (m_mode) {
    case Mode::ArrayElements:
        return m_topIsArray;
    case Mode::JaegerDataElements:
        return m_inDataArray;
    case Mode::Lines:
    case Mode::TopLevelValues:
        return true;
    }
    return false;
}

bool JsonDocumentStream::nextStructural(Document *document)
{
    while (true) {
        const std::size_t size = m_buffer.size();
        const char *const data = m_buffer.data();
        for (std::size_t i = m_scan; i < size; ++i) {
            const char c = data[i];
            if (m_inString) {
                if (m_escape)
                    m_escape = false;
                else if (c == '\\')
                    m_escape = true;
                else if (c == '"')
                    m_inString = false;
                if (m_inString && m_depth == 1 && m_mode == Mode::JaegerDataElements)
                    m_lastTopLevelString += c;
                continue;
            }
            switch (c) {
            case '\n':
                ++m_line;
                break;
            case ' ':
            case '\t':
            case '\r':
            case ',':
            case ':':
                break;
            case '"':
                m_inString = true;
                if (m_depth == 1)
                    m_lastTopLevelString.clear();
                if (m_depth == m_emitDepth && m_documentStart == noDocument && !m_skippingDocument
                    && containerAccepts() && !m_inJunk) {
                    m_inJunk = true;
                    m_scan = i + 1;
                    document->line = m_line;
                    document->byteOffset = offsetOf(i);
                    document->error = "expected a JSON object, found a string";
                    return true;
                }
                break;
            case '{':
            case '[':
                if (m_depth == 0)
                    m_topIsArray = c == '[';
                if (m_depth == m_emitDepth && c == '{' && containerAccepts()
                    && m_documentStart == noDocument && !m_skippingDocument) {
                    m_documentStart = i;
                    m_documentLine = m_line;
                    m_inJunk = false;
                }
                ++m_depth;
                if (m_depth == 2 && c == '[' && m_mode == Mode::JaegerDataElements && !m_topIsArray
                    && m_lastTopLevelString == "data")
                    m_inDataArray = true;
                break;
            case '}':
            case ']':
                --m_depth;
                if (m_depth == 1 && m_mode == Mode::JaegerDataElements)
                    m_inDataArray = false;
                if (m_depth < 0) {
                    m_depth = 0;
                    m_scan = i + 1;
                    m_begin = m_scan;
                    document->line = m_line;
                    document->byteOffset = offsetOf(i);
                    document->error = std::string("unexpected '") + c + "'";
                    return true;
                }
                if (m_depth == m_emitDepth && m_skippingDocument) {
                    m_skippingDocument = false;
                } else if (m_depth == m_emitDepth && m_documentStart != noDocument) {
                    const std::size_t start = m_documentStart;
                    m_documentStart = noDocument;
                    m_scan = i + 1;
                    m_begin = m_scan;
                    document->text = std::string_view(data + start, i + 1 - start);
                    document->line = m_documentLine;
                    document->byteOffset = offsetOf(start);
                    return true;
                }
                break;
            default:
                // A number, true, false, null or stray text where an object should start.
                if (m_depth == m_emitDepth && m_documentStart == noDocument && !m_skippingDocument
                    && containerAccepts() && !m_inJunk) {
                    m_inJunk = true;
                    m_scan = i + 1;
                    m_begin = m_scan;
                    document->line = m_line;
                    document->byteOffset = offsetOf(i);
                    document->error = "expected a JSON object";
                    return true;
                }
                break;
            }
        }
        m_scan = size;
        if (m_documentStart == noDocument) {
            m_begin = m_scan;
        } else if (m_scan - m_documentStart > m_maxDocumentBytes) {
            document->line = m_documentLine;
            document->byteOffset = offsetOf(m_documentStart);
            document->error
                = "JSON value larger than " + sizeText(m_maxDocumentBytes) + ", skipped";
            m_documentStart = noDocument;
            m_skippingDocument = true;
            m_begin = m_scan;
            return true;
        }
        if (!refill()) {
            if ((m_documentStart != noDocument || m_skippingDocument) && !m_truncationReported) {
                m_truncationReported = true;
                document->line = m_documentStart != noDocument ? m_documentLine : m_line;
                document->byteOffset
                    = offsetOf(m_documentStart != noDocument ? m_documentStart : m_scan);
                document->error = "the file ends inside this JSON value (truncated)";
                m_documentStart = noDocument;
                m_begin = m_scan;
                return true;
            }
            return false;
        }
    }
}

} // namespace kansoku
