#include "analysis/statement_normalizer.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace kansoku {

namespace {

enum class TokenKind { Word, Literal, Placeholder, Punctuation, QuotedIdentifier };

struct Token
{
    TokenKind kind;
    std::string_view text;
    bool spaceBefore = false;
};

bool isWordStart(char c)
{
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_'
           || static_cast<unsigned char>(c) >= 0x80;
}

bool isWordChar(char c)
{
    return isWordStart(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

bool isDigit(char c)
{
    return std::isdigit(static_cast<unsigned char>(c));
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x))
                      == std::toupper(static_cast<unsigned char>(y));
           });
}

// One past the closing quote of a literal opened at begin ('...' with '' inside; with
// backslashEscapes also \'); the end of the text when it is not closed.
std::size_t endOfQuoted(std::string_view text, std::size_t begin, char quote, bool backslashEscapes)
{
    std::size_t i = begin + 1;
    while (i < text.size()) {
        if (backslashEscapes && text[i] == '\\') {
            i += 2;
            continue;
        }
        if (text[i] == quote) {
            if (i + 1 < text.size() && text[i + 1] == quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return text.size();
}

std::size_t endOfNumber(std::string_view text, std::size_t i)
{
    if (text.substr(i, 2) == "0x" || text.substr(i, 2) == "0X") {
        i += 2;
        while (i < text.size() && std::isxdigit(static_cast<unsigned char>(text[i])))
            ++i;
        return i;
    }
    while (i < text.size() && (isDigit(text[i]) || text[i] == '.' || text[i] == '_'))
        ++i;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        std::size_t exponent = i + 1;
        if (exponent < text.size() && (text[exponent] == '+' || text[exponent] == '-'))
            ++exponent;
        if (exponent < text.size() && isDigit(text[exponent])) {
            i = exponent;
            while (i < text.size() && isDigit(text[i]))
                ++i;
        }
    }
    return i;
}

// A dollar-quote tag ($$ or $tag$) starting at i, or an empty view.
std::string_view dollarTag(std::string_view text, std::size_t i)
{
    std::size_t j = i + 1;
    while (j < text.size() && (isWordChar(text[j]) && text[j] != '$'))
        ++j;
    if (j < text.size() && text[j] == '$' && (j == i + 1 || !isDigit(text[i + 1])))
        return text.substr(i, j - i + 1);
    return {};
}

bool endsOperand(const std::vector<Token> &tokens)
{
    if (tokens.empty())
        return false;
    const Token &last = tokens.back();
    switch (last.kind) {
    case TokenKind::Literal:
    case TokenKind::Placeholder:
    case TokenKind::QuotedIdentifier:
        return true;
    case TokenKind::Punctuation:
        return last.text == ")" || last.text == "]";
    case TokenKind::Word:
        // A keyword before a sign makes it unary ("WHERE x = - 1" is rare; "LIMIT -1" is not).
        for (std::string_view keyword :
             {"AND", "OR", "NOT", "WHERE", "SELECT", "BY", "LIMIT", "OFFSET", "THEN", "ELSE",
              "WHEN", "VALUES", "SET", "IN", "BETWEEN", "RETURN", "IS", "LIKE"}) {
            if (equalsIgnoringCase(last.text, keyword))
                return false;
        }
        return true;
    }
    return false;
}

std::vector<Token> tokenizeSql(std::string_view text)
{
    std::vector<Token> tokens;
    bool space = false;
    std::size_t i = 0;
    const auto push = [&](TokenKind kind, std::size_t begin, std::size_t end) {
        tokens.push_back({kind, text.substr(begin, end - begin), space});
        space = false;
        i = end;
    };
    while (i < text.size()) {
        const char c = text[i];
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !tokens.empty();
            ++i;
        } else if (c == '-' && next == '-') {
            const std::size_t end = text.find('\n', i);
            i = end == std::string_view::npos ? text.size() : end;
            space = !tokens.empty();
        } else if (c == '/' && next == '*') {
            const std::size_t end = text.find("*/", i + 2);
            i = end == std::string_view::npos ? text.size() : end + 2;
            space = !tokens.empty();
        } else if (c == '\'') {
            push(TokenKind::Literal, i, endOfQuoted(text, i, '\'', false));
        } else if (c == '"' || c == '`') {
            push(TokenKind::QuotedIdentifier, i, endOfQuoted(text, i, c, false));
        } else if (c == '$' && isDigit(next)) {
            std::size_t end = i + 1;
            while (end < text.size() && isDigit(text[end]))
                ++end;
            push(TokenKind::Placeholder, i, end);
        } else if (c == '$' && !dollarTag(text, i).empty()) {
            const std::string_view tag = dollarTag(text, i);
            const std::size_t close = text.find(tag, i + tag.size());
            push(TokenKind::Literal, i,
                 close == std::string_view::npos ? text.size() : close + tag.size());
        } else if (isDigit(c) || (c == '.' && isDigit(next))) {
            push(TokenKind::Literal, i, endOfNumber(text, i));
        } else if ((c == '-' || c == '+')
                   && (isDigit(next)
                       || (next == '.' && i + 2 < text.size() && isDigit(text[i + 2])))
                   && !endsOperand(tokens)) {
            push(TokenKind::Literal, i, endOfNumber(text, i + 1));
        } else if (isWordStart(c)) {
            std::size_t end = i + 1;
            while (end < text.size() && isWordChar(text[end]))
                ++end;
            const std::string_view word = text.substr(i, end - i);
            // String prefixes: E'..' (backslash escapes), N'..', X'..', B'..', U&'..'.
            if (end < text.size() && text[end] == '\''
                && (equalsIgnoringCase(word, "E") || equalsIgnoringCase(word, "N")
                    || equalsIgnoringCase(word, "X") || equalsIgnoringCase(word, "B"))) {
                push(TokenKind::Literal, i,
                     endOfQuoted(text, end, '\'', equalsIgnoringCase(word, "E")));
            } else if (equalsIgnoringCase(word, "TRUE") || equalsIgnoringCase(word, "FALSE")) {
                push(TokenKind::Literal, i, end);
            } else {
                push(TokenKind::Word, i, end);
            }
        } else if (c == '?') {
            // ?, and the numbered ?1 of some drivers.
            std::size_t end = i + 1;
            while (end < text.size() && isDigit(text[end]))
                ++end;
            push(TokenKind::Placeholder, i, end);
        } else if (c == ':' && next != ':' && isWordStart(next)
                   && (tokens.empty() || tokens.back().text != ":")) {
            std::size_t end = i + 1;
            while (end < text.size() && isWordChar(text[end]))
                ++end;
            push(TokenKind::Placeholder, i, end);
        } else if (c == '@' && next != '@' && (i == 0 || text[i - 1] != '@')
                   && (isWordStart(next) || isDigit(next))) {
            std::size_t end = i + 1;
            while (end < text.size() && isWordChar(text[end]))
                ++end;
            push(TokenKind::Placeholder, i, end);
        } else if (c == ':' && next == ':') {
            push(TokenKind::Punctuation, i, i + 2);
        } else {
            push(TokenKind::Punctuation, i, i + 1);
        }
    }
    return tokens;
}

bool isValue(const Token &token)
{
    return token.kind == TokenKind::Literal || token.kind == TokenKind::Placeholder;
}

// The index one past a balanced group opened at tokens[open] ("(" or "["), or npos.
std::size_t endOfGroup(const std::vector<Token> &tokens, std::size_t open)
{
    const std::string_view opening = tokens[open].text;
    const std::string_view closing = opening == "(" ? ")" : "]";
    int depth = 0;
    for (std::size_t i = open; i < tokens.size(); ++i) {
        if (tokens[i].kind != TokenKind::Punctuation)
            continue;
        if (tokens[i].text == opening)
            ++depth;
        else if (tokens[i].text == closing && --depth == 0)
            return i + 1;
    }
    return std::string_view::npos;
}

// Whether tokens[open..end) is "(" value ("," value)* ")" (or with brackets).
bool isValueList(const std::vector<Token> &tokens, std::size_t open, std::size_t end)
{
    if (end - open < 3)
        return false;
    for (std::size_t i = open + 1; i + 1 < end; ++i) {
        const bool wantValue = (i - open) % 2 == 1;
        if (wantValue ? !isValue(tokens[i])
                      : (tokens[i].kind != TokenKind::Punctuation || tokens[i].text != ","))
            return false;
    }
    return (end - open) % 2 == 1;
}

void appendToken(std::string &out, const Token &token, std::string_view text)
{
    if (token.spaceBefore && !out.empty())
        out += ' ';
    out += text;
}

} // namespace

StatementNormalizer::SqlShape StatementNormalizer::sqlShape(std::string_view statement)
{
    const std::vector<Token> tokens = tokenizeSql(statement);
    SqlShape shape;
    shape.hasPlaceholders = std::any_of(tokens.begin(), tokens.end(), [](const Token &t) {
        return t.kind == TokenKind::Placeholder;
    });
    std::string &out = shape.statement;
    out.reserve(statement.size());
    std::size_t i = 0;
    while (i < tokens.size()) {
        const Token &token = tokens[i];
        const bool opensGroup
            = token.kind == TokenKind::Punctuation && (token.text == "(" || token.text == "[");
        if (opensGroup) {
            const std::size_t end = endOfGroup(tokens, i);
            if (end != std::string_view::npos && isValueList(tokens, i, end)) {
                const bool afterValues = i > 0 && tokens[i - 1].kind == TokenKind::Word
                                         && equalsIgnoringCase(tokens[i - 1].text, "VALUES");
                if (afterValues) {
                    // A row keeps its arity ("VALUES (?, ?)"); the rows after it go.
                    for (std::size_t j = i; j < end; ++j)
                        appendToken(out, tokens[j], isValue(tokens[j]) ? "?" : tokens[j].text);
                } else {
                    // An IN list or array of any length is one "(?)".
                    appendToken(out, token, token.text);
                    out += '?';
                    out += tokens[end - 1].text;
                }
                i = end;
                if (afterValues) {
                    while (i + 1 < tokens.size() && tokens[i].text == ","
                           && tokens[i + 1].text == "(") {
                        const std::size_t rowEnd = endOfGroup(tokens, i + 1);
                        if (rowEnd == std::string_view::npos || !isValueList(tokens, i + 1, rowEnd))
                            break;
                        i = rowEnd;
                    }
                }
                continue;
            }
        }
        appendToken(out, token, isValue(token) ? std::string_view("?") : token.text);
        ++i;
    }
    return shape;
}

std::string StatementNormalizer::sql(std::string_view statement)
{
    return sqlShape(statement).statement;
}

bool StatementNormalizer::hasPlaceholders(std::string_view statement)
{
    return sqlShape(statement).hasPlaceholders;
}

std::string StatementNormalizer::redis(std::string_view command)
{
    std::string out;
    std::size_t i = 0;
    bool first = true;
    while (i < command.size()) {
        while (i < command.size() && std::isspace(static_cast<unsigned char>(command[i])))
            ++i;
        if (i == command.size())
            break;
        std::size_t end = i;
        if (command[i] == '"' || command[i] == '\'') {
            end = endOfQuoted(command, i, command[i], true);
        } else {
            while (end < command.size() && !std::isspace(static_cast<unsigned char>(command[end])))
                ++end;
        }
        if (first) {
            for (std::size_t j = i; j < end; ++j)
                out += char(std::toupper(static_cast<unsigned char>(command[j])));
            first = false;
        } else {
            out += " ?";
        }
        i = end;
    }
    return out;
}

std::string StatementNormalizer::json(std::string_view document)
{
    std::string out;
    out.reserve(document.size());
    std::size_t i = 0;
    while (i < document.size()) {
        const char c = document[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (c == '"' || c == '\'') {
            const std::size_t end = endOfQuoted(document, i, c, true);
            std::size_t after = end;
            while (after < document.size()
                   && std::isspace(static_cast<unsigned char>(document[after])))
                ++after;
            const bool isKey = after < document.size() && document[after] == ':';
            if (isKey)
                out.append(document.substr(i, end - i));
            else
                out += '?';
            i = end;
        } else if (isDigit(c)
                   || ((c == '-' || c == '+') && i + 1 < document.size()
                       && isDigit(document[i + 1]))) {
            out += '?';
            i = endOfNumber(document, c == '-' || c == '+' ? i + 1 : i);
        } else if (isWordStart(c) || c == '$') {
            std::size_t end = i + 1;
            while (end < document.size() && (isWordChar(document[end]) || document[end] == '.'))
                ++end;
            const std::string_view word = document.substr(i, end - i);
            std::size_t after = end;
            while (after < document.size()
                   && std::isspace(static_cast<unsigned char>(document[after])))
                ++after;
            const bool isKey = after < document.size() && document[after] == ':';
            if (!isKey && (word == "true" || word == "false" || word == "null"))
                out += '?';
            else
                out.append(word);
            i = end;
        } else {
            out += c;
            ++i;
        }
    }
    // Arrays of values of any length become "[?]".
    std::string collapsed;
    collapsed.reserve(out.size());
    for (std::size_t j = 0; j < out.size(); ++j) {
        if (out[j] == '[') {
            std::size_t k = j + 1;
            bool valuesOnly = k < out.size() && out[k] == '?';
            while (valuesOnly && k < out.size() && out[k] == '?') {
                ++k;
                if (k < out.size() && out[k] == ',')
                    ++k;
                else
                    break;
            }
            if (valuesOnly && k < out.size() && out[k] == ']') {
                collapsed += "[?]";
                j = k;
                continue;
            }
        }
        collapsed += out[j];
    }
    return collapsed;
}

namespace {

bool isUuid(std::string_view s)
{
    if (s.size() != 36)
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i])))
            return false;
    }
    return true;
}

bool isIdSegment(std::string_view segment)
{
    if (segment.empty())
        return false;
    const auto digits = std::count_if(segment.begin(), segment.end(), isDigit);
    if (digits == 0)
        return false;
    if (std::size_t(digits) == segment.size() || isUuid(segment))
        return true;
    const bool allHex = std::all_of(segment.begin(), segment.end(), [](char c) {
        return std::isxdigit(static_cast<unsigned char>(c));
    });
    if (allHex && segment.size() >= 8)
        return true;
    // Slugs with numbers ("order-1234", "INV2024000017"); short ones like "v1" or "h2" stay.
    return segment.size() >= 6 && digits >= 3;
}

// The random suffixes Kubernetes appends to names (rand.String: consonants and digits, no
// vowels, so they never spell a word): 5 characters for a job's or replica set's pod, 10 for a
// pod-template hash (some older ones have 9 or 8).
bool isKubernetesSuffix(std::string_view segment)
{
    constexpr std::string_view alphabet = "bcdfghjklmnpqrstvwxz2456789";
    if (segment.size() != 5 && (segment.size() < 8 || segment.size() > 10))
        return false;
    return std::all_of(segment.begin(), segment.end(),
                       [&](char c) { return alphabet.find(c) != std::string_view::npos; });
}

bool isNameSeparator(char c)
{
    return c == '-' || c == '_' || c == '.' || c == ':' || c == '/';
}

} // namespace

std::string StatementNormalizer::spanName(std::string_view name)
{
    std::string out;
    out.reserve(name.size());
    std::size_t i = 0;
    bool firstPart = true; // of a word
    while (i < name.size()) {
        const char c = name[i];
        if (c == ' ' || isNameSeparator(c)) {
            out += c;
            firstPart = firstPart || c == ' ';
            ++i;
            continue;
        }
        if (i + 36 <= name.size() && isUuid(name.substr(i, 36))) {
            out += "{id}";
            i += 36;
            firstPart = false;
            continue;
        }
        std::size_t end = i;
        while (end < name.size() && name[end] != ' ' && !isNameSeparator(name[end]))
            ++end;
        const std::string_view part = name.substr(i, end - i);
        const bool generated = isIdSegment(part) || (!firstPart && isKubernetesSuffix(part));
        out.append(generated ? std::string_view("{id}") : part);
        firstPart = false;
        i = end;
    }
    return out;
}

std::string StatementNormalizer::urlPath(std::string_view path)
{
    const std::size_t stop = path.find_first_of("?#");
    if (stop != std::string_view::npos)
        path = path.substr(0, stop);
    std::string out;
    out.reserve(path.size());
    std::size_t i = 0;
    while (i <= path.size()) {
        const std::size_t slash = path.find('/', i);
        const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
        const std::string_view segment = path.substr(i, end - i);
        out.append(isIdSegment(segment) ? std::string_view("{id}") : segment);
        if (slash == std::string_view::npos)
            break;
        out += '/';
        i = slash + 1;
    }
    return out;
}

} // namespace kansoku
