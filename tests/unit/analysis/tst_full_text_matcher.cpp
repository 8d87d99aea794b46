#include "analysis/full_text_matcher.h"

#include <QTest>

using namespace kansoku;

Q_DECLARE_METATYPE(std::vector<kansoku::SearchPhrase>)

namespace {
// The matched parts of text, for readable expectations.
QStringList matchedTexts(const QString &text, const std::vector<SearchPhrase> &phrases)
{
    QStringList parts;
    for (const TextRange &range : FullTextMatcher::matches(text, phrases))
        parts.append(text.mid(range.start, range.length));
    return parts;
}

SearchPhrase words(QStringList list, bool prefix = false)
{
    return SearchPhrase{std::move(list), prefix};
}
} // namespace

class TestFullTextMatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokenize();
    void fold_data();
    void fold();
    void matches_data();
    void matches();
};

void TestFullTextMatcher::tokenize()
{
    const QString text = QStringLiteral("snake_case x+y 🚀rocket Ångström 日本語テキスト");
    QStringList folded;
    QStringList original;
    for (const FullTextToken &token : FullTextMatcher::tokenize(text)) {
        folded.append(token.folded);
        original.append(text.mid(token.start, token.length));
    }
    QCOMPARE(folded,
             (QStringList{QStringLiteral("snake"), QStringLiteral("case"), QStringLiteral("x"),
                          QStringLiteral("y"), QStringLiteral("rocket"), QStringLiteral("angstrom"),
                          QStringLiteral("日本語テキスト")}));
    QCOMPARE(original.at(5), QStringLiteral("Ångström"));
    QVERIFY(FullTextMatcher::tokenize(QStringLiteral(" -- !! ")).empty());
}

void TestFullTextMatcher::fold_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ascii") << QStringLiteral("HeLLo") << QStringLiteral("hello");
    QTest::newRow("accents") << QStringLiteral("Crème Brûlée") << QStringLiteral("cremebrulee");
    QTest::newRow("combining mark") << QStringLiteral("e\u0301t\u00e9") << QStringLiteral("ete");
    QTest::newRow("greek") << QStringLiteral("ΣΊΣΥΦΟΣ") << QStringLiteral("σισυφοσ");
}

void TestFullTextMatcher::fold()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(FullTextMatcher::fold(input), expected);
}

void TestFullTextMatcher::matches_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::vector<SearchPhrase>>("phrases");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("word, case-insensitive")
        << QStringLiteral("Connection refused; connection reset")
        << std::vector<SearchPhrase>{words({QStringLiteral("connection")})}
        << QStringList{QStringLiteral("Connection"), QStringLiteral("connection")};
    QTest::newRow("whole words only")
        << QStringLiteral("reconnection connections")
        << std::vector<SearchPhrase>{words({QStringLiteral("connection")})} << QStringList{};
    QTest::newRow("prefix") << QStringLiteral("refused refusal fuse")
                            << std::vector<SearchPhrase>{words({QStringLiteral("refus")}, true)}
                            << QStringList{QStringLiteral("refused"), QStringLiteral("refusal")};
    QTest::newRow("phrase spans separators")
        << QStringLiteral("connection   refused, connection reset")
        << std::vector<SearchPhrase>{words(
               {QStringLiteral("connection"), QStringLiteral("refused")})}
        << QStringList{QStringLiteral("connection   refused")};
    QTest::newRow("phrase with prefix end")
        << QStringLiteral("payment failed: card declined")
        << std::vector<SearchPhrase>{words({QStringLiteral("card"), QStringLiteral("dec")}, true)}
        << QStringList{QStringLiteral("card declined")};
    QTest::newRow("diacritics") << QStringLiteral("Le café est fermé")
                                << std::vector<SearchPhrase>{words({QStringLiteral("cafe")}),
                                                             words({QStringLiteral("ferme")})}
                                << QStringList{QStringLiteral("café"), QStringLiteral("fermé")};
    QTest::newRow("japanese token") << QStringLiteral("user 田中 logged in")
                                    << std::vector<SearchPhrase>{words({QStringLiteral("田中")})}
                                    << QStringList{QStringLiteral("田中")};
    QTest::newRow("overlapping merge")
        << QStringLiteral("slow query took 350 ms")
        << std::vector<SearchPhrase>{words({QStringLiteral("slow"), QStringLiteral("query")}),
                                     words({QStringLiteral("query"), QStringLiteral("took")})}
        << QStringList{QStringLiteral("slow query took")};
    QTest::newRow("surrogates before match")
        << QStringLiteral("🚀🚀 launch")
        << std::vector<SearchPhrase>{words({QStringLiteral("launch")})}
        << QStringList{QStringLiteral("launch")};
    QTest::newRow("no phrases") << QStringLiteral("anything") << std::vector<SearchPhrase>{}
                                << QStringList{};
}

void TestFullTextMatcher::matches()
{
    QFETCH(QString, text);
    QFETCH(std::vector<SearchPhrase>, phrases);
    QFETCH(QStringList, expected);
    QCOMPARE(matchedTexts(text, phrases), expected);
}

QTEST_GUILESS_MAIN(TestFullTextMatcher)
#include "tst_full_text_matcher.moc"
