// Finds where a full-text search matched inside a text, the way SQLite's unicode61 tokenizer sees
// it (letters, digits and private-use characters form tokens; case and diacritics are folded), so
// views can highlight what the FTS5 index matched. Pure functions, any thread.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <vector>

namespace kansoku {

// A phrase of a full-text query: its folded words in order; the last word matches as a prefix
// when isPrefix (refus* matches "refused").
struct SearchPhrase
{
    QStringList words;
    bool isPrefix = false;
    bool operator==(const SearchPhrase &) const = default;
};

struct FullTextToken
{
    qsizetype start = 0; // in UTF-16 code units of the tokenized text
    qsizetype length = 0;
    QString folded;
};

struct TextRange
{
    qsizetype start = 0;
    qsizetype length = 0;
    bool operator==(const TextRange &) const = default;
};

class FullTextMatcher
{
public:
    static std::vector<FullTextToken> tokenize(QStringView text);
    // Lower case without diacritics ("Ångström" → "angstrom"), for one token.
    static QString fold(QStringView token);
    // The ranges of text covered by a match of any phrase, sorted and merged.
    static QList<TextRange> matches(QStringView text, const std::vector<SearchPhrase> &phrases);
};

} // namespace kansoku
