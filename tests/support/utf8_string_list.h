// A QStringList from UTF-8 literals, for tests' expected lists (the build forbids implicit
// conversions from char strings). Header-only; any thread.
#pragma once

#include <QStringList>
#include <initializer_list>

namespace kansoku::test {

inline QStringList utf8StringList(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list.append(QString::fromUtf8(text));
    return list;
}

} // namespace kansoku::test
