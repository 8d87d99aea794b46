#include "formats/export_file.h"

namespace kansoku {

ExportFile::ExportFile(const QString &path)
    : m_file(path)
{
    m_result.path = path;
    if (!m_file.open(QIODevice::WriteOnly))
        m_error = m_file.errorString();
}

bool ExportFile::write(const QByteArray &bytes)
{
    if (!m_error.isEmpty())
        return false;
    if (m_file.write(bytes) != bytes.size()) {
        m_error = m_file.errorString();
        return false;
    }
    return true;
}

bool ExportFile::writeLine(const std::string &line)
{
    QByteArray bytes(line.data(), static_cast<qsizetype>(line.size()));
    bytes += '\n';
    return write(bytes);
}

ExportResult ExportFile::finish()
{
    if (m_error.isEmpty() && !m_file.commit())
        m_error = m_file.errorString();
    if (!m_error.isEmpty()) {
        m_file.cancelWriting();
        m_result.error = QStringLiteral("Cannot write %1: %2").arg(m_result.path, m_error);
        m_result.items = 0;
        return m_result;
    }
    m_result.ok = true;
    return m_result;
}

} // namespace kansoku
