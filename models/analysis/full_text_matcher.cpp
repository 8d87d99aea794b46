#include "analysis/full_text_matcher.h"

#include <algorithm>

namespace kansoku {

namespace {

enum class CharClass { Separator, Token, Mark };

CharClass classify(char32_t codePoint)
{
    if (codePoint < 128) {
        const bool alnum = (codePoint >= 'a' && codePoint <= 'z')
                           || (codePoint >= 'A' && codePoint <= 'Z')
                           || (codePoint >= '0' && codePoint <= '9');
        return alnum ? CharClass::Token : CharClass::Separator;
    }
    switch (QChar::category(codePoint)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Other_PrivateUse:
        return CharClass::Token;
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
        return CharClass::Mark;
    default:
        return CharClass::Separator;
    }
}

void appendFolded(QString &out, char32_t codePoint)
{
    if (codePoint < 128) {
        out += QChar(codePoint >= 'A' && codePoint <= 'Z' ? codePoint + 32 : codePoint);
        return;
    }
    const QString decomposed
        = QString::fromUcs4(&codePoint, 1).normalized(QString::NormalizationForm_D);
    for (const QChar c : decomposed) {
        if (!c.isMark())
            out += c.toLower();
    }
}

bool tokenMatches(const FullTextToken &token, const QString &word, bool prefix)
{
    return prefix ? token.folded.startsWith(word) : token.folded == word;
}

} // namespace

std::vector<FullTextToken> FullTextMatcher::tokenize(QStringView text)
{
    std::vector<FullTextToken> tokens;
    FullTextToken current;
    bool inToken = false;
    qsizetype i = 0;
    while (i < text.size()) {
        char32_t codePoint = text[i].unicode();
        qsizetype width = 1;
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            codePoint = QChar::surrogateToUcs4(text[i], text[i + 1]);
            width = 2;
        }
        const CharClass kind = classify(codePoint);
        // A combining mark continues a token (it is a diacritic to drop) but never starts one.
        if (kind == CharClass::Token || (kind == CharClass::Mark && inToken)) {
            if (!inToken) {
                current = FullTextToken{i, 0, {}};
                inToken = true;
            }
            appendFolded(current.folded, codePoint);
        } else if (inToken) {
            current.length = i - current.start;
            tokens.push_back(std::move(current));
            inToken = false;
        }
        i += width;
    }
    if (inToken) {
        current.length = text.size() - current.start;
        tokens.push_back(std::move(current));
    }
    return tokens;
}

QString FullTextMatcher::fold(QStringView token)
{
    QString folded;
    for (const FullTextToken &part : tokenize(token))
        folded += part.folded;
    return folded;
}

QList<TextRange> FullTextMatcher::matches(QStringView text,
                                          const std::vector<SearchPhrase> &phrases)
{
    QList<TextRange> ranges;
    if (phrases.empty())
        return ranges;
    const std::vector<FullTextToken> tokens = tokenize(text);
    for (const SearchPhrase &phrase : phrases) {
        const qsizetype length = phrase.words.size();
        if (length == 0)
            continue;
        for (std::size_t first = 0; first + length <= tokens.size(); ++first) {
            bool matched = true;
            for (qsizetype w = 0; w < length && matched; ++w) {
                const bool prefix = phrase.isPrefix && w == length - 1;
                matched = tokenMatches(tokens[first + w], phrase.words[w], prefix);
            }
            if (!matched)
                continue;
            const FullTextToken &last = tokens[first + length - 1];
            ranges.append({tokens[first].start, last.start + last.length - tokens[first].start});
        }
    }
    std::sort(ranges.begin(), ranges.end(),
              [](const TextRange &a, const TextRange &b) { return a.start < b.start; });
    QList<TextRange> merged;
    for (const TextRange &range : std::as_const(ranges)) {
        if (!merged.isEmpty() && range.start <= merged.back().start + merged.back().length) {
            TextRange &back = merged.back();
            back.length
                = std::max(back.start + back.length, range.start + range.length) - back.start;
        } else {
            merged.append(range);
        }
    }
    return merged;
}

} // namespace kansoku
