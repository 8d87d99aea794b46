#include "analysis/log_search_parser.h"

#include "core/log_severity.h"

#include <QRegularExpression>
#include <algorithm>

namespace kansoku {

namespace {

struct Item
{
    enum class Kind { Phrase, And, Or, Not, Open, Close, Filter };
    Kind kind = Kind::Phrase;
    QString text;   // the phrase, or the filter token as typed
    QString column; // "body" / "attributes" for a column-filtered phrase
    bool isPrefix = false;
};

QString quoted(const QString &text)
{
    return QStringLiteral("“") + text + QStringLiteral("”");
}

QString ftsPhrase(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

bool isOperator(Item::Kind kind)
{
    return kind == Item::Kind::And || kind == Item::Kind::Or || kind == Item::Kind::Not;
}

QString operatorName(Item::Kind kind)
{
    switch (kind) {
    case Item::Kind::And:
        return QStringLiteral("AND");
    case Item::Kind::Or:
        return QStringLiteral("OR");
    case Item::Kind::Not:
        return QStringLiteral("NOT");
    default:
        return {};
    }
}

class Parser
{
public:
    explicit Parser(const QString &text)
        : m_text(text)
    {}

    LogSearch run()
    {
        if (!lex() || !checkFilterPlacement() || !applyFilters() || !parseExpression())
            return failure();
        m_search.fullText = m_fullText.join(QLatin1Char(' ')).toStdString();
        return std::move(m_search);
    }

private:
    LogSearch failure()
    {
        LogSearch failed;
        failed.errorMessage = m_error;
        return failed;
    }

    bool fail(const QString &message)
    {
        m_error = message;
        return false;
    }

    // Reads a quoted string starting at m_pos (on the quote); "" inside is a literal quote.
    bool readQuoted(QString *out)
    {
        ++m_pos;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos++];
            if (c != QLatin1Char('"')) {
                *out += c;
                continue;
            }
            if (m_pos < m_text.size() && m_text[m_pos] == QLatin1Char('"')) {
                *out += c;
                ++m_pos;
                continue;
            }
            return true;
        }
        return fail(QStringLiteral("Missing closing quote: every \" needs a partner, as in "
                                   "\"connection refused\"."));
    }

    bool lex()
    {
        static const QRegularExpression filterPattern(
            QStringLiteral("^([A-Za-z_][A-Za-z0-9_.\\-/]*)(>=|>|:|=)(.*)$"),
            QRegularExpression::DotMatchesEverythingOption);
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (c.isSpace()) {
                ++m_pos;
            } else if (c == QLatin1Char('(')) {
                m_items.push_back({Item::Kind::Open, {}, {}, false});
                ++m_pos;
            } else if (c == QLatin1Char(')')) {
                m_items.push_back({Item::Kind::Close, {}, {}, false});
                ++m_pos;
            } else if (c == QLatin1Char('"')) {
                Item phrase;
                if (!readQuoted(&phrase.text))
                    return false;
                if (m_pos < m_text.size() && m_text[m_pos] == QLatin1Char('*')) {
                    phrase.isPrefix = true;
                    ++m_pos;
                }
                if (!addPhrase(std::move(phrase)))
                    return false;
            } else {
                const qsizetype start = m_pos;
                while (m_pos < m_text.size() && !m_text[m_pos].isSpace()
                       && m_text[m_pos] != QLatin1Char('(') && m_text[m_pos] != QLatin1Char(')')
                       && m_text[m_pos] != QLatin1Char('"'))
                    ++m_pos;
                QString word = m_text.mid(start, m_pos - start);
                const bool endsWithOperator = word.endsWith(QLatin1Char(':'))
                                              || word.endsWith(QLatin1Char('='))
                                              || word.endsWith(QLatin1Char('>'));
                if (endsWithOperator && m_pos < m_text.size() && m_text[m_pos] == QLatin1Char('"')
                    && filterPattern.match(word).hasMatch()) {
                    // key:"quoted value"
                    QString value;
                    if (!readQuoted(&value))
                        return false;
                    if (!addWord(word, value))
                        return false;
                    continue;
                }
                const QRegularExpressionMatch filter = filterPattern.match(word);
                // A URL (https://host/path) is text to find, not a filter on the key "https".
                const bool isUrl = filter.hasMatch() && filter.captured(2) == QLatin1String(":")
                                   && filter.captured(3).startsWith(QLatin1String("//"));
                if (filter.hasMatch() && !isUrl) {
                    if (!addWord(word.left(filter.capturedStart(3)), filter.captured(3)))
                        return false;
                } else if (!addPlainWord(word)) {
                    return false;
                }
            }
        }
        return true;
    }

    bool addPlainWord(const QString &word)
    {
        if (word == QLatin1String("AND")) {
            m_items.push_back({Item::Kind::And, word, {}, false});
            return true;
        }
        if (word == QLatin1String("OR")) {
            m_items.push_back({Item::Kind::Or, word, {}, false});
            return true;
        }
        if (word == QLatin1String("NOT")) {
            m_items.push_back({Item::Kind::Not, word, {}, false});
            return true;
        }
        if (word.startsWith(QLatin1Char('-'))) {
            return fail(quoted(word)
                        + QStringLiteral(": to leave out logs with a word, write NOT before it, "
                                         "after what you search for: timeout NOT retry."));
        }
        Item phrase;
        phrase.text = word;
        if (word.endsWith(QLatin1Char('*'))) {
            phrase.isPrefix = true;
            phrase.text.chop(1);
        }
        if (phrase.text.contains(QLatin1Char('*')) || (phrase.isPrefix && phrase.text.isEmpty())) {
            return fail(QStringLiteral("* only ends a word, to search by prefix: refus* finds "
                                       "refused and refusal."));
        }
        return addPhrase(std::move(phrase));
    }

    bool addPhrase(Item phrase, const QString &typed = {})
    {
        if (FullTextMatcher::tokenize(phrase.text).empty()) {
            const QString shown = typed.isEmpty() ? phrase.text : typed;
            if (shown.isEmpty())
                return fail(QStringLiteral("Empty quotes: put the words to find between them."));
            return fail(quoted(shown)
                        + QStringLiteral(" has no letters or digits to search for; punctuation "
                                         "is not indexed."));
        }
        phrase.kind = Item::Kind::Phrase;
        m_items.push_back(std::move(phrase));
        return true;
    }

    // key + operator (as typed, e.g. "service:") and its value.
    bool addWord(const QString &keyAndOperator, const QString &value)
    {
        const QString typed = keyAndOperator + value;
        QString key = keyAndOperator;
        QString op;
        while (!key.isEmpty()
               && (key.back() == QLatin1Char(':') || key.back() == QLatin1Char('=')
                   || key.back() == QLatin1Char('>'))) {
            op.prepend(key.back());
            key.chop(1);
        }
        if (value.isEmpty()) {
            return fail(quoted(typed)
                        + QStringLiteral(" needs a value, as in service:checkout, "
                                         "severity>=warn, trace:<32 hex digits> or "
                                         "http.method=GET. To search for the text, quote it."));
        }
        const QString lowerKey = key.toLower();
        if ((lowerKey == QLatin1String("body") || lowerKey == QLatin1String("attributes"))
            && op == QLatin1String(":")) {
            Item phrase;
            phrase.column = lowerKey;
            phrase.text = value;
            if (phrase.text.endsWith(QLatin1Char('*'))) {
                phrase.isPrefix = true;
                phrase.text.chop(1);
            }
            return addPhrase(std::move(phrase), typed);
        }
        m_items.push_back({Item::Kind::Filter, typed, {}, false});
        m_filters.push_back({key, op, value});
        return true;
    }

    // Filters narrow the whole search: they cannot sit inside parentheses or next to AND/OR/NOT.
    bool checkFilterPlacement()
    {
        int depth = 0;
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            const Item &item = m_items[i];
            if (item.kind == Item::Kind::Open)
                ++depth;
            else if (item.kind == Item::Kind::Close)
                --depth;
            if (item.kind != Item::Kind::Filter)
                continue;
            const bool besideOperator
                = (i > 0 && isOperator(m_items[i - 1].kind))
                  || (i + 1 < m_items.size() && isOperator(m_items[i + 1].kind));
            if (depth > 0 || besideOperator) {
                return fail(quoted(item.text)
                            + QStringLiteral(" is a filter and applies to the whole search: "
                                             "put it outside parentheses and away from "
                                             "AND/OR/NOT."));
            }
        }
        std::erase_if(m_items, [](const Item &item) { return item.kind == Item::Kind::Filter; });
        return true;
    }

    bool applyFilters()
    {
        for (const Filter &filter : m_filters) {
            const QString key = filter.key.toLower();
            const QString typed = filter.key + filter.op + filter.value;
            if (key == QLatin1String("severity") || key == QLatin1String("level")) {
                std::optional<std::int32_t> minimum = LogSeverity::parseMinimum(filter.value);
                if (!minimum) {
                    return fail(quoted(typed)
                                + QStringLiteral(": the severity is trace, debug, info, warn, "
                                                 "error, fatal or a number from 1 to 24."));
                }
                if (filter.op == QLatin1String(">")) {
                    bool isNumber = false;
                    filter.value.toInt(&isNumber);
                    const LogSeverity::Level level = LogSeverity::levelOf(*minimum);
                    *minimum = isNumber
                                   ? *minimum + 1
                                   : LogSeverity::firstNumberOf(static_cast<LogSeverity::Level>(
                                       static_cast<int>(level) + 1));
                    if (*minimum > 24 || *minimum <= 0)
                        return fail(quoted(typed) + QStringLiteral(": nothing is above FATAL."));
                }
                m_search.minSeverityNumber = std::max(m_search.minSeverityNumber, *minimum);
                continue;
            }
            if (filter.op == QLatin1String(">=") || filter.op == QLatin1String(">")) {
                return fail(quoted(typed)
                            + QStringLiteral(": only severity compares with > or >=; attributes "
                                             "match exactly (key=value)."));
            }
            if (key == QLatin1String("service")) {
                if (m_search.service && *m_search.service != filter.value.toStdString())
                    return fail(QStringLiteral("Only one service: filter at a time."));
                m_search.service = filter.value.toStdString();
            } else if (key == QLatin1String("trace")) {
                const auto id = idFromHex<16>(filter.value.trimmed().toStdString());
                if (!id || id->isZero()) {
                    return fail(quoted(typed) + QStringLiteral(": a trace id is 32 hex digits."));
                }
                m_search.traceId = *id;
            } else if (key == QLatin1String("span")) {
                const auto id = idFromHex<8>(filter.value.trimmed().toStdString());
                if (!id || id->isZero())
                    return fail(quoted(typed) + QStringLiteral(": a span id is 16 hex digits."));
                m_search.spanId = *id;
            } else {
                m_search.attributeFilters.push_back(
                    {filter.key.toStdString(), filter.value.toStdString()});
            }
        }
        return true;
    }

    // expression := and (OR and)*; and := not ([AND] not)*; not := primary (NOT primary)*;
    // primary := phrase | ( expression ). Checks the syntax FTS5 accepts and emits the query.
    bool parseExpression()
    {
        if (m_items.empty())
            return true;
        if (!parseOr(false))
            return false;
        if (m_index < m_items.size()) {
            return fail(QStringLiteral("“)” has no matching “(”."));
        }
        return true;
    }

    bool parseOr(bool negated)
    {
        if (!parseAnd(negated))
            return false;
        while (peek() == Item::Kind::Or) {
            appendOutput(QStringLiteral("OR"));
            ++m_index;
            if (!parseAnd(negated))
                return false;
        }
        return true;
    }

    bool parseAnd(bool negated)
    {
        if (!parseNot(negated))
            return false;
        for (;;) {
            const std::optional<Item::Kind> next = peek();
            if (next == Item::Kind::And) {
                ++m_index;
            } else if (next != Item::Kind::Phrase && next != Item::Kind::Open) {
                return true;
            }
            // FTS5 joins only bare phrases implicitly ("a (b)" is a syntax error there): the
            // output always spells AND out.
            appendOutput(QStringLiteral("AND"));
            if (!parseNot(negated))
                return false;
        }
    }

    bool parseNot(bool negated)
    {
        if (!parsePrimary(negated))
            return false;
        while (peek() == Item::Kind::Not) {
            appendOutput(QStringLiteral("NOT"));
            ++m_index;
            if (!parsePrimary(true))
                return false;
        }
        return true;
    }

    bool parsePrimary(bool negated)
    {
        const std::optional<Item::Kind> next = peek();
        const QString previous = m_index > 0 ? operatorName(m_items[m_index - 1].kind) : QString();
        if (!next) {
            if (!previous.isEmpty()) {
                return fail(previous
                            + QStringLiteral(" needs a search term after it, as in "
                                             "timeout NOT retry."));
            }
            return fail(QStringLiteral("Missing “)”: close every “(”."));
        }
        if (isOperator(*next)) {
            const QString name = operatorName(*next);
            if (!previous.isEmpty())
                return fail(previous + QStringLiteral(" and ") + name
                            + QStringLiteral(" cannot follow each other."));
            if (*next == Item::Kind::Not) {
                return fail(QStringLiteral("NOT needs a search term before it: write "
                                           "timeout NOT retry (NOT alone cannot start a "
                                           "search)."));
            }
            return fail(name + QStringLiteral(" needs a search term before it."));
        }
        if (*next == Item::Kind::Close) {
            if (m_index > 0 && m_items[m_index - 1].kind == Item::Kind::Open)
                return fail(QStringLiteral("Empty parentheses: put a search term inside."));
            if (!previous.isEmpty())
                return fail(previous + QStringLiteral(" needs a search term after it."));
            return fail(QStringLiteral("“)” has no matching “(”."));
        }
        const Item &item = m_items[m_index++];
        if (item.kind == Item::Kind::Open) {
            appendOutput(QStringLiteral("("));
            if (!parseOr(negated))
                return false;
            if (peek() != Item::Kind::Close)
                return fail(QStringLiteral("Missing “)”: close every “(”."));
            ++m_index;
            appendOutput(QStringLiteral(")"));
            return true;
        }
        QString phrase = ftsPhrase(item.text) + (item.isPrefix ? QStringLiteral("*") : QString());
        if (!item.column.isEmpty())
            phrase = item.column + QStringLiteral(" : ") + phrase;
        appendOutput(phrase);
        if (!negated && item.column != QLatin1String("attributes")) {
            SearchPhrase highlight;
            for (const FullTextToken &token : FullTextMatcher::tokenize(item.text))
                highlight.words.append(token.folded);
            highlight.isPrefix = item.isPrefix;
            m_search.highlightPhrases.push_back(std::move(highlight));
        }
        return true;
    }

    std::optional<Item::Kind> peek() const
    {
        if (m_index >= m_items.size())
            return std::nullopt;
        return m_items[m_index].kind;
    }

    void appendOutput(const QString &text) { m_fullText.append(text); }

    struct Filter
    {
        QString key;
        QString op;
        QString value;
    };

    const QString &m_text;
    qsizetype m_pos = 0;
    std::vector<Item> m_items;
    std::vector<Filter> m_filters;
    std::size_t m_index = 0;
    QStringList m_fullText;
    QString m_error;
    LogSearch m_search;
};

} // namespace

bool LogSearch::hasFilters() const
{
    return !fullText.empty() || minSeverityNumber > 0 || service || traceId || spanId
           || !attributeFilters.empty();
}

void LogSearch::applyTo(LogQuery *query) const
{
    query->fullText = fullText;
    query->minSeverityNumber = std::max(query->minSeverityNumber, minSeverityNumber);
    if (service)
        query->service = *service;
    if (traceId)
        query->traceId = traceId;
    if (spanId)
        query->spanId = spanId;
    query->attributeFilters.insert(query->attributeFilters.end(), attributeFilters.begin(),
                                   attributeFilters.end());
}

LogSearch LogSearchParser::parse(const QString &text)
{
    return Parser(text).run();
}

} // namespace kansoku
